package dev.dobby.protocol.work;

import java.util.List;
import java.util.Map;

/**
 * What a parser has learned so far about a running agent: the live half of detail-status.
 *
 * @param currentStep  what it is doing now ("Edit src/App.java", "thinking")
 * @param tools        tool name to number of calls so far
 * @param tokensIn     input tokens so far (including cache reads), when the agent reports them
 */
public record AgentProgress(String currentStep, List<String> filesRead, List<String> filesEdited,
                            Map<String, Integer> tools, Long tokensIn, Long tokensOut, Double costUsd,
                            String model, String sessionId) {
    public AgentProgress {
        filesRead = filesRead == null ? List.of() : List.copyOf(filesRead);
        filesEdited = filesEdited == null ? List.of() : List.copyOf(filesEdited);
        tools = tools == null ? Map.of() : Map.copyOf(tools);
    }
}
