package dev.dobby.agent.runner;

import dev.dobby.protocol.TaskStatus;

/**
 * How a run ended.
 *
 * @param exitCode the agent's exit code; null if it never started or was killed by a signal we sent
 * @param reason   why it did not complete, in a sentence; null when it completed
 */
public record RunResult(TaskStatus status, Integer exitCode, double durationSeconds, ParsedResult parsed,
                        String reason) {
}
