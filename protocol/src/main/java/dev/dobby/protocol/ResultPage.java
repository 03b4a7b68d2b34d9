package dev.dobby.protocol;

import java.util.List;

/** One page of results, newest first. */
public record ResultPage(List<TaskResult> results, long total, int limit, int offset) {
    public ResultPage {
        results = List.copyOf(results);
    }
}
