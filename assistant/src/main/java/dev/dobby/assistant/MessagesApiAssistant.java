package dev.dobby.assistant;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Anthropic Messages API through the official Java SDK, for machines with an {@code ANTHROPIC_API_KEY}. A
 * structured question is one forced tool whose input schema is the answer's schema: the model can only "call" it,
 * nothing runs. The SDK retries 429 and 529 (overloaded) answers itself, honouring {@code retry-after}.
 */
public final class MessagesApiAssistant implements Assistant, AutoCloseable {
    static final String ANSWER_TOOL = "answer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnthropicClient client;
    private final String model;

    /** @param baseUrl null for Anthropic's own address */
    public MessagesApiAssistant(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries) {
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder().apiKey(apiKey).timeout(timeout)
                .maxRetries(maxRetries);
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl);
        }
        this.client = builder.build();
        this.model = model;
    }

    @Override
    public String name() {
        return "Anthropic API (" + model + ")";
    }

    @Override
    public Answer ask(Question question) {
        MessageCreateParams.Builder params = MessageCreateParams.builder().model(model)
                .maxTokens(question.maxTokens()).addUserMessage(question.prompt());
        if (question.structured()) {
            params.addTool(answerTool(question.schema())).toolChoice(ToolChoiceTool.builder().name(ANSWER_TOOL).build());
        }
        Message message;
        try {
            message = client.messages().create(params.build());
        } catch (AnthropicServiceException e) {
            throw new AssistantException("the Anthropic API answered " + e.statusCode(), e);
        } catch (AnthropicException e) {
            throw new AssistantException("the Anthropic API could not be asked: " + e.getMessage(), e);
        }
        Usage usage = new Usage(model, message.usage().inputTokens(), message.usage().outputTokens(),
                Prices.cost(model, message.usage().inputTokens(), message.usage().outputTokens()));
        if (!question.structured()) {
            String text = message.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text())
                    .collect(Collectors.joining("\n")).strip();
            if (text.isEmpty()) {
                throw new AssistantException("the Anthropic API answered without text");
            }
            return new Answer(null, text, name(), usage);
        }
        JsonNode input = message.content().stream().filter(ContentBlock::isToolUse)
                .map(b -> b.toolUse().orElseThrow()._input().convert(JsonNode.class)).findFirst()
                .orElseThrow(() -> new AssistantException("the Anthropic API answered without the structured answer"));
        return new Answer(input, input.toString(), name(), usage);
    }

    private static Tool answerTool(JsonNode schema) {
        Tool.InputSchema.Builder input = Tool.InputSchema.builder();
        Map<String, Object> properties = JSON.convertValue(schema.path("properties"), Map.class);
        input.properties(JsonValue.from(properties));
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        input.required(required);
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("type", "properties", "required").contains(name)) {
                input.putAdditionalProperty(name, JsonValue.fromJsonNode(schema.get(name)));
            }
        }
        return Tool.builder().name(ANSWER_TOOL).description("Give the answer in this shape.").inputSchema(input.build())
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
