package dev.dobby.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the dashboard tests share: projects that run several tasks at once, gates that hold a task, console checks. */
final class DashboardFixture {
    private DashboardFixture() {
    }

    static Project project(TestHub hub, String name) {
        try {
            Path dir = Files.createDirectories(hub.home().resolve("projects").resolve(name));
            return hub.api().registerProject(new NewProject(name, dir.toString(), null,
                    new ProjectPolicy(null, null, 5, null, null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A shell snippet that waits until {@link #open(Path)} is called for {@code gate}. */
    static String waitFor(Path gate) {
        return "while [ ! -e '" + gate + "' ]; do sleep 0.05; done";
    }

    static void open(Path gate) {
        try {
            Files.writeString(gate, "go");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page broke no rule of its Content-Security-Policy and threw no uncaught error. */
    static void assertCleanConsole(Browser browser) {
        List<String> problems = browser.console().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("TypeError")
                        || m.contains("ReferenceError") || m.contains("SyntaxError"))
                .toList();
        assertThat(problems).as("console errors and policy violations").isEmpty();
    }
}
