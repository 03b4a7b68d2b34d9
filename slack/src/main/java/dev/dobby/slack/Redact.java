package dev.dobby.slack;

import java.util.regex.Pattern;

/** Hides Slack tokens in anything that may reach a log or a message. */
public final class Redact {
    private static final Pattern TOKEN = Pattern.compile("\\b(xox[a-z]|xapp)-[A-Za-z0-9-]+");

    private Redact() {
    }

    public static String tokens(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("$1-…");
    }
}
