package dev.dobby.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** daily_budget_usd and monthly_budget_usd, from dobby.yaml and the environment. */
class BudgetConfigTest {
    @TempDir
    Path dir;

    @Test
    void budgetsComeFromYamlAndTheEnvironmentWins() throws Exception {
        Path yaml = Files.writeString(dir.resolve("dobby.yaml"), """
                daily_budget_usd: 20
                monthly_budget_usd: 300.50
                """);
        HubConfig fromYaml = ConfigLoader.load(new ConfigLoader.Flags(yaml, null, null, null),
                Map.of("DOBBY_HOME", dir.toString()), dir).config();
        assertThat(fromYaml.dailyBudgetUsd()).isEqualTo(20.0);
        assertThat(fromYaml.monthlyBudgetUsd()).isEqualTo(300.50);
        assertThat(fromYaml.withPort(0).dailyBudgetUsd()).as("kept by the with- methods").isEqualTo(20.0);

        HubConfig fromEnv = ConfigLoader.load(new ConfigLoader.Flags(yaml, null, null, null),
                Map.of("DOBBY_HOME", dir.toString(), "DOBBY_DAILY_BUDGET_USD", "$5"), dir).config();
        assertThat(fromEnv.dailyBudgetUsd()).isEqualTo(5.0);
    }

    @Test
    void noBudgetsByDefault() {
        HubConfig config = ConfigLoader.load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString()), dir)
                .config();
        assertThat(config.dailyBudgetUsd()).isNull();
        assertThat(config.monthlyBudgetUsd()).isNull();
    }

    @Test
    void aBudgetThatIsNotAnAmountStopsTheStartNamingWhereItCameFrom() {
        assertThatThrownBy(() -> ConfigLoader.load(ConfigLoader.Flags.none(),
                Map.of("DOBBY_HOME", dir.toString(), "DOBBY_MONTHLY_BUDGET_USD", "lots"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DOBBY_MONTHLY_BUDGET_USD")
                .hasMessageContaining("must be an amount of US dollars");
        assertThatThrownBy(() -> ConfigLoader.load(ConfigLoader.Flags.none(),
                Map.of("DOBBY_HOME", dir.toString(), "DOBBY_DAILY_BUDGET_USD", "-1"), dir))
                .isInstanceOf(ConfigException.class);
    }
}
