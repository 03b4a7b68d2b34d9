package dev.dobby.hub.http;

import java.util.Locale;

/**
 * Whether a Host header name means this machine, decided from the text alone. Resolving the name would hand the
 * decision to whoever runs its DNS, which is exactly what a DNS-rebinding page controls.
 */
final class LocalHostNames {
    private LocalHostNames() {
    }

    static boolean isLocal(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String h = name.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || isLoopbackIpv4(h) || isLoopbackIpv6(h);
    }

    /** A dotted-quad literal in 127.0.0.0/8; nothing else (no short or octal forms) counts. */
    private static boolean isLoopbackIpv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    /** ::1 in any of its spellings (leading zeros, the expanded form). */
    private static boolean isLoopbackIpv6(String h) {
        if (!h.contains(":") || !h.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        String[] halves = h.split("::", -1);
        if (halves.length > 2) {
            return false;
        }
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (String half : halves) {
            if (!half.isEmpty()) {
                groups.addAll(java.util.List.of(half.split(":", -1)));
            }
        }
        if (groups.stream().anyMatch(g -> g.isEmpty() || g.length() > 4)) {
            return false;
        }
        if (halves.length == 1 ? groups.size() != 8 : groups.size() > 7) {
            return false;
        }
        for (int i = 0; i < groups.size(); i++) {
            int value = Integer.parseInt(groups.get(i), 16);
            boolean last = i == groups.size() - 1;
            if (value != (last ? 1 : 0)) {
                return false;
            }
        }
        return !groups.isEmpty() && (halves.length == 1 || halves[1].length() > 0);
    }
}
