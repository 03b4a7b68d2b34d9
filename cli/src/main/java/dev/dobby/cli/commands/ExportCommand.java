package dev.dobby.cli.commands;

import dev.dobby.cli.ClientCommand;
import dev.dobby.protocol.ExportFormat;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Write tasks with their results as CSV or JSON, streamed from the hub.",
        footer = {"",
                "Examples:",
                "  dobby export --format csv --output tasks.csv",
                "  dobby export --project shop --format json | jq length"})
public final class ExportCommand extends ClientCommand {
    @Option(names = "--project", paramLabel = "NAME", description = "Only this project.")
    String project;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (default) or json.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of to stdout.")
    Path output;

    @Override
    protected int run() throws IOException {
        ExportFormat chosen = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> ExportFormat.CSV;
            case "json" -> ExportFormat.JSON;
            default -> throw new IllegalArgumentException("--format must be csv or json, not '" + format + "'");
        };
        if (output == null) {
            OutputStream stdout = new BufferedOutputStream(System.out);
            hub().export(chosen, project, stdout);
            stdout.flush();
            return 0;
        }
        // Written beside the target and moved over it at the end, so a failed export never leaves half a file.
        Path absolute = output.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        Progress progress = new Progress();
        try (OutputStream file = new Counting(new BufferedOutputStream(Files.newOutputStream(partial)), progress)) {
            hub().export(chosen, project, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
        progress.done();
        out().println("Exported to " + absolute + " (" + Progress.size(Files.size(absolute)) + ")");
        return 0;
    }

    /** Bytes written so far, shown on stderr at most a few times a second. */
    private final class Progress {
        private long bytes;
        private long lastShown;

        void add(long n) {
            bytes += n;
            long now = System.nanoTime();
            if (now - lastShown > 250_000_000L) {
                lastShown = now;
                err().print((style().enabled() ? "\r" : "") + "exporting… " + size(bytes) + (style().enabled() ? "   " : "\n"));
                err().flush();
            }
        }

        void done() {
            if (lastShown != 0 && style().enabled()) {
                err().println();
            }
        }

        static String size(long bytes) {
            return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0) : String.format("%.1f MB", bytes / 1048576.0);
        }
    }

    private static final class Counting extends FilterOutputStream {
        private final Progress progress;

        Counting(OutputStream out, Progress progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            progress.add(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            progress.add(1);
        }
    }
}
