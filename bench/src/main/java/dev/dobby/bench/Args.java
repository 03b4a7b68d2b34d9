package dev.dobby.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name N} options of a benchmark, with defaults; anything else is an error. */
final class Args {
    private Args() {
    }

    static Map<String, Integer> ints(String[] args, Map<String, Integer> defaults) {
        Map<String, Integer> out = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !defaults.containsKey(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("options: " + defaults.keySet().stream().map(k -> "--" + k + " N")
                        .reduce((a, b) -> a + " " + b).orElse(""));
            }
            out.put(name, Integer.parseInt(args[++i]));
        }
        return out;
    }
}
