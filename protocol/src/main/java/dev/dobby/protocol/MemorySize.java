package dev.dobby.protocol;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes of GPU memory as people write them: 40G, 40GB, 40GiB, 512M, 81920 (MiB). */
public final class MemorySize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([mgt]?)(?:i?b)?");

    private MemorySize() {
    }

    /** The size in MiB; IllegalArgumentException, with a message for the user, when it is not a size. */
    public static long parseMib(String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size (like 40G, 512M or 81920 for MiB)");
        }
        double value = Double.parseDouble(m.group(1));
        double mib = switch (m.group(2)) {
            case "g" -> value * 1024;
            case "t" -> value * 1024 * 1024;
            default -> value;
        };
        if (mib < 1 || mib > 16L * 1024 * 1024) {
            throw new IllegalArgumentException("'" + text + "' is out of range (1M to 16T)");
        }
        return Math.round(mib);
    }
}
