package dev.dobby.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a task's agent is doing right now, as far as the hub knows.
 *
 * @param waitingReason why a pending or blocked task has not started, if the hub can tell
 * @param stuck         the waiting reason will not lift by itself: someone has to act (see {@link Waiting#stuck})
 * @param tools         tool name to number of calls so far
 * @param placement     where a batch scheduler (Slurm) put the current attempt: job id, state, node, partition;
 *                      null for attempts run directly by their worker
 */
public record DetailStatus(
        long taskId,
        TaskStatus status,
        String statusReason,
        String waitingReason,
        boolean stuck,
        String worker,
        int attempt,
        Instant startedAt,
        Double elapsedSeconds,
        String currentStep,
        String lastOutput,
        long outputLines,
        List<String> filesRead,
        List<String> filesEdited,
        Map<String, Integer> tools,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        dev.dobby.protocol.work.Placement placement) {

    public DetailStatus {
        filesRead = filesRead == null ? List.of() : List.copyOf(filesRead);
        filesEdited = filesEdited == null ? List.of() : List.copyOf(filesEdited);
        tools = tools == null ? Map.of() : Map.copyOf(tools);
    }
}
