package dev.dobby.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BatchYamlTest {

    /** Documents that would exhaust a naive loader; each must be refused, and none may hang (the timeout guards it). */
    static final String BILLION_LAUGHS = """
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            tasks: *i
            """;

    static String deepNesting(int depth) {
        return "tasks: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
    }

    static String huge(int bytes) {
        StringBuilder out = new StringBuilder("tasks:\n");
        while (out.length() < bytes) {
            out.append("  - description: ").append("x".repeat(200)).append("\n    project: p\n");
        }
        return out.toString();
    }

    @Test
    void readsAListOfTasksWithNamesAndAfterReferences() {
        NewBatch batch = BatchYaml.parse("""
                - name: build
                  description: make build
                  project: web
                  backend: shell
                  timeout: 30m
                - description: write the release notes
                  project: docs
                  priority: high
                  after: build
                - description: announce
                  project: web
                  after: [build, 42]
                  target_tags: [gpu]
                  worktree: true
                """);
        assertThat(batch.name()).isNull();
        assertThat(batch.tasks()).hasSize(3);
        NewBatch.Entry build = batch.tasks().get(0);
        assertThat(build.ref()).isEqualTo("build");
        assertThat(build.backend()).isEqualTo(Backend.SHELL);
        assertThat(build.timeout()).isEqualTo(1800);
        assertThat(batch.tasks().get(1).priority()).isEqualTo(Priority.HIGH);
        assertThat(batch.tasks().get(1).after()).containsExactly("build");
        assertThat(batch.tasks().get(2).after()).containsExactly("build", "42");
        assertThat(batch.tasks().get(2).targetTags()).containsExactly("gpu");
        assertThat(batch.tasks().get(2).worktree()).isTrue();
    }

    @Test
    void readsANamedBatchWithADefaultProject() {
        NewBatch batch = BatchYaml.parse("""
                name: release
                project: web
                tasks:
                  - {ref: a, description: one}
                  - {description: two, project: docs, after: [a], timeout: 90}
                """);
        assertThat(batch.name()).isEqualTo("release");
        assertThat(batch.tasks()).extracting(NewBatch.Entry::project).containsExactly("web", "docs");
        assertThat(batch.tasks().get(1).timeout()).isEqualTo(90);
    }

    @Test
    void mistakesAreNamedWithTheTaskTheyAreIn() {
        assertRefused("- description: x\n  projekt: p\n", "task 1 has an unknown key 'projekt'");
        assertRefused("- name: b\n  description: x\n  priority: asap\n", "task 1 ('b'): unknown priority 'asap'");
        assertRefused("- just a string\n", "task 1 must be a mapping");
        assertRefused("name: x\n", "the batch file needs a list of tasks under 'tasks'");
        assertRefused("tasks: []\n", "the batch file lists no tasks");
        assertRefused("", "the batch file is empty");
        assertRefused("- description: [a, b]\n", "task 1 description must be a single value");
        assertRefused("- description: x\n  timeout: soon\n", "task 1 timeout must be seconds or a duration");
        assertRefused("- description: x\n  worktree: maybe\n", "task 1 worktree must be true or false");
        assertRefused("- description: x\n  description: y\n", "the batch file is not valid YAML");
        assertRefused("- description: x\n---\n- description: y\n", "more than one YAML document");
        assertRefused("- description: x\n  after: {a: 1}\n", "task 1 after must be a name or a list of names");
        assertRefused("tasks: [\n", "the batch file is not valid YAML");
    }

    @Test
    @Timeout(10)
    void attacksAreRefusedWithAClearError() {
        assertRefused(BILLION_LAUGHS, "anchors and aliases are not allowed in batch files");
        assertRefused("- description: *x\n", "the batch file uses an alias (*x)");
        assertRefused(deepNesting(10_000), "nested more than " + BatchYaml.MAX_DEPTH + " levels deep");
        assertRefused(huge(BatchYaml.MAX_BYTES + 10), "the batch file is larger than 1024 KiB");
        assertRefused("- !!python/object/apply:os.system [\"touch /tmp/pwned\"]\n", "YAML tags are not allowed");
        assertRefused("- description: !shell rm -rf /\n  project: p\n", "the tag 'shell'");
        assertRefused("- description: !!str text\n  project: p\n", "YAML tags are not allowed");
        assertRefused("tasks:\n" + "  - {description: x, project: p}\n".repeat(BatchYaml.MAX_VALUES / 4),
                "the batch file holds more than " + BatchYaml.MAX_VALUES + " values");
    }

    @Test
    void aLargeButReasonableFileIsRead() {
        NewBatch batch = BatchYaml.parse(huge(BatchYaml.MAX_BYTES / 2));
        assertThat(batch.tasks()).hasSizeGreaterThan(1000);
        assertThat(BatchYaml.parse("tasks: [{description: x, target_tags: [a]}]").tasks()).hasSize(1);
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> BatchYaml.parse(yaml)).as(yaml.length() > 200 ? yaml.substring(0, 200) : yaml)
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(message);
    }

    @Test
    void bytesAreCheckedBeforeTheyAreDecoded() {
        assertThatThrownBy(() -> BatchYaml.parse(new byte[BatchYaml.MAX_BYTES + 1]))
                .hasMessageContaining("larger than");
        assertThat(BatchYaml.parse("- description: é\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).tasks())
                .extracting(NewBatch.Entry::description).isEqualTo(List.of("é"));
    }
}
