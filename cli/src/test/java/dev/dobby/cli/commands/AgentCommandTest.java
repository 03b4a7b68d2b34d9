package dev.dobby.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.cli.CliException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dobby agent} takes the options docs/spokes.md lists. */
class AgentCommandTest {
    private static AgentCommand parse(String... args) {
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void killGraceIsAccepted() {
        assertThat(parse("--hub", "http://127.0.0.1:8420", "--id", "s1", "--kill-grace", "12").options().killGrace())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(parse("--hub", "http://127.0.0.1:8420", "--id", "s1").options().killGrace())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> parse("--hub", "http://127.0.0.1:8420", "--id", "s1", "--kill-grace", "301")
                .options()).isInstanceOf(CliException.class).hasMessageContaining("--kill-grace must be between 0 and 300");
    }
}
