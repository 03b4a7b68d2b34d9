package dev.dobby.app.fx;

import java.util.function.Function;
import javafx.util.StringConverter;

/** Shows an enum in a choice by its wire name (the name the CLI and the web use too); blank means none. */
public final class WireNames {
    private WireNames() {
    }

    public static <T> StringConverter<T> converter(Function<T, String> name, Function<String, T> parse) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }
        };
    }
}
