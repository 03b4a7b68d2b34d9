package dev.dobby.agent.runner.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.agent.runner.ParsedResult;
import dev.dobby.protocol.TaskStatus;
import dev.dobby.protocol.work.OutputLine;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a Remote Control session's output amounts to, and which Claude Code versions can run one. */
class RemoteControlParserTest {
    private static OutputLine err(String text) {
        return new OutputLine(OutputLine.STDERR, Instant.EPOCH, text);
    }

    @Test
    void theLatestLineIsTheStatusAndAFailureIsTheCliOwnWords() {
        RemoteControlParser parser = new RemoteControlParser(Path.of("/srv/spare"));
        parser.accept(err("Error: Workspace not trusted. Please run `claude` in /srv/spare first to review and"
                + " accept the workspace trust dialog."));
        assertThat(parser.drain().progress().currentStep()).startsWith("Error: Workspace not trusted.");
        assertThat(parser.drain().isEmpty()).isTrue();
        ParsedResult result = parser.finish(1);
        assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(result.reason()).isEqualTo("claude remote-control exited with code 1: Error: Workspace not"
                + " trusted. Please run `claude` in /srv/spare first to review and accept the workspace trust dialog.");
    }

    @Test
    void theFirstRunQuestionThatNobodyCanAnswerIsExplained() {
        RemoteControlParser parser = new RemoteControlParser(Path.of("/srv/spare"));
        parser.accept(new OutputLine(OutputLine.STDOUT, Instant.EPOCH, "Enable Remote Control? (y/n) "));
        assertThat(parser.finish(0).reason()).isEqualTo("Remote Control has not been enabled on this machine yet:"
                + " run `claude remote-control` once in /srv/spare there and answer y");
    }

    @Test
    void aSessionThatEndsOnItsOwnCompletes() {
        RemoteControlParser parser = new RemoteControlParser(Path.of("/srv/spare"));
        parser.accept(err("Remote Control stopped"));
        assertThat(parser.finish(0).status()).isNull();
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(ClaudeVersion.parse("2.1.197 (Claude Code)")).contains(new ClaudeVersion(2, 1, 197));
        assertThat(ClaudeVersion.parse("2.1.197 (Claude Code)").orElseThrow())
                .isGreaterThan(ClaudeVersion.REMOTE_CONTROL);
        assertThat(ClaudeVersion.parse("2.1.9").orElseThrow()).isLessThan(ClaudeVersion.REMOTE_CONTROL);
        assertThat(ClaudeVersion.parse("2.1.51").orElseThrow()).isEqualByComparingTo(ClaudeVersion.REMOTE_CONTROL);
        assertThat(ClaudeVersion.parse("claude: command not found")).isEmpty();
    }
}
