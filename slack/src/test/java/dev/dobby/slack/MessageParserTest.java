package dev.dobby.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private static final List<String> PROJECTS = List.of("spare", "spare-tillicum", "dobby", "web.app");

    private static TaskRequest task(String text) {
        Parsed parsed = MessageParser.parse(text, PROJECTS);
        assertThat(parsed).isInstanceOf(Parsed.Submission.class);
        List<TaskRequest> tasks = ((Parsed.Submission) parsed).tasks();
        assertThat(tasks).hasSize(1);
        return tasks.getFirst();
    }

    private static List<TaskRequest> tasks(String text) {
        return ((Parsed.Submission) MessageParser.parse(text, PROJECTS)).tasks();
    }

    @Test
    void aProjectAfterInIsTakenOutOfTheDescription() {
        assertThat(task("<@UBOT> fix the login bug in spare"))
                .isEqualTo(new TaskRequest("fix the login bug", "spare", null, null));
    }

    @Test
    void priorityAndBackendAreDirectives() {
        assertThat(task("<@UBOT> add docs to dobby with high priority"))
                .isEqualTo(new TaskRequest("add docs", "dobby", Priority.HIGH, null));
        assertThat(task("<@UBOT> run eval on spare-tillicum using codex"))
                .isEqualTo(new TaskRequest("run eval", "spare-tillicum", null, Backend.CODEX));
        assertThat(task("!urgent restart the build for dobby via shell"))
                .isEqualTo(new TaskRequest("restart the build", "dobby", Priority.URGENT, Backend.SHELL));
        assertThat(task("low priority: tidy imports in spare with claude"))
                .isEqualTo(new TaskRequest("tidy imports", "spare", Priority.LOW, Backend.CLAUDE));
    }

    @Test
    void theLongestProjectNameWinsAndNamesAreWholeWords() {
        assertThat(task("benchmark spare-tillicum against spare").project()).isEqualTo("spare-tillicum");
        assertThat(task("look at sparessss").project()).isNull();
        assertThat(task("deploy web.app now").project()).isEqualTo("web.app");
        // a bare name stays part of the text: it may be what the sentence is about
        assertThat(task("refactor dobby's parser").description()).isEqualTo("refactor dobby's parser");
    }

    @Test
    void aPrepositionNameIsPreferredOverOneMentionedInPassing() {
        TaskRequest t = task("port the spare-tillicum exporter to dobby");
        assertThat(t.project()).isEqualTo("dobby");
        assertThat(t.description()).isEqualTo("port the spare-tillicum exporter");
    }

    @Test
    void aReplyThatIsJustAProjectNameSetsTheProject() {
        assertThat(task("spare-tillicum")).isEqualTo(new TaskRequest("", "spare-tillicum", null, null));
    }

    @Test
    void anUnknownProjectLeavesItOpen() {
        TaskRequest t = task("fix the bug in nowhere");
        assertThat(t.project()).isNull();
        assertThat(t.description()).isEqualTo("fix the bug in nowhere");
    }

    @Test
    void aBulletListIsABatchWithTheHeaderAsDefaults() {
        List<TaskRequest> batch = tasks("<@UBOT> in spare with high priority:\n- write docs\n* add tests using codex\n"
                + "• fix lint in dobby with low priority\n  and format");
        assertThat(batch).containsExactly(
                new TaskRequest("write docs", "spare", Priority.HIGH, null),
                new TaskRequest("add tests", "spare", Priority.HIGH, Backend.CODEX),
                new TaskRequest("fix lint and format", "dobby", Priority.LOW, null));
    }

    @Test
    void commands() {
        assertThat(MessageParser.parse("<@UBOT> status", PROJECTS)).isEqualTo(new Command.Status(Duration.ofHours(4)));
        assertThat(MessageParser.parse("<@UBOT> status 12h", PROJECTS)).isEqualTo(new Command.Status(Duration.ofHours(12)));
        assertThat(MessageParser.parse("<@UBOT> Status 2d", PROJECTS)).isEqualTo(new Command.Status(Duration.ofDays(2)));
        assertThat(MessageParser.parse("<@UBOT> summary", PROJECTS)).isEqualTo(new Command.Summary(null, Duration.ofHours(12)));
        assertThat(MessageParser.parse("<@UBOT> summary spare 24h", PROJECTS))
                .isEqualTo(new Command.Summary("spare", Duration.ofHours(24)));
        assertThat(MessageParser.parse("<@UBOT> summary 30m", PROJECTS))
                .isEqualTo(new Command.Summary(null, Duration.ofMinutes(30)));
        assertThat(MessageParser.parse("<@UBOT> summary dobby", PROJECTS))
                .isEqualTo(new Command.Summary("dobby", Duration.ofHours(12)));
        assertThat(MessageParser.parse("<@UBOT> running", PROJECTS)).isEqualTo(new Command.Running());
        assertThat(MessageParser.parse("<@UBOT> projects", PROJECTS)).isEqualTo(new Command.Projects());
        assertThat(MessageParser.parse("<@UBOT> help", PROJECTS)).isEqualTo(new Command.Help());
        assertThat(MessageParser.parse("<@UBOT>", PROJECTS)).isEqualTo(new Command.Help());
    }

    @Test
    void aSentenceStartingWithACommandWordIsATask() {
        assertThat(task("status page is broken, fix it in spare").description()).isEqualTo("status page is broken, fix it");
        assertThat(task("running tests is slow in dobby").project()).isEqualTo("dobby");
    }

    @Test
    void textIsDataAndComesBackVerbatim() {
        assertThat(task("echo $(rm -rf ~) &amp;&amp; cat /etc/passwd &gt; x; `id` in spare").description())
                .isEqualTo("echo $(rm -rf ~) && cat /etc/passwd > x; `id`");
        assertThat(task("ls -la . | grep -v '^total' using shell").description()).isEqualTo("ls -la . | grep -v '^total'");
    }

    @Test
    void slackLinksAndMentionsAreUnwrapped() {
        assertThat(task("<@UBOT> read <https://example.com/spec|the spec> for dobby").description())
                .isEqualTo("read https://example.com/spec");
    }
}
