package dev.dobby.agent.runner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of well-known credentials, so they are masked even when no environment variable told us their value
 * (a key pasted into a file the agent reads, a token a tool prints). One precompiled alternation keeps it to a
 * single pass over each line. The shapes are tight on purpose: an ordinary word that looks a little like a key
 * (task-..., a kebab-case name) must come through unharmed.
 */
final class SecretPatterns {
    private static final String KEY_BLOCK_BEGIN = "-----BEGIN[A-Z0-9 ]{0,40} PRIVATE KEY-----";
    private static final String KEY_BLOCK_END = "-----END[A-Z0-9 ]{0,40} PRIVATE KEY-----";

    // The lookahead on first letters lets the matcher skip most positions with one character test.
    private static final Pattern SECRETS = Pattern.compile("(?=[sgAxe-])(?:" + String.join("|",
            "\\b(?:sk-ant-[A-Za-z0-9_-]{16,}",
            "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}",
            "sk-[A-Za-z0-9]{32,}(?![A-Za-z0-9_-])",
            "gh[pousr]_[A-Za-z0-9]{30,}",
            "github_pat_[A-Za-z0-9_]{30,}",
            "(?:AKIA|ASIA)[A-Z0-9]{16}\\b",
            "xox[abprs]-[A-Za-z0-9-]{10,}",
            "xapp-[A-Za-z0-9-]{10,}",
            "eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,})",
            KEY_BLOCK_BEGIN + "[\\s\\S]*?" + KEY_BLOCK_END) + ")");
    private static final Pattern BEGIN = Pattern.compile(KEY_BLOCK_BEGIN);
    private static final Pattern END = Pattern.compile(KEY_BLOCK_END);

    private SecretPatterns() {
    }

    static String mask(String text, String mask) {
        Matcher m = SECRETS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(mask));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** Where a private-key block that this text does not close begins, or -1. */
    static int startOfKeyBlock(String text) {
        if (!text.contains(" PRIVATE KEY-----")) {
            return -1;
        }
        Matcher m = BEGIN.matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** Just past the END marker of a private-key block, or -1 when this text does not hold one. */
    static int endOfKeyBlock(String text) {
        if (!text.contains(" PRIVATE KEY-----")) {
            return -1;
        }
        Matcher m = END.matcher(text);
        return m.find() ? m.end() : -1;
    }
}
