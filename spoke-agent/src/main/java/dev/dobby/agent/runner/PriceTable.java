package dev.dobby.agent.runner;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What tokens cost per model, for agents that report tokens but no cost (Codex). Prices come from configuration;
 * there are no built-in figures, so a model that is not in the table has an unknown cost rather than a guessed one.
 */
public final class PriceTable {
    public static final PriceTable EMPTY = new PriceTable(Map.of());

    private final Map<String, Price> prices;

    /**
     * US dollars per million tokens.
     *
     * @param cacheWrite what writing the prompt cache costs (Claude); null means the input price
     */
    public record Price(double input, double cachedInput, double output, Double cacheWrite) {
        public Price {
            if (input < 0 || cachedInput < 0 || output < 0 || (cacheWrite != null && cacheWrite < 0)) {
                throw new IllegalArgumentException("prices cannot be negative");
            }
        }
    }

    public PriceTable(Map<String, Price> prices) {
        Map<String, Price> normalised = new HashMap<>();
        prices.forEach((model, price) -> normalised.put(model.strip().toLowerCase(Locale.ROOT), price));
        this.prices = Map.copyOf(normalised);
    }

    /**
     * Reads a table from configuration: model name to a map with {@code input}, {@code cached_input},
     * {@code output} and optionally {@code cache_write}, each in dollars per million tokens.
     *
     * @throws IllegalArgumentException naming the model and key that is missing or not a number
     */
    public static PriceTable fromConfig(Map<String, ? extends Map<String, ?>> config) {
        Map<String, Price> prices = new HashMap<>();
        config.forEach((model, entry) -> {
            if (entry == null) {
                throw new IllegalArgumentException("price for model " + model + " is empty");
            }
            for (String key : entry.keySet()) {
                if (!key.equals("input") && !key.equals("cached_input") && !key.equals("output")
                        && !key.equals("cache_write")) {
                    throw new IllegalArgumentException("price for model " + model + ": unknown key " + key
                            + " (expected input, cached_input, output, cache_write)");
                }
            }
            Double input = number(model, entry, "input", true);
            Double cached = number(model, entry, "cached_input", false);
            Double output = number(model, entry, "output", true);
            Double cacheWrite = number(model, entry, "cache_write", false);
            try {
                prices.put(model, new Price(input, cached == null ? input : cached, output, cacheWrite));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("price for model " + model + ": " + e.getMessage());
            }
        });
        return new PriceTable(prices);
    }

    private static Double number(String model, Map<String, ?> entry, String key, boolean required) {
        Object value = entry.get(key);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("price for model " + model + " needs " + key);
            }
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price for model " + model + ": " + key + " is not a number: " + value);
        }
    }

    public boolean isEmpty() {
        return prices.isEmpty();
    }

    /**
     * The cost of a run in US dollars, or null when the model is unknown or not in the table. A model name with a
     * bracketed variant ("claude-opus-4-8[1m]") is also looked up without it.
     *
     * @param uncachedInput input tokens that were neither read from nor written to a cache
     */
    public Double cost(String model, long uncachedInput, long cachedInput, long cacheWrite, long output) {
        Price price = lookup(model);
        if (price == null) {
            return null;
        }
        double writePrice = price.cacheWrite() == null ? price.input() : price.cacheWrite();
        return (uncachedInput * price.input() + cachedInput * price.cachedInput() + cacheWrite * writePrice
                + output * price.output()) / 1_000_000.0;
    }

    private Price lookup(String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        String key = model.strip().toLowerCase(Locale.ROOT);
        Price price = prices.get(key);
        int bracket = key.indexOf('[');
        if (price == null && bracket > 0) {
            price = prices.get(key.substring(0, bracket));
        }
        return price;
    }
}
