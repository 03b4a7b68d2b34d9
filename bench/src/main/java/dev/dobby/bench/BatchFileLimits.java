package dev.dobby.bench;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.BatchYaml;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long {@link BatchYaml} takes to turn hostile batch files away (and to read a large honest one): median and
 * worst time over {@code --runs} runs of each, after a warm-up.
 *
 * <pre>java ... dev.dobby.bench.BatchFileLimits [--runs N]</pre>
 */
public final class BatchFileLimits {
    private BatchFileLimits() {
    }

    public static void main(String[] args) {
        int runs = args.length == 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 200;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("billion laughs (9 levels of 9 aliases)", billionLaughs());
        files.put("50,000 levels of nesting", "tasks: " + "[".repeat(50_000) + "]".repeat(50_000));
        files.put("just over the size limit", honest(BatchYaml.MAX_BYTES + 100));
        files.put("python/object tag", "- !!python/object/apply:os.system [\"touch pwned\"]\n");
        files.put("more values than allowed", "tasks:\n" + "  - {description: x, project: p}\n".repeat(30_000));
        files.put("honest file, 1,000 tasks", thousand());
        for (Map.Entry<String, String> file : files.entrySet()) {
            for (int i = 0; i < 20; i++) {
                attempt(file.getValue());
            }
            long[] nanos = new long[runs];
            String outcome = "";
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                outcome = attempt(file.getValue());
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-40s %8d bytes  median %8.3f ms  worst %8.3f ms  -> %s%n", file.getKey(),
                    file.getValue().length(), nanos[runs / 2] / 1e6, nanos[runs - 1] / 1e6, outcome);
        }
    }

    private static String attempt(String yaml) {
        try {
            return "read " + BatchYaml.parse(yaml).tasks().size() + " tasks";
        } catch (ApiException e) {
            String message = e.getMessage();
            return "refused: " + (message.length() > 70 ? message.substring(0, 70) + "…" : message);
        }
    }

    private static String billionLaughs() {
        StringBuilder out = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            out.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 9; k++) {
                out.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            out.append("]\n");
        }
        return out.append("tasks: *a9\n").toString();
    }

    private static String honest(int bytes) {
        StringBuilder out = new StringBuilder("tasks:\n");
        while (out.length() < bytes) {
            out.append("  - {description: ").append("y".repeat(500)).append(", project: web}\n");
        }
        return bytes == 0 ? "" : out.toString();
    }

    private static String thousand() {
        StringBuilder out = new StringBuilder("name: release\nproject: web\ntasks:\n");
        for (int i = 0; i < 1000; i++) {
            out.append("  - name: t").append(i).append("\n    description: step ").append(i)
                    .append(" of the release\n    priority: high\n");
            if (i > 0) {
                out.append("    after: [t").append(i - 1).append("]\n");
            }
        }
        return out.toString();
    }
}
