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
 * names end in _TOKEN, _SECRET, _KEY or _PASSWORD, plus any secrets named explicitly (the hub key, spoke tokens).
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

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
