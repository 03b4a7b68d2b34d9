package dev.dobby.agent.runner;

import dev.dobby.protocol.work.OutputLine;

/** Reads one attempt's output as it arrives and tells, at the end, what it amounted to. */
public interface OutputParser {

    void accept(OutputLine line);

    /** What the output said, once the process has exited with {@code exitCode}. */
    ParsedResult finish(int exitCode);
}
