package dev.dobby.assistant;

import java.util.Locale;

/**
 * API prices per million tokens of the models an assistant is likely to use, so that calls through the Messages API
 * get a cost like Claude Code's own {@code total_cost_usd}. An unknown model is priced like Sonnet, the dearer
 * guess.
 */
final class Prices {
    private Prices() {
    }

    static double cost(String model, long tokensIn, long tokensOut) {
        String m = model.toLowerCase(Locale.ROOT);
        double in;
        double out;
        if (m.contains("haiku")) {
            in = 1.0;
            out = 5.0;
        } else if (m.contains("opus")) {
            in = 5.0;
            out = 25.0;
        } else {
            in = 3.0;
            out = 15.0;
        }
        return (tokensIn * in + tokensOut * out) / 1_000_000.0;
    }
}
