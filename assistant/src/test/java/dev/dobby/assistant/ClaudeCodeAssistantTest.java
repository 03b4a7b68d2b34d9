package dev.dobby.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code through a stand-in executable that checks its argv and prints what the real CLI (2.1.197) printed for
 * {@code claude -p --output-format json --json-schema ...} against a loopback Messages API
 * (src/test/resources/claude-p-json-schema.json).
 */
class ClaudeCodeAssistantTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path fixture() {
        return Path.of("src/test/resources/claude-p-json-schema.json");
    }

    private Question question() throws Exception {
        return new Question("test", "the login page 500s on Safari; it's urgent; in spare; it's $(rm -rf ~)",
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"tasks\":{\"type\":\"array\"}},\"required\":[\"tasks\"]}"),
                400);
    }

    @Test
    void aStructuredAnswerComesFromStructuredOutputWithItsCost() throws Exception {
        Path claude = FakeClaude.write(dir, fixture());
        Answer answer = new ClaudeCodeAssistant(claude.toString(), "claude-haiku-4-5", Duration.ofSeconds(20))
                .ask(question());

        assertThat(answer.structured().path("tasks").get(0).path("project").asText()).isEqualTo("spare");
        assertThat(answer.structured().path("tasks").get(0).path("priority").asText()).isEqualTo("urgent");
        assertThat(answer.by()).isEqualTo("Claude Code (claude-haiku-4-5)");
        assertThat(answer.usage().costUsd()).isEqualTo(0.001132);
        assertThat(answer.usage().tokensIn()).isEqualTo(812);
        assertThat(answer.usage().tokensOut()).isEqualTo(64);
        assertThat(FakeClaude.argv(dir)).containsSequence("--model", "claude-haiku-4-5")
                .contains("--json-schema", "--no-session-persistence")
                .endsWith("--", "the login page 500s on Safari; it's urgent; in spare; it's $(rm -rf ~)");
        assertThat(Files.readString(dir.resolve("max_tokens.txt"))).isEqualTo("400");
    }

    @Test
    void theResultFieldIsReadWhenThereIsNoStructuredOutput() throws Exception {
        String real = Files.readString(fixture());
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(real);
        node.remove("structured_output");
        Path answerFile = dir.resolve("answer.json");
        Files.writeString(answerFile, node.toString());
        Answer answer = new ClaudeCodeAssistant(FakeClaude.write(dir, answerFile).toString(), "claude-haiku-4-5",
                Duration.ofSeconds(20)).ask(question());

        assertThat(answer.structured().path("tasks").get(0).path("description").asText())
                .isEqualTo("look at the login page returning 500 on Safari");
    }

    @Test
    void anErrorResultAMissingProgramOrASlowOneFails() throws Exception {
        Path errorFile = dir.resolve("error.json");
        Files.writeString(errorFile, "{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,\"result\":\"API Error: 401\"}");
        Path claude = FakeClaude.write(dir, errorFile);
        assertThatThrownBy(() -> new ClaudeCodeAssistant(claude.toString(), "m", Duration.ofSeconds(20)).ask(question()))
                .isInstanceOf(AssistantException.class).hasMessageContaining("error_during_execution");

        assertThatThrownBy(() -> new ClaudeCodeAssistant(dir.resolve("nowhere").toString(), "m", Duration.ofSeconds(5))
                .ask(question())).isInstanceOf(AssistantException.class).hasMessageContaining("cannot start");

        Path slow = dir.resolve("slow");
        Files.writeString(slow, "#!/bin/sh\nexec sleep 30\n");
        slow.toFile().setExecutable(true);
        assertThatThrownBy(() -> new ClaudeCodeAssistant(slow.toString(), "m", Duration.ofSeconds(1)).ask(question()))
                .isInstanceOf(AssistantException.class).hasMessageContaining("within 1 s");
    }
}
