package dev.dobby.agent.runner;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values in output before it is stored or streamed: the values of environment variables whose
 * names end in _TOKEN, _SECRET, _KEY or _PASSWORD, any secrets named explicitly (the hub key, spoke tokens), and
 * anything shaped like a well-known kind of credential ({@link SecretPatterns}), wherever it came from.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";
    private static final List<String> SECRET_SUFFIXES = List.of("_TOKEN", "_SECRET", "_KEY", "_PASSWORD");
    // Shorter values are too likely to match ordinary text ("1", "true") to be worth masking.
    private static final int MIN_LENGTH = 6;

    private final List<String> secrets;

    private Redactor(Collection<String> values) {
        Set<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && value.strip().length() >= MIN_LENGTH) {
                unique.add(value.strip());
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = unique.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public static Redactor fromEnvironment(Map<String, String> env, Collection<String> extraSecrets) {
        List<String> values = new java.util.ArrayList<>(extraSecrets);
        env.forEach((name, value) -> {
            if (isSecretName(name)) {
                values.add(value);
            }
        });
        return new Redactor(values);
    }

    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_SUFFIXES.stream().anyMatch(upper::endsWith);
    }

    /** Masks the secrets in one piece of text on its own; output streams use {@link #lines()}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return SecretPatterns.mask(out, MASK);
    }

    /** A redactor for the lines of one stream, which also masks private-key blocks that span lines. */
    public Lines lines() {
        return new Lines();
    }

    /**
     * Remembers whether the stream is inside a PEM private-key block, so the lines between its BEGIN and END are
     * masked too. A BEGIN whose END never comes stops masking after {@link #MAX_BLOCK_LINES} lines, so a stray
     * marker cannot hide the rest of a run's output.
     */
    public final class Lines {
        static final int MAX_BLOCK_LINES = 200;
        private int blockLinesLeft;

        public String redact(String line) {
            if (blockLinesLeft > 0) {
                int end = SecretPatterns.endOfKeyBlock(line);
                if (end < 0) {
                    blockLinesLeft--;
                    return MASK;
                }
                blockLinesLeft = 0;
                return MASK + Redactor.this.redact(line.substring(end));
            }
            String out = Redactor.this.redact(line);
            int begin = SecretPatterns.startOfKeyBlock(out);
            if (begin >= 0) {
                blockLinesLeft = MAX_BLOCK_LINES;
                return out.substring(0, begin) + MASK;
            }
            return out;
        }
    }
}
