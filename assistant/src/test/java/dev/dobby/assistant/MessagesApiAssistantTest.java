package dev.dobby.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official SDK against a loopback server that speaks the Messages API, its rate limits and overloads included. */
class MessagesApiAssistantTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Question structured() throws Exception {
        return new Question("test", "fix the login bug in spare",
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"tasks\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}},\"required\":[\"tasks\"],\"additionalProperties\":false}"),
                500);
    }

    @Test
    void aStructuredQuestionIsOneForcedToolAndARateLimitIsWaitedOut() throws Exception {
        try (FakeMessagesApi api = new FakeMessagesApi()
                .then(FakeMessagesApi.rateLimited())
                .then(FakeMessagesApi.toolAnswer("{\"tasks\":[{\"description\":\"fix the login bug\",\"project\":\"spare\"}]}"));
             MessagesApiAssistant assistant = new MessagesApiAssistant("sk-ant-test", api.url(), "claude-haiku-4-5",
                     Duration.ofSeconds(10), 2)) {
            Answer answer = assistant.ask(structured());

            assertThat(answer.structured().path("tasks").get(0).path("project").asText()).isEqualTo("spare");
            assertThat(answer.by()).isEqualTo("Anthropic API (claude-haiku-4-5)");
            assertThat(answer.usage().tokensIn()).isEqualTo(900);
            assertThat(answer.usage().costUsd()).isEqualTo((900 * 1.0 + 120 * 5.0) / 1_000_000);
            assertThat(api.requests).hasSize(2);
            var request = api.requests.get(1);
            assertThat(request.path("model").asText()).isEqualTo("claude-haiku-4-5");
            assertThat(request.path("max_tokens").asInt()).isEqualTo(500);
            assertThat(request.path("tool_choice").path("type").asText()).isEqualTo("tool");
            assertThat(request.path("tool_choice").path("name").asText()).isEqualTo("answer");
            assertThat(request.path("tools")).hasSize(1);
            assertThat(request.path("tools").get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("tasks");
            assertThat(request.path("tools").get(0).path("input_schema").path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(request.path("messages").get(0).path("content").toString()).contains("fix the login bug in spare");
            assertThat(api.apiKeys).containsOnly("sk-ant-test");
        }
    }

    @Test
    void aTextQuestionGetsText() throws Exception {
        try (FakeMessagesApi api = new FakeMessagesApi().then(FakeMessagesApi.textAnswer("Two tasks done, one failed."));
             MessagesApiAssistant assistant = new MessagesApiAssistant("sk-ant-test", api.url(), "claude-haiku-4-5",
                     Duration.ofSeconds(10), 0)) {
            Answer answer = assistant.ask(new Question("summary", "summarise", null, 800));
            assertThat(answer.text()).isEqualTo("Two tasks done, one failed.");
            assertThat(api.requests.getFirst().has("tools")).isFalse();
        }
    }

    @Test
    void anApiThatStaysOverloadedFailsAfterTheRetries() throws Exception {
        try (FakeMessagesApi api = new FakeMessagesApi().then(FakeMessagesApi.overloaded());
             MessagesApiAssistant assistant = new MessagesApiAssistant("sk-ant-test", api.url(), "claude-haiku-4-5",
                     Duration.ofSeconds(10), 2)) {
            assertThatThrownBy(() -> assistant.ask(structured())).isInstanceOf(AssistantException.class)
                    .hasMessageContaining("529");
            assertThat(api.requests).hasSize(3);
        }
    }

    @Test
    void firstAvailableMovesOnFromAFailingAssistantAndGivesUpWhenAllFail() throws Exception {
        try (FakeMessagesApi overloaded = new FakeMessagesApi().then(FakeMessagesApi.overloaded());
             FakeMessagesApi working = new FakeMessagesApi().then(FakeMessagesApi.toolAnswer("{\"tasks\":[]}"));
             MessagesApiAssistant first = new MessagesApiAssistant("k", overloaded.url(), "claude-haiku-4-5", Duration.ofSeconds(5), 0);
             MessagesApiAssistant second = new MessagesApiAssistant("k", working.url(), "claude-haiku-4-5", Duration.ofSeconds(5), 0)) {
            List<Answer> spent = new ArrayList<>();
            var attempt = new FirstAvailable(List.of(first, second)).ask(structured(), a -> a.structured(), (q, a) -> spent.add(a));
            assertThat(attempt.answered()).isTrue();
            assertThat(attempt.failures()).singleElement().asString().contains("529");
            assertThat(spent).hasSize(1);

            var none = new FirstAvailable(List.of(first)).ask(structured(), a -> a.structured(), (q, a) -> spent.add(a));
            assertThat(none.answered()).isFalse();
            assertThat(none.value()).isNull();
        }
    }

    @Test
    void settingsChooseTheFirstAvailableByDefault() {
        var both = AssistantSettings.from(Map.of("DOBBY_CLAUDE_BIN", "/opt/claude", "ANTHROPIC_API_KEY", "k"));
        assertThat(both.order()).containsExactly("claude", "api");
        assertThat(AssistantSettings.from(Map.of("PATH", "/nonexistent")).order()).isEmpty();
        assertThat(AssistantSettings.from(Map.of("DOBBY_ASSISTANT", "rules", "ANTHROPIC_API_KEY", "k")).order()).isEmpty();
        assertThat(both.toString()).doesNotContain("=k,").contains("apiKey=set");
        assertThatThrownBy(() -> AssistantSettings.from(Map.of("DOBBY_ASSISTANT", "gpt")))
                .hasMessageContaining("'gpt' is not one of");
    }
}
