package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dobby.assistant.Answer;
import dev.dobby.assistant.Assistant;
import dev.dobby.assistant.AssistantException;
import dev.dobby.assistant.FirstAvailable;
import dev.dobby.assistant.Question;
import dev.dobby.assistant.Usage;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bot accepts from a model, and what it tells it. */
class InterpreterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of("spare", "dobby");

    private static Interpreter.Understanding check(String json) throws Exception {
        return Interpreter.check(new Answer(JSON.readTree(json), json, "Test model",
                new Usage("m", 1, 1, 0)), KNOWN);
    }

    @Test
    void aWellFormedAnswerBecomesTasksWithTheRegisteredProjectsSpelling() throws Exception {
        var u = check("""
                {"tasks":[{"description":"fix it","project":"Spare","backend":"codex","priority":"high","draft":true,
                  "after":[12],"cron":"0 3 * * *","every":null,"worker":"gpu-01","tags":["gpu"]}]}""");
        assertThat(u.tasks()).containsExactly(new TaskRequest("fix it", "spare", Priority.HIGH, Backend.CODEX, true,
                List.of(12L), "0 3 * * *", null, "gpu-01", List.of("gpu")));
        assertThat(u.by()).isEqualTo("Test model");
        assertThat(u.unknownProject()).isNull();
    }

    @Test
    void aProjectTheHubDoesNotKnowIsLeftOpenAndNamed() throws Exception {
        var u = check("{\"tasks\":[{\"description\":\"refactor payments\",\"project\":\"billing\"}]}");
        assertThat(u.tasks().getFirst().project()).isNull();
        assertThat(u.unknownProject()).isEqualTo("billing");
    }

    @Test
    void valuesOutsideTheSchemaRejectTheWholeAnswer() {
        assertThatThrownBy(() -> check("{\"tasks\":[]}")).isInstanceOf(AssistantException.class);
        assertThatThrownBy(() -> check("{\"tasks\":[{\"description\":\"x\",\"project\":\"spare\",\"backend\":\"bash\"}]}"))
                .hasMessageContaining("backend 'bash'");
        assertThatThrownBy(() -> check("{\"tasks\":[{\"description\":\"x\",\"project\":\"spare\",\"cron\":\"at 3\"}]}"))
                .hasMessageContaining("cron");
        assertThatThrownBy(() -> check("{\"tasks\":[{\"description\":\"x\",\"project\":\"spare\",\"after\":[\"#3\"]}]}"))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> check("{\"tasks\":[{\"description\":\"\",\"project\":\"spare\"}]}"))
                .hasMessageContaining("description");
        assertThatThrownBy(() -> check("{\"tasks\":[{\"description\":\"x\",\"project\":\"spare\",\"worker\":\"a b; rm\"}]}"))
                .hasMessageContaining("worker");
        StringBuilder eleven = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"description\":\"x\",\"project\":\"spare\"}");
        }
        assertThatThrownBy(() -> check(eleven + "]}")).hasMessageContaining("1 to 10");
    }

    @Test
    void aRejectedAnswerFallsBackToTheRulesAndThePromptHoldsOnlyTheMessageAndTheProjects() {
        List<Question> asked = new ArrayList<>();
        Assistant wrong = new Assistant() {
            @Override
            public String name() {
                return "Wrong model";
            }

            @Override
            public Answer ask(Question question) {
                asked.add(question);
                try {
                    return new Answer(JSON.readTree("{\"tasks\":[{\"description\":\"x\",\"project\":\"spare\",\"priority\":\"critical\"}]}"),
                            "", name(), new Usage("m", 10, 5, 0.0001));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        List<Answer> spent = new ArrayList<>();
        var interpreter = new Interpreter(new FirstAvailable(List.of(wrong)), (q, a) -> spent.add(a));
        var projects = List.of(new Project("spare", "/src/spare", "Django shop", null, Instant.EPOCH));

        var u = interpreter.read("<@UBOT> fix the upload test in spare !high", projects);

        assertThat(u.by()).isEqualTo(Interpreter.RULES);
        assertThat(u.tasks()).containsExactly(new TaskRequest("fix the upload test", "spare", Priority.HIGH, null));
        assertThat(spent).hasSize(1);
        Question q = asked.getFirst();
        assertThat(q.prompt()).contains("- spare: Django shop", "<message>\nfix the upload test in spare !high\n</message>")
                .doesNotContain("/src/spare", "UBOT");
        assertThat(q.maxTokens()).isEqualTo(1024);
        assertThat(q.schema().path("properties").path("tasks").path("maxItems").asInt()).isEqualTo(10);
    }
}
