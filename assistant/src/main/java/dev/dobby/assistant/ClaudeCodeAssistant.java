package dev.dobby.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Claude Code in one-shot mode, with the login the machine already has: {@code claude -p --output-format json
 * [--json-schema S] --no-session-persistence --model M --tools "" -- PROMPT}, stdin closed, the answer's length
 * bounded by {@code CLAUDE_CODE_MAX_OUTPUT_TOKENS}. The prompt is one
 * argument of its own after {@code --}, never passed through a shell. Reads {@code structured_output} (or
 * {@code result}) and {@code total_cost_usd} from the one JSON object it prints.
 */
public final class ClaudeCodeAssistant implements Assistant {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final String executable;
    private final String model;
    private final Duration timeout;

    public ClaudeCodeAssistant(String executable, String model, Duration timeout) {
        this.executable = executable;
        this.model = model;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "Claude Code (" + model + ")";
    }

    List<String> command(Question question) {
        List<String> argv = new ArrayList<>(List.of(executable, "-p", "--output-format", "json"));
        if (question.structured()) {
            argv.add("--json-schema");
            argv.add(question.schema().toString());
        }
        argv.addAll(List.of("--no-session-persistence", "--model", model, "--tools", "", "--", question.prompt()));
        return argv;
    }

    @Override
    public Answer ask(Question question) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(question))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            // No flag bounds the answer's length; this variable does (checked on the requests Claude Code sends).
            builder.environment().put("CLAUDE_CODE_MAX_OUTPUT_TOKENS", Integer.toString(question.maxTokens()));
            builder.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new AssistantException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssistantException("claude did not answer within " + timeout.toSeconds() + " s");
            }
            String out = new String(stdout.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && out.isBlank()) {
                throw new AssistantException("claude exited with status " + process.exitValue());
            }
            return parse(out, question);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssistantException("interrupted while waiting for claude", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssistantException("cannot read claude's output: " + e.getMessage(), e);
        }
    }

    /** The one JSON object {@code claude -p --output-format json} prints. */
    Answer parse(String out, Question question) {
        JsonNode root;
        try {
            root = JSON.readTree(out.strip());
        } catch (JsonProcessingException e) {
            throw new AssistantException("claude printed something other than JSON");
        }
        if (root == null || !root.isObject()) {
            throw new AssistantException("claude printed something other than a JSON object");
        }
        if (root.path("is_error").asBoolean(false) || !"success".equals(root.path("subtype").asText())) {
            throw new AssistantException("claude reported an error: " + root.path("subtype").asText("?") + " "
                    + firstLine(root.path("result").asText("")));
        }
        Usage usage = new Usage(model, root.path("usage").path("input_tokens").asLong(0),
                root.path("usage").path("output_tokens").asLong(0), root.path("total_cost_usd").asDouble(0));
        String text = root.path("result").asText("");
        if (!question.structured()) {
            return new Answer(null, text, name(), usage);
        }
        JsonNode structured = root.get("structured_output");
        if (structured == null || structured.isNull()) {
            try {
                structured = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new AssistantException("claude's answer is not the JSON asked for");
            }
        }
        return new Answer(structured, structured.toString(), name(), usage);
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static byte[] readBounded(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buffer.size() < MAX_OUTPUT_BYTES) {
                    buffer.write(chunk, 0, Math.min(n, MAX_OUTPUT_BYTES - buffer.size()));
                }
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
