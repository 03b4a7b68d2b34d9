package dev.dobby.slack;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close matches between what someone wrote and the registered project names. */
final class Names {
    private Names() {
    }

    /** Edit distance with adjacent swaps counting as one edit ("dobyy" is one away from "dobby"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Known names closest to {@code wanted} (or to any word of it), nearest first; at most three. */
    static List<String> closest(String wanted, Collection<String> known) {
        if (wanted == null || wanted.isBlank()) {
            return List.of();
        }
        String w = wanted.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= Math.max(2, k.length() / 3)
                        || k.toLowerCase(Locale.ROOT).contains(w) || w.contains(k.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT))))
                .limit(3).toList();
    }
}
