package dev.dobby.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How GET /export writes its rows. */
public enum ExportFormat {
    /** RFC 4180: a header line, CRLF line ends, fields quoted where they hold a comma, quote or line break. */
    CSV("text/csv; charset=utf-8"),
    /** One JSON array of {@link ExportRow}s. */
    JSON("application/json");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ExportFormat fromWire(String value) {
        return Wire.parse(ExportFormat.class, value, "format");
    }
}
