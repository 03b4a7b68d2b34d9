package dev.dobby.agent.runner.codex;

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
 * Runs the Codex CLI headless: {@code codex exec --json --skip-git-repo-check --cd=<dir> [options] -- <description>},
 * or {@code codex exec ... resume -- <session> <description>} to continue a session.
 *
 * <p>Options are single {@code --name=value} elements and come before the {@code resume} subcommand (its own
 * parser knows neither {@code --cd} nor {@code --sandbox}). After {@code --} Codex's parser takes everything as
 * positional values, so neither a description nor a session id can be read as an option or a subcommand.
 *
 * <p>Without a sandbox option Codex uses its own default, which is read-only: the agent can read and run
 * read-only commands but its edits fail. Projects that want edits set {@code workspace-write}.
 * The project's context and the task's extra system prompt go in as Codex's {@code developer_instructions}.
 * {@code --skip-git-repo-check} is always passed: Dobby already decided where the agent runs, and a project
 * need not be a git repository.
 */
public final class CodexBackend implements AgentBackend {
    public static final String BIN_VARIABLE = "DOBBY_CODEX_BIN";

    private final AgentBinary binary;
    private final PriceTable prices;
    private final Path codexHome;

    /**
     * @param env    where {@value #BIN_VARIABLE} and PATH are looked up
     * @param prices what tokens cost per model; Codex reports no cost of its own
     */
    public CodexBackend(Map<String, String> env, PriceTable prices) {
        this.binary = new AgentBinary("codex", BIN_VARIABLE, env);
        this.codexHome = CodexRollout.home(env);
        this.prices = prices;
    }

    @Override
    public Backend kind() {
        return Backend.CODEX;
    }

    @Override
    public boolean available() {
        return binary.find().isPresent();
    }

    @Override
    public List<String> command(Assignment assignment, Path workdir) {
        AgentOptions options = options(assignment);
        List<String> argv = new ArrayList<>(List.of(binary.require(), "exec", "--json", "--skip-git-repo-check",
                "--cd=" + workdir));
        add(argv, "--model", options.model());
        if (options.skipsPermissions()) {
            argv.add("--dangerously-bypass-approvals-and-sandbox");
        } else {
            add(argv, "--sandbox", options.sandbox());
        }
        String instructions = SystemPrompt.join(assignment.context(), options.appendSystemPrompt());
        if (instructions != null) {
            argv.add("--config=developer_instructions=" + tomlString(instructions));
        }
        String resume = options.resumeSession();
        if (resume != null && !resume.isBlank()) {
            argv.add("resume");
            argv.add("--");
            argv.add(resume.strip());
        } else {
            argv.add("--");
        }
        argv.add(assignment.description() == null ? "" : assignment.description());
        return argv;
    }

    @Override
    public OutputParser newParser(Assignment assignment, Path workdir) {
        return new CodexJsonParser(assignment.taskId(), assignment.attemptNumber(), workdir,
                options(assignment).model(), prices, codexHome);
    }

    private static AgentOptions options(Assignment assignment) {
        return assignment.agent() == null ? AgentOptions.NONE : assignment.agent();
    }

    /** A TOML basic string: Codex parses {@code --config} values as TOML. */
    static String tomlString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void add(List<String> argv, String option, String value) {
        if (value != null && !value.isBlank()) {
            argv.add(option + "=" + value);
        }
    }
}
