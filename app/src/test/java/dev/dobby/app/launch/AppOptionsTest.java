package dev.dobby.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppOptionsTest {

    @Test
    void takesTheSameHubFlagsAsDobbyStart() {
        AppOptions options = AppOptions.parse(List.of("--port", "9000", "--host=127.0.0.1", "--db", "x.db",
                "--config", "dobby.yaml"), Map.of());
        assertThat(options.embedded()).isTrue();
        assertThat(options.flags().port()).isEqualTo(9000);
        assertThat(options.flags().host()).isEqualTo("127.0.0.1");
        assertThat(options.flags().db()).isEqualTo(Path.of("x.db"));
        assertThat(options.flags().config()).isEqualTo(Path.of("dobby.yaml"));
        assertThat(AppOptions.parse(List.of(), Map.of()).flags().port()).isNull();
    }

    @Test
    void attachesToARemoteHubWithItsKey() {
        AppOptions options = AppOptions.parse(List.of("--hub", "http://box:8420"), Map.of("DOBBY_API_KEY", "k1"));
        assertThat(options.embedded()).isFalse();
        assertThat(options.hubUrl()).isEqualTo("http://box:8420");
        assertThat(options.apiKey()).isEqualTo("k1");
        assertThat(AppOptions.parse(List.of("--hub", "http://box", "--key", "k2"), Map.of("DOBBY_API_KEY", "k1"))
                .apiKey()).isEqualTo("k2");
    }

    @Test
    void mistakesAreExplainedInOneLine() {
        assertThatThrownBy(() -> AppOptions.parse(List.of("--port", "http"), Map.of()))
                .hasMessage("--port must be a number from 0 to 65535, not 'http'");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--port"), Map.of())).hasMessage("--port needs a value");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--verbose"), Map.of()))
                .hasMessage("unknown option '--verbose' (see --help)");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--hub", "http://x", "--port", "1"), Map.of()))
                .hasMessageContaining("Use one or the other");
        assertThat(AppOptions.parse(List.of("-psn_0_12345"), Map.of()).embedded()).isTrue();
    }
}
