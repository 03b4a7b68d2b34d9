package dev.dobby.hub.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.hub.config.ConfigException;
import dev.dobby.hub.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresUrlTest {
    @TempDir
    Path dir;

    @Test
    void thePasswordComesFromAFileOrTheEnvironmentAndIsNeverShown() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-pw\n");
        PostgresUrl url = PostgresUrl.parse("postgresql://db.internal/dobby?sslmode=require",
                Map.of("DOBBY_DB_USER", "team", "DOBBY_DB_PASSWORD_FILE", file.toString(),
                        "DOBBY_DB_PASSWORD", "other"));
        assertThat(url.properties()).containsEntry("user", "team").containsEntry("password", "s3cret-pw");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/dobby?sslmode=require");
        assertThat(url.toString()).isEqualTo("postgresql://team@db.internal:5432/dobby").doesNotContain("s3cret");

        PostgresUrl fromEnv = PostgresUrl.parse("postgresql://ops@db:6543/d", Map.of("DOBBY_DB_PASSWORD", "pw-env"));
        assertThat(fromEnv.properties()).containsEntry("user", "ops").containsEntry("password", "pw-env");
    }

    @Test
    void aPasswordInTheUrlOrAUrlWithoutADatabaseIsRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:pw@db/d", Map.of()))
                .hasMessageContaining("must not hold a password").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://db", Map.of()))
                .hasMessageContaining("needs a host and a database");
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://db/d", Map.of())).hasMessageContaining("postgresql://");
    }

    @Test
    void dbUrlIsASettingAndOnlyPostgresqlIsAccepted() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(ConfigLoader.Flags.none(),
                Map.of("DOBBY_HOME", dir.toString(), "DOBBY_DB_URL", "postgresql://db/dobby",
                        "DOBBY_DB_PASSWORD", "x"), dir);
        assertThat(loaded.dbUrl()).isEqualTo("postgresql://db/dobby");
        assertThat(ConfigLoader.load(ConfigLoader.Flags.none(), Map.of("DOBBY_HOME", dir.toString()), dir).dbUrl())
                .isNull();
        assertThatThrownBy(() -> ConfigLoader.load(ConfigLoader.Flags.none(),
                Map.of("DOBBY_HOME", dir.toString(), "DOBBY_DB_URL", "/var/dobby.db"), dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("db_url must be postgresql://");
    }
}
