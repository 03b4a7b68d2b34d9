package dev.dobby.agent.runner.session;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.AgentBinary;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.claude.ClaudeBackend;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a Claude Code Remote Control session: {@code claude remote-control --spawn session --name=NAME
 * [--permission-mode=M]}, in the project's directory or the attempt's worktree. The task's description is the
 * session's name, passed as one {@code --name=value} element. Claude Code 2.1.51 is the first with the command;
 * an older one is refused before anything starts.
 */
public final class RemoteControlBackend implements AgentBackend {
    private final AgentBinary binary;

    /** @param env where {@code DOBBY_CLAUDE_BIN} and PATH are looked up */
    public RemoteControlBackend(Map<String, String> env) {
        this.binary = new AgentBinary("claude", ClaudeBackend.BIN_VARIABLE, env);
    }

    @Override
    public Backend kind() {
        return Backend.SESSION;
    }

    @Override
    public boolean available() {
        return binary.find().isPresent();
    }

    @Override
    public String refusal(Assignment assignment) {
        Optional<ClaudeVersion> version = ClaudeVersion.of(binary.require());
        if (version.isEmpty()) {
            return "cannot tell which version of Claude Code " + binary.require() + " is (claude --version printed"
                    + " no version); Remote Control needs " + ClaudeVersion.REMOTE_CONTROL + " or newer";
        }
        if (version.get().compareTo(ClaudeVersion.REMOTE_CONTROL) < 0) {
            return "Claude Code " + version.get() + " is too old for Remote Control: it needs "
                    + ClaudeVersion.REMOTE_CONTROL + " or newer (update it with `claude update`)";
        }
        return null;
    }

    @Override
    public List<String> command(Assignment assignment, Path workdir) {
        List<String> argv = new ArrayList<>(List.of(binary.require(), "remote-control", "--spawn", "session",
                "--name=" + assignment.description().strip()));
        AgentOptions options = assignment.agent() == null ? AgentOptions.NONE : assignment.agent();
        if (options.permissionMode() != null && !options.permissionMode().isBlank()) {
            argv.add("--permission-mode=" + options.permissionMode());
        }
        return argv;
    }

    @Override
    public OutputParser newParser(Assignment assignment, Path workdir) {
        return new RemoteControlParser(workdir);
    }
}
