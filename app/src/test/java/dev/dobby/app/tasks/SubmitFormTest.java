package dev.dobby.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Priority;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitFormTest {

    @Test
    void saysWhatIsMissingOrWrong() {
        SubmitForm form = new SubmitForm();
        assertThat(form.problem()).contains("Describe the task.");
        form.descriptionProperty().set("fix the build");
        assertThat(form.problem()).get().asString().startsWith("Choose a project");
        form.projectProperty().set("web");
        assertThat(form.problem()).isEmpty();
        form.timeoutMinutesProperty().set("ten");
        assertThat(form.problem()).get().asString().contains("whole number of minutes");
        form.timeoutMinutesProperty().set("10");
        form.dependsOnProperty().set("12, x");
        assertThat(form.problem()).get().asString().contains("not 'x'");
        assertThatThrownBy(form::toRequest).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsTheRequestFromTheFields() {
        SubmitForm form = new SubmitForm();
        form.descriptionProperty().set("  run the tests  ");
        form.projectProperty().set("web");
        form.priorityProperty().set(Priority.HIGH);
        form.backendProperty().set(Backend.SHELL);
        form.timeoutMinutesProperty().set("15");
        form.dependsOnProperty().set("#12 15");
        form.draftProperty().set(true);

        NewTask request = form.toRequest();
        assertThat(request.description()).isEqualTo("run the tests");
        assertThat(request.project()).isEqualTo("web");
        assertThat(request.priority()).isEqualTo(Priority.HIGH);
        assertThat(request.backend()).isEqualTo(Backend.SHELL);
        assertThat(request.timeout()).isEqualTo(900);
        assertThat(request.dependsOn()).isEqualTo(List.of(12L, 15L));
        assertThat(request.draft()).isTrue();
    }

    @Test
    void leftEmptyMeansTheProjectsDefaults() {
        SubmitForm form = new SubmitForm();
        form.descriptionProperty().set("x");
        form.projectProperty().set("web");
        NewTask request = form.toRequest();
        assertThat(request.priority()).isNull();
        assertThat(request.backend()).isNull();
        assertThat(request.timeout()).isNull();
        assertThat(request.dependsOn()).isNull();
        assertThat(request.draft()).isNull();
    }

    @Test
    void cronOrEveryMakesASchedule() {
        SubmitForm form = new SubmitForm();
        form.descriptionProperty().set("nightly report");
        form.projectProperty().set("web");
        form.cronProperty().set(" 0 9 * * 1-5 ");
        assertThat(form.isSchedule()).isTrue();
        assertThat(form.toRequest().cron()).isEqualTo("0 9 * * 1-5");
        form.everyProperty().set("6h");
        assertThat(form.problem()).contains("A schedule takes cron or every, not both.");
        form.cronProperty().set("");
        assertThat(form.toRequest().every()).isEqualTo("6h");
        form.draftProperty().set(true);
        assertThat(form.problem()).contains("A schedule cannot be a draft: clear cron and every, or untick draft.");
    }

    @Test
    void carriesWorktreeWorkerTagsAndModel() {
        SubmitForm form = new SubmitForm();
        form.descriptionProperty().set("train the model");
        form.projectProperty().set("web");
        form.worktreeProperty().set(true);
        form.workerProperty().set(" gpu-box ");
        form.tagsProperty().set("gpu, linux gpu");
        form.modelProperty().set("claude-opus-4-1");
        form.timeoutMinutesProperty().set("90");

        NewTask request = form.toRequest();
        assertThat(request.worktree()).isTrue();
        assertThat(request.targetSpoke()).isEqualTo("gpu-box");
        assertThat(request.targetTags()).containsExactly("gpu", "linux");
        assertThat(request.agent().model()).isEqualTo("claude-opus-4-1");
        assertThat(request.timeout()).isEqualTo(5400);

        SubmitForm plain = new SubmitForm();
        plain.descriptionProperty().set("x");
        plain.projectProperty().set("web");
        NewTask none = plain.toRequest();
        assertThat(none.worktree()).isNull();
        assertThat(none.targetSpoke()).isNull();
        assertThat(none.targetTags()).isNull();
        assertThat(none.agent()).isNull();
    }

    @Test
    void pointsAtTheFieldThatIsWrong() {
        SubmitForm form = new SubmitForm();
        form.descriptionProperty().set("x");
        form.projectProperty().set("web");
        form.modelProperty().set("opus; rm -rf /");
        assertThat(form.check()).get().extracting(SubmitForm.Problem::field).isEqualTo(SubmitForm.Field.MODEL);
        form.modelProperty().set("opus");
        form.workerProperty().set("gpu box");
        assertThat(form.check()).get().extracting(SubmitForm.Problem::field).isEqualTo(SubmitForm.Field.WORKER);
        form.workerProperty().set("");
        form.tagsProperty().set("gpu, -linux");
        assertThat(form.check()).get().satisfies(p -> {
            assertThat(p.field()).isEqualTo(SubmitForm.Field.TAGS);
            assertThat(p.message()).contains("not '-linux'");
        });
        form.tagsProperty().set("gpu");
        form.timeoutMinutesProperty().set("0");
        assertThat(form.check()).get().extracting(SubmitForm.Problem::field).isEqualTo(SubmitForm.Field.TIMEOUT);
        form.timeoutMinutesProperty().set("");
        form.everyProperty().set("1h");
        form.dependsOnProperty().set("3");
        assertThat(form.check()).get().extracting(SubmitForm.Problem::field).isEqualTo(SubmitForm.Field.DEPENDS_ON);
        form.dependsOnProperty().set("");
        assertThat(form.check()).isEmpty();
    }
}
