package dev.dobby.agent.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    @Test
    void costIsComputedPerMillionTokensFromConfiguredPrices() {
        PriceTable table = PriceTable.fromConfig(Map.of("claude-opus-4-8", Map.of("input", 5, "cached_input", "0.5",
                "output", 25.0, "cache_write", 6.25)));

        // The bracketed context-window variant is priced like its model.
        assertThat(table.cost("claude-opus-4-8[1m]", 1_000_000, 2_000_000, 1_000_000, 100_000))
                .isCloseTo(5 + 1 + 6.25 + 2.5, within(1e-9));
        assertThat(table.cost("Claude-Opus-4-8", 0, 0, 1_000_000, 0)).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void withoutCachePricesCachedTokensCostAsInput() {
        PriceTable table = PriceTable.fromConfig(Map.of("m", Map.of("input", 2, "output", 4)));

        assertThat(table.cost("m", 1_000_000, 1_000_000, 1_000_000, 0)).isCloseTo(6, within(1e-9));
    }

    @Test
    void anUnknownOrMissingModelHasNoCost() {
        PriceTable table = PriceTable.fromConfig(Map.of("m", Map.of("input", 2, "output", 4)));

        assertThat(table.cost("other", 10, 0, 0, 10)).isNull();
        assertThat(table.cost(null, 10, 0, 0, 10)).isNull();
        assertThat(PriceTable.EMPTY.cost("m", 10, 0, 0, 10)).isNull();
        assertThat(PriceTable.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void badConfigurationIsRefusedWithTheModelAndKeyNamed() {
        assertThatThrownBy(() -> PriceTable.fromConfig(Map.of("gpt", Map.of("input", 1))))
                .hasMessage("price for model gpt needs output");
        assertThatThrownBy(() -> PriceTable.fromConfig(Map.of("gpt", Map.of("input", "cheap", "output", 1))))
                .hasMessage("price for model gpt: input is not a number: cheap");
        assertThatThrownBy(() -> PriceTable.fromConfig(Map.of("gpt", Map.of("input", 1, "output", 1, "inptu", 2))))
                .hasMessageContaining("unknown key inptu");
        assertThatThrownBy(() -> PriceTable.fromConfig(Map.of("gpt", Map.of("input", -1, "output", 1))))
                .hasMessage("price for model gpt: prices cannot be negative");
    }
}
