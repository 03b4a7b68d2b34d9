package dev.dobby.agent.runner.claude;

import dev.dobby.agent.runner.AgentBackend;
import dev.dobby.agent.runner.AgentBinary;
import dev.dobby.agent.runner.OutputParser;
import dev.dobby.agent.runner.PriceTable;
import dev.dobby.agent.runner.SystemPrompt;
import dev.dobby.protocol.AgentOptions;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.work.Assignment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Claude Code headless: {@code claude -p --output-format stream-json --verbose [options] -- <description>}.
 *
 * <p>Every option is passed as one {@code --name=value} element, so a value can never be taken for another
 * option, and {@code --allowedTools}/{@code --disallowedTools}/{@code --mcp-config}, which accept several values,
 * cannot swallow the prompt. The prompt comes last, after {@code --}. Claude Code's parser still treats a first
 * operand that names one of its subcommands ({@code update}, {@code doctor}, ...) as that subcommand, even after
 * {@code --}; a one-word description therefore gets a trailing newline, which no command name has.
 */
public final class ClaudeBackend implements AgentBackend {
    public static final String BIN_VARIABLE = "DOBBY_CLAUDE_BIN";

    private final AgentBinary binary;
    private final PriceTable prices;
    private final boolean runsAsRoot;

    /**
     * @param env    where {@value #BIN_VARIABLE} and PATH are looked up
     * @param prices used only for the live cost estimate; the final cost is the one Claude Code reports
     */
    public ClaudeBackend(Map<String, String> env, PriceTable prices) {
        this(env, prices, "root".equals(ProcessHandle.current().info().user().orElse("")));
    }

    ClaudeBackend(Map<String, String> env, PriceTable prices, boolean runsAsRoot) {
        this.binary = new AgentBinary("claude", BIN_VARIABLE, env);
        this.prices = prices;
        this.runsAsRoot = runsAsRoot;
    }

    @Override
    public Backend kind() {
        return Backend.CLAUDE;
    }

    @Override
    public boolean available() {
        return binary.find().isPresent();
    }

    @Override
    public List<String> command(Assignment assignment, Path workdir) {
        AgentOptions options = options(assignment);
        List<String> argv = new ArrayList<>(List.of(binary.require(), "-p", "--output-format", "stream-json",
                "--verbose"));
        add(argv, "--model", options.model());
        add(argv, "--permission-mode", options.permissionMode());
        if (skipsPermissions(options)) {
            argv.add("--dangerously-skip-permissions");
        }
        options.allowedTools().forEach(tool -> add(argv, "--allowedTools", tool));
        options.disallowedTools().forEach(tool -> add(argv, "--disallowedTools", tool));
        if (options.maxTurns() != null) {
            add(argv, "--max-turns", options.maxTurns().toString());
        }
        add(argv, "--append-system-prompt", SystemPrompt.join(assignment.context(), options.appendSystemPrompt()));
        add(argv, "--mcp-config", options.mcpConfig());
        add(argv, "--resume", options.resumeSession());
        argv.add("--");
        argv.add(prompt(assignment.description()));
        return argv;
    }

    /** Claude Code refuses to skip permissions as root unless told it runs in a sandbox. */
    @Override
    public Map<String, String> environment(Assignment assignment) {
        return runsAsRoot && skipsPermissions(options(assignment)) ? Map.of("IS_SANDBOX", "1") : Map.of();
    }

    /** A planning run stays a planning run: plan mode is never combined with skipping permissions. */
    private static boolean skipsPermissions(AgentOptions options) {
        return options.skipsPermissions() && !"plan".equals(options.permissionMode());
    }

    @Override
    public OutputParser newParser(Assignment assignment, Path workdir) {
        return new ClaudeStreamParser(assignment.taskId(), assignment.attemptNumber(), workdir, prices);
    }

    private static AgentOptions options(Assignment assignment) {
        return assignment.agent() == null ? AgentOptions.NONE : assignment.agent();
    }

    private static void add(List<String> argv, String option, String value) {
        if (value != null && !value.isBlank()) {
            argv.add(option + "=" + value);
        }
    }

    static String prompt(String description) {
        String text = description == null ? "" : description;
        return text.chars().anyMatch(Character::isWhitespace) ? text : text + "\n";
    }
}
