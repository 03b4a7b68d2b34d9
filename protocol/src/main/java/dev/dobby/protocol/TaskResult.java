package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What a finished attempt produced.
 *
 * @param summary       the agent's final words, or the last lines of output for a shell task
 * @param artifactsDir  where the hub keeps this task's files (result.json, output.log, anything the task left)
 * @param incomplete    the output stream ended before the agent reported a result (it was killed or crashed)
 */
public record TaskResult(
        long taskId,
        int attempt,
        TaskStatus status,
        String summary,
        Integer exitCode,
        double durationSeconds,
        String artifactsDir,
        List<String> filesChanged,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        Integer turns,
        String sessionId,
        String branch,
        boolean incomplete,
        Instant createdAt) {

    public TaskResult {
        filesChanged = filesChanged == null ? List.of() : List.copyOf(filesChanged);
    }
}
