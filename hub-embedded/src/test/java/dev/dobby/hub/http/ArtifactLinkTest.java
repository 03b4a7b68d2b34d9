package dev.dobby.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Await;
import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.TaskStatus;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task owns its results folder, but a link it puts there never leads the hub outside of it. */
class ArtifactLinkTest {
    @TempDir
    Path home;

    @Test
    void aResultsFolderReplacedByALinkToTheHubsHomeServesAndReceivesNothing() throws Exception {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            long id = hub.shell("p", "rm -rf \"$DOBBY_ARTIFACTS_DIR\" && ln -s '" + home + "' \"$DOBBY_ARTIFACTS_DIR\"")
                    .id();
            assertThat(hub.awaitEnd(id, Duration.ofSeconds(30)).status()).isEqualTo(TaskStatus.COMPLETED);
            Path folder = home.resolve("results").resolve(Long.toString(id));
            Await.until(() -> Files.exists(folder.resolve("result.json"), LinkOption.NOFOLLOW_LINKS),
                    Duration.ofSeconds(10), "result.json");

            assertThat(http.get("/tasks/" + id + "/artifacts/dobby.db").status()).isEqualTo(404);
            assertThat(home.resolve("result.json")).as("nothing written through the link").doesNotExist();
            assertThat(home.resolve("output.log")).doesNotExist();
            assertThat(Files.isSymbolicLink(folder)).as("the link is gone").isFalse();
            assertThat(http.get("/tasks/" + id + "/artifacts/result.json").body()).contains("\"task\"");
        }
    }

    @Test
    void aLinkInsideTheFolderIsNotFollowedWhileTheTaskIsStillRunning() throws Exception {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            long id = hub.shell("p", "ln -s '" + home + "' \"$DOBBY_ARTIFACTS_DIR/home\"; echo kept > "
                    + "\"$DOBBY_ARTIFACTS_DIR/note.txt\"; rm -rf \"$DOBBY_ARTIFACTS_DIR/../self\"; "
                    + "ln -s / \"$DOBBY_ARTIFACTS_DIR/../self\"; echo linked; sleep 30").id();
            Await.until(() -> hub.api().logs(id, 0, 10).lines().size() > 0, Duration.ofSeconds(20), "the links");
            String base = "/tasks/" + id + "/artifacts/";
            assertThat(http.get(base + "home/dobby.db").status()).isIn(400, 404);
            assertThat(http.get(base + "note.txt").body()).isEqualTo("kept\n");
            assertThat(http.get("/tasks/" + id + "/artifacts/..%2Fself%2Fetc%2Fpasswd").status()).isIn(400, 404);

            Http.Reply head = http.send("HEAD", base + "note.txt", null);
            assertThat(head.status()).isEqualTo(200);
            Http.Reply get = http.get(base + "note.txt");
            assertThat(head.header("Content-Type")).startsWith("application/octet-stream")
                    .isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Disposition")).isEqualTo(get.header("Content-Disposition"));
            hub.api().cancelTask(id);
        }
    }
}
