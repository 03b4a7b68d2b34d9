package dev.dobby.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code claude} executable: it checks that it was called the one-shot way (print mode, JSON output, no
 * session, no tools, the prompt after {@code --}, stdin at its end), writes its arguments one per line to
 * {@code argv.txt} and prints a fixed answer file. Called any other way it prints nothing and exits 3.
 */
public final class FakeClaude {
    private FakeClaude() {
    }

    /** @param answer what to print: a file in the real CLI's shape */
    public static Path write(Path dir, Path answer) {
        Path script = dir.resolve("claude");
        String text = """
                #!/bin/bash
                printf '%%s\\n' "$@" > "$(dirname "$0")/argv.txt"
                [ "$1" = -p ] && [ "$2" = --output-format ] && [ "$3" = json ] || exit 3
                args=" $* "
                case "$args" in *" --no-session-persistence "*) ;; *) exit 3 ;; esac
                case "$args" in *" --model "*) ;; *) exit 3 ;; esac
                prev=""; seen_tools=no; dashdash=no; count=0
                for a in "$@"; do
                  count=$((count+1))
                  if [ "$prev" = --tools ] && [ -z "$a" ]; then seen_tools=yes; fi
                  if [ "$a" = -- ]; then dashdash=$count; fi
                  prev="$a"
                done
                [ $seen_tools = yes ] || exit 3
                [ "$dashdash" = $(($# - 1)) ] || exit 3
                if IFS= read -r -t 2 line; then exit 4; fi
                cat "%s"
                """.formatted(answer.toAbsolutePath());
        try {
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    public static List<String> argv(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("argv.txt"));
    }
}
