package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Queue priority; the queue serves a lower {@link #rank()} first, then the oldest task. */
public enum Priority {
    URGENT, HIGH, NORMAL, LOW;

    public int rank() {
        return ordinal();
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Priority fromWire(String value) {
        return Wire.parse(Priority.class, value, "priority");
    }

    public static Priority ofRank(int rank) {
        return values()[rank];
    }
}
