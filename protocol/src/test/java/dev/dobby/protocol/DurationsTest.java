package dev.dobby.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsWhatPeopleType() {
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1800")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse(" 90S ")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesTheRest() {
        for (String bad : new String[] {"", "m", "30x", "1h 30m", "-5m", "3.5h", "h1"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsBackToTheShortForm() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.parse(Durations.format(Duration.ofSeconds(93_784)))).isEqualTo(Duration.ofSeconds(93_784));
    }

    @Test
    void durationsTooLongForTheClockAreRefusedNotOverflowed() {
        for (String huge : java.util.List.of("106751991167301d", "9999999999999d", "99999999999999999999s", "36501d")) {
            assertThatThrownBy(() -> Durations.parse(huge)).as(huge).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is too long");
        }
        assertThat(Durations.parse("36500d")).isEqualTo(Durations.MAX);
    }
}
