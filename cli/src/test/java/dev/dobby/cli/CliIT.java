package dev.dobby.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI against a real hub, the way a user or a script drives it. */
class CliIT {
    @TempDir
    static Path home;
    static TestHub hub;
    static Cli dobby;
    static Path project;

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(home);
        project = Files.createDirectories(home.resolve("shop"));
        dobby = new Cli().env("DOBBY_URL", hub.url()).in(project);
        Cli.Result registered = dobby.run("register", ".", "--name", "shop", "--context", "a test shop");
        assertThat(registered.code()).as(registered.toString()).isZero();
        assertThat(registered.out()).contains("Registered project shop at " + project.toRealPath());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static long queued(Cli.Result result) {
        Matcher m = Pattern.compile("Queued task #(\\d+)").matcher(result.out());
        assertThat(m.find()).as(result.toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static JsonNode json(Cli.Result result) throws Exception {
        assertThat(result.code()).as(result.toString()).isZero();
        return Json.lenient().readTree(result.out());
    }

    @Test
    void statsShowsWhatTheAssistantsCallsCost() {
        hub.api().recordAssistantCall(new dev.dobby.protocol.AssistantCall("slack-request",
                "Claude Code (claude-haiku-4-5)", "claude-haiku-4-5", 812, 64, 0.001132));
        Cli.Result stats = dobby.run("stats");
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).containsPattern("Assistant: \\d+ calls  \\d+ tokens in, \\d+ out  \\$0\\.\\d{4}");
    }

    @Test
    void addStatusLogsResultsOnAShellTask() throws Exception {
        long id = queued(dobby.run("add", "echo first; echo second", "--project", "shop", "--backend", "shell",
                "--priority", "high"));
        Cli.Result follow = dobby.run("logs", String.valueOf(id), "--follow");
        assertThat(follow.code()).as(follow.toString()).isZero();
        assertThat(follow.out()).isEqualTo("first\nsecond\n");
        assertThat(follow.err()).contains("task #" + id + " completed");

        Cli.Result status = dobby.run("status", "shop");
        assertThat(status.out()).containsPattern("#" + id + "\\s+completed\\s+shop\\s+shell\\s+high");
        assertThat(status.out()).doesNotContain("\u001b[").as("no colour when not on a terminal");

        Cli.Result results = dobby.run("results", String.valueOf(id));
        assertThat(results.out()).contains("Task #" + id + "  completed").contains("first\nsecond");
        assertThat(dobby.run("results", "shop").out()).contains("#" + id);
        assertThat(dobby.run("detail-status", String.valueOf(id)).out()).contains("Output").contains("last: second");
        assertThat(dobby.run("logs", String.valueOf(id), "--tail", "1").out()).isEqualTo("second\n");

        JsonNode task = json(dobby.run("status", "--json", "--status", "completed"));
        assertThat(task.path("tasks").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(json(dobby.run("results", String.valueOf(id), "--json")).path("summary").asText()).isEqualTo("first\nsecond");
        assertThat(json(dobby.run("stats", "--json")).path("by_project").path("shop").path("completed").asInt()).isPositive();
        assertThat(json(dobby.run("projects", "--json")).get(0).path("context").asText()).isEqualTo("a test shop");
    }

    @Test
    void addWaitExitsWithTheTasksOutcome() {
        Cli.Result ok = dobby.run("add", "true", "-p", "shop", "--backend", "shell", "--wait");
        assertThat(ok.code()).as(ok.toString()).isZero();
        Cli.Result bad = dobby.run("add", "echo broken >&2; exit 3", "-p", "shop", "--backend", "shell", "--wait");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCode.TASK_FAILED);
        assertThat(bad.err()).contains("failed (exited with code 3)");
    }

    @Test
    void cancelThenRetryWithCascade() {
        long parent = queued(dobby.run("add", "sleep 300", "-p", "shop", "--backend", "shell"));
        long child = queued(dobby.run("add", "echo child", "-p", "shop", "--backend", "shell", "--after",
                String.valueOf(parent)));
        hub.awaitStatus(parent, TaskStatus.RUNNING, Duration.ofSeconds(20));
        Cli.Result cancel = dobby.run("cancel", String.valueOf(parent));
        assertThat(cancel.out()).contains("Cancelled task #" + parent);
        assertThat(hub.api().getTask(child).statusReason()).contains("cancelled: retry it");
        assertThat(dobby.run("cancel", String.valueOf(parent)).code()).isEqualTo(ExitCode.REFUSED);

        Cli.Result retry = dobby.run("retry", String.valueOf(parent), "--cascade");
        assertThat(retry.code()).as(retry.toString()).isZero();
        assertThat(retry.out()).contains("Task #" + parent + " is");
        hub.awaitStatus(parent, TaskStatus.RUNNING, Duration.ofSeconds(20));
        hub.api().cancelTask(parent);
    }

    @Test
    void planThenApprove() {
        Cli.Result plan = dobby.run("plan", "echo planned", "-p", "shop", "--backend", "shell");
        Matcher m = Pattern.compile("Draft #(\\d+)").matcher(plan.out());
        assertThat(m.find()).as(plan.toString()).isTrue();
        long id = Long.parseLong(m.group(1));
        assertThat(hub.api().getTask(id).status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(dobby.run("approve", String.valueOf(id)).code()).isZero();
        hub.awaitStatus(id, TaskStatus.COMPLETED, Duration.ofSeconds(20));
    }

    @Test
    void errorsAreOneLineWithDocumentedExitCodes() {
        Cli.Result unreachable = new Cli().env("DOBBY_URL", "http://127.0.0.1:9").run("status");
        assertThat(unreachable.code()).isEqualTo(ExitCode.HUB_UNREACHABLE);
        assertThat(unreachable.err()).startsWith("dobby: no hub at http://127.0.0.1:9 — start one with `dobby start`");

        Cli.Result missing = dobby.run("logs", "999999");
        assertThat(missing.code()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("dobby: no task 999999\n");

        Cli.Result noProject = dobby.run("add", "x", "-p", "nowhere");
        assertThat(noProject.code()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(noProject.err()).contains("project 'nowhere' is not registered");

        Cli.Result badFlag = dobby.run("add", "x", "-p", "shop", "--priority", "asap");
        assertThat(badFlag.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badFlag.err()).contains("unknown priority 'asap' (expected one of: urgent, high, normal, low)");

        Cli.Result badDuration = dobby.run("add", "x", "-p", "shop", "--timeout", "soon");
        assertThat(badDuration.code()).isEqualTo(ExitCode.USAGE);
        assertThat(badDuration.err()).contains("'soon' is not a duration");

        Cli.Result unknownCommand = dobby.run("frobnicate");
        assertThat(unknownCommand.code()).isEqualTo(ExitCode.USAGE);

        for (Cli.Result r : new Cli.Result[] {unreachable, missing, noProject, badFlag, badDuration, unknownCommand}) {
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void appPassesItsFlagsIncludingExitAfterStartToTheAppLauncher(@TempDir Path dir) throws Exception {
        Path launcher = dir.resolve("fake-app");
        Files.writeString(launcher, "#!/bin/sh\necho \"launched with: $*\"\n");
        launcher.toFile().setExecutable(true);
        Cli.Result started = new Cli().in(dir).env("DOBBY_APP", launcher.toString())
                .run("app", "--port", "9999", "--exit-after-start");
        assertThat(started.code()).isZero();
        assertThat(started.out().strip()).isEqualTo("launched with: --port 9999 --exit-after-start");
    }

    @Test
    void slackWithoutItsTokensSaysWhichInOneLine(@TempDir Path dir) throws Exception {
        Cli.Result none = new Cli().in(dir).env("SLACK_BOT_TOKEN", "").env("SLACK_APP_TOKEN", "").run("slack");
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err()).startsWith("dobby: SLACK_BOT_TOKEN and SLACK_APP_TOKEN not set").hasLineCount(1);

        Files.writeString(dir.resolve(".env"), "SLACK_BOT_TOKEN=xoxb-from-dotenv\n");
        Cli.Result half = new Cli().in(dir).env("SLACK_APP_TOKEN", "").run("slack");
        assertThat(half.code()).isEqualTo(ExitCode.USAGE);
        assertThat(half.err()).startsWith("dobby: SLACK_APP_TOKEN not set").hasLineCount(1)
                .doesNotContain("xoxb-from-dotenv");
    }

    @Test
    void aWrongKeyIsRefused(@TempDir Path other) {
        try (TestHub keyed = TestHub.start(other, c -> c.withApiKey("the-right-key-123"))) {
            Cli.Result wrong = new Cli().env("DOBBY_URL", keyed.url()).env("DOBBY_API_KEY", "not-it-at-all").run("status");
            assertThat(wrong.code()).isEqualTo(ExitCode.UNAUTHORIZED);
            assertThat(wrong.err()).isEqualTo("dobby: wrong API key\n");
            Cli.Result right = new Cli().run("status", "--hub", keyed.url(), "--api-key", "the-right-key-123");
            assertThat(right.code()).as(right.toString()).isZero();
        }
    }

    @Test
    void initWorksWithPipedAnswersAndNeverSilentlyOverwrites(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("my repo"));
        // URL, key, slack?, register?, name
        Cli.Result first = new Cli().in(repo).runWithInput(hub.url() + "\n\nn\ny\nmyrepo\n", "init");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(Files.readString(repo.resolve(".env"))).contains("DOBBY_URL=" + hub.url());
        assertThat(first.out()).contains("Registered " + repo + " as project myrepo").contains("\"mcpServers\"");
        assertThat(hub.api().getProject("myrepo").path()).isEqualTo(repo.toRealPath().toString());

        Files.writeString(repo.resolve(".env"), "MINE=1\n");
        Cli.Result again = new Cli().in(repo).runWithInput("\n", "init");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("A .env already exists here. Overwrite it?").contains("Keeping the existing .env.");
        assertThat(Files.readString(repo.resolve(".env"))).isEqualTo("MINE=1\n");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        Cli.Result top = dobby.run("--help");
        assertThat(top.code()).isZero();
        for (String command : new String[] {"init", "start", "register", "add", "plan", "approve", "status",
                "detail-status", "logs", "results", "batch", "batch-status", "schedules", "cancel", "retry", "stats",
                "projects", "policy", "export", "agent", "remote", "slack", "mcp", "deploy", "app", "completion", "pause",
                "unpause"}) {
            assertThat(top.out()).contains("  " + command);
            Cli.Result help = dobby.run(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: dobby " + command);
        }
        assertThat(dobby.run("--version").out()).startsWith("dobby ");
        assertThat(dobby.run("completion", "bash").out()).contains("complete -F");
    }

    @Test
    void batchFromAYamlFileWithProgressUntilTheEnd(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("release.yaml"), """
                name: release
                project: shop
                tasks:
                  - name: build
                    description: echo building
                    backend: shell
                  - description: echo shipping
                    backend: shell
                    after: build
                """);
        Cli.Result batch = dobby.run("batch", file.toString(), "--wait");
        assertThat(batch.code()).as(batch.toString()).isZero();
        assertThat(batch.out()).containsPattern("Queued batch #\\d+ with 2 task\\(s\\)");
        assertThat(batch.err()).contains("Submitting 2 task(s)").contains("2/2 ended");

        Path attack = Files.writeString(dir.resolve("laughs.yaml"), "a: &a [x, x]\nb: [*a, *a]\n");
        long before = hub.api().listTasks(dev.dobby.protocol.TaskQuery.all()).total();
        Cli.Result refused = dobby.run("batch", attack.toString());
        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).startsWith("dobby: ").doesNotContain("Exception");
        assertThat(hub.api().listTasks(dev.dobby.protocol.TaskQuery.all()).total()).isEqualTo(before);
        assertThat(dobby.run("batch", dir.resolve("missing.yaml").toString()).code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void exportWritesCsvToAFileAndJsonToStdout(@TempDir Path dir) throws Exception {
        long id = queued(dobby.run("add", "echo exported", "-p", "shop", "--backend", "shell"));
        hub.awaitStatus(id, TaskStatus.COMPLETED, Duration.ofSeconds(20));
        Path csv = dir.resolve("out.csv");
        Cli.Result toFile = dobby.run("export", "--format", "csv", "--output", csv.toString(), "--project", "shop");
        assertThat(toFile.code()).as(toFile.toString()).isZero();
        assertThat(toFile.out()).contains("Exported to " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("id,project,description,status,");
        assertThat(String.join("\n", lines)).contains("echo exported");
        JsonNode json = json(dobby.run("export", "--format", "json"));
        assertThat(json.isArray()).isTrue();
        assertThat(json.toString()).contains("echo exported");
        assertThat(dobby.run("export", "--format", "xml").code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aScheduleIsMadeListedAndCancelled() {
        Cli.Result made = dobby.run("add", "echo tick", "-p", "shop", "--backend", "shell", "--every", "6h");
        assertThat(made.code()).as(made.toString()).isZero();
        Matcher m = Pattern.compile("Scheduled #(\\d+)").matcher(made.out());
        assertThat(m.find()).as(made.toString()).isTrue();
        String id = m.group(1);
        assertThat(dobby.run("schedules").out()).containsPattern("#" + id + "\\s+active\\s+shop\\s+every 6h");
        assertThat(dobby.run("schedules", "cancel", id).out()).contains("Cancelled schedule #" + id);
        assertThat(dobby.run("schedules", "--json").out()).contains("\"state\" : \"cancelled\"");
        Cli.Result badCron = dobby.run("add", "x", "-p", "shop", "--cron", "every tuesday");
        assertThat(badCron.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(badCron.err()).startsWith("dobby: ").contains("cron");
    }

    @Test
    void batchStatusShowsProgress() {
        var batch = hub.api().createBatch(new dev.dobby.protocol.NewBatch("two", java.util.List.of(
                new dev.dobby.protocol.NewBatch.Entry("a", "echo a", "shop", null, dev.dobby.protocol.Backend.SHELL,
                        null, null, null, null, null))));
        Await.until(() -> hub.api().batch(batch.id()).finished() == 1, Duration.ofSeconds(20), "the batch to end");
        Cli.Result status = dobby.run("batch-status", String.valueOf(batch.id()));
        assertThat(status.out()).contains("Batch " + batch.id() + " \"two\"").contains("1/1 ended");
    }
}
