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
        return write(dir, java.util.Map.of(), answer);
    }

    /**
     * @param byPrompt answers for prompts that contain a given text (checked in order)
     * @param fallback the answer for any other prompt
     */
    public static Path write(Path dir, java.util.Map<String, Path> byPrompt, Path fallback) {
        StringBuilder choose = new StringBuilder("prompt=\"${@: -1}\"\ncase \"$prompt\" in\n");
        byPrompt.forEach((needle, file) -> choose.append("  *'").append(needle.replace("'", "")).append("'*) answer='")
                .append(file.toAbsolutePath()).append("' ;;\n"));
        choose.append("  *) answer='").append(fallback.toAbsolutePath()).append("' ;;\nesac\n");
        Path script = dir.resolve("claude");
        String text = """
                #!/bin/bash
                printf '%s\\n' "$@" > "$(dirname "$0")/argv.txt"
                printf '%s' "$CLAUDE_CODE_MAX_OUTPUT_TOKENS" > "$(dirname "$0")/max_tokens.txt"
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
                """ + choose + "cat \"$answer\"\n";
        try {
            Files.writeString(script, text);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    /**
     * An answer file in the shape the real CLI printed (the captured fixture), with this structured answer (null for
     * a text answer) and this {@code result} text.
     */
    public static Path answer(Path dir, String name, String structuredJson, String resultText) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root;
        try (var in = FakeClaude.class.getResourceAsStream("/claude-p-json-schema.json")) {
            root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(in);
        }
        if (structuredJson == null) {
            root.remove("structured_output");
            root.put("result", resultText);
            root.put("stop_reason", "end_turn");
        } else {
            root.set("structured_output", json.readTree(structuredJson));
            root.put("result", structuredJson);
        }
        Path file = dir.resolve(name);
        Files.writeString(file, root.toString());
        return file;
    }

    public static List<String> argv(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("argv.txt"));
    }
}
