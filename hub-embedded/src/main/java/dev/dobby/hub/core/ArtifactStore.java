package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.Artifacts;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.LogPage;
import dev.dobby.protocol.Task;
import dev.dobby.protocol.TaskResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each task's folder under results_dir: what the agent left there ({@code DOBBY_ARTIFACTS_DIR}) plus the hub's
 * {@code result.json} and {@code output.log}, written after the task ends. Downloads are confined to the folder,
 * and neither they nor the hub's writes follow a symbolic link.
 */
public final class ArtifactStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArtifactStore.class);
    private static final int MAX_LISTED = 1_000;
    private static final int LOG_PAGE = 5_000;

    private final Path root;
    private final Store store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r ->
            Thread.ofPlatform().name("dobby-artifacts").daemon().unstarted(r));

    public ArtifactStore(Path root, Store store) {
        this.root = root.toAbsolutePath().normalize();
        this.store = store;
    }

    public Path dirFor(long taskId) {
        return root.resolve(Long.toString(taskId));
    }

    /** Write result.json and output.log for a task that just ended, off the caller's thread. */
    public void writeAfterFinish(long taskId) {
        writer.execute(() -> {
            try {
                write(taskId);
            } catch (IOException | RuntimeException e) {
                log.warn("could not write the artifacts of task {}: {}", taskId, e.getMessage());
            }
        });
    }

    private void write(long taskId) throws IOException {
        Path dir = ownFolder(taskId);
        Task task = store.read(tx -> tx.task(taskId)).orElseThrow();
        TaskResult result = store.read(tx -> tx.result(taskId)).orElse(null);
        Path json = dir.resolve("result.json.tmp");
        try (Writer out = newFile(json)) {
            out.write(Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(new ResultFile(task, result)));
        }
        Files.move(json, dir.resolve("result.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Path logTmp = dir.resolve("output.log.tmp");
        try (Writer out = newFile(logTmp)) {
            long after = 0;
            while (true) {
                long from = after;
                LogPage page = store.read(tx -> tx.logs(taskId, from, LOG_PAGE));
                for (var line : page.lines()) {
                    out.write(line.text());
                    out.write(System.lineSeparator());
                }
                if (!page.more()) {
                    break;
                }
                after = page.next();
            }
        }
        Files.move(logTmp, dir.resolve("output.log"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The task's folder as a real directory right under results_dir. An agent that replaced it with a link (to
     * the hub's home, say) loses the link: the hub's files go into a fresh folder, not where the link points.
     */
    private Path ownFolder(long taskId) throws IOException {
        Path dir = dirFor(taskId);
        if (Files.isSymbolicLink(dir) || (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))) {
            log.warn("the results folder of task {} was not a folder (a link?); replacing it with an empty one", taskId);
            Files.delete(dir);
        }
        Files.createDirectories(root);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        }
        return dir;
    }

    /** A new file, never through a link the agent left under the same name. */
    private static Writer newFile(Path path) throws IOException {
        Files.deleteIfExists(path);
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8));
    }

    private record ResultFile(Task task, TaskResult result) {
    }

    public Artifacts list(long taskId) {
        Path dir = dirFor(taskId);
        List<Artifacts.File> files = new ArrayList<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(dir, 8)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                        .sorted(Comparator.naturalOrder())
                        .limit(MAX_LISTED)
                        .forEach(p -> files.add(describe(dir, p)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return new Artifacts(taskId, dir.toString(), files);
    }

    private static Artifacts.File describe(Path dir, Path file) {
        try {
            return new Artifacts.File(dir.relativize(file).toString().replace('\\', '/'), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return new Artifacts.File(dir.relativize(file).toString(), 0, null);
        }
    }

    /**
     * The file at {@code relative} inside the task's folder, open for reading; never a file outside it. Symbolic
     * links are not followed anywhere below results_dir: the folder belongs to the agent, which could otherwise
     * link it to the hub's database.
     */
    public InputStream open(long taskId, String relative) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            throw ApiException.badRequest("an artifact path is required");
        }
        Path dir = dirFor(taskId);
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw ApiException.badRequest("artifact paths must stay inside the task's folder");
        }
        try {
            return LinkFreeFiles.open(root, root.relativize(target));
        } catch (IOException | UnsupportedOperationException e) {
            throw ApiException.notFound("task " + taskId + " has no artifact " + relative);
        }
    }

    /** Wait for pending writes, then stop. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
