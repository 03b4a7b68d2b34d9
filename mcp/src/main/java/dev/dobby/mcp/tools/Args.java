package dev.dobby.mcp.tools;

import dev.dobby.protocol.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, read by type. The SDK has already checked them against the tool's schema; these
 * checks are the second line, so a call that slips past the schema still fails with a message naming the
 * argument instead of a ClassCastException.
 */
public final class Args {
    private final Map<String, Object> values;

    public Args(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return value;
    }

    public String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be empty");
        }
        return text;
    }

    public long id(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        if (value < 1) {
            throw new IllegalArgumentException("'" + name + "' must be a task id (a positive whole number)");
        }
        return value;
    }

    public Integer optionalInt(String name) {
        Long value = optionalLong(name);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("'" + name + "' is out of range");
        }
        return value.intValue();
    }

    public int intOr(String name, int byDefault) {
        Integer value = optionalInt(name);
        return value == null ? byDefault : value;
    }

    public Boolean optionalFlag(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException("'" + name + "' must be true or false");
        }
        return flag;
    }

    public boolean flag(String name, boolean byDefault) {
        Boolean value = optionalFlag(name);
        return value == null ? byDefault : value;
    }

    public <E extends Enum<E>> E optionalChoice(String name, Class<E> type) {
        String value = optionalText(name);
        return value == null ? null : Wire.parse(type, value, name);
    }

    public List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("'" + name + "' must list non-empty strings");
            }
            texts.add(text);
        }
        return texts;
    }

    /** Items that may be written as strings or whole numbers (batch refs or task ids), as strings. */
    public List<String> refs(String name) {
        List<String> refs = new ArrayList<>();
        for (Object item : list(name)) {
            if (item instanceof String text && !text.isBlank()) {
                refs.add(text);
            } else if (item instanceof Number number && isWhole(number)) {
                refs.add(Long.toString(number.longValue()));
            } else {
                throw new IllegalArgumentException("'" + name + "' must list refs (strings) or task ids (numbers)");
            }
        }
        return refs;
    }

    public List<Long> ids(String name) {
        List<Long> ids = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof Number number) || !isWhole(number) || number.longValue() < 1) {
                throw new IllegalArgumentException("'" + name + "' must list task ids (positive whole numbers)");
            }
            ids.add(number.longValue());
        }
        return ids;
    }

    public List<Args> objects(String name) {
        List<Args> objects = new ArrayList<>();
        for (Object item : list(name)) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("'" + name + "' must list objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            objects.add(new Args(fields));
        }
        return objects;
    }

    /** A number with or without a fraction (an amount of dollars); null when left out. */
    public Double optionalNumber(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new IllegalArgumentException("'" + name + "' must be a number");
        }
        return number.doubleValue();
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    private List<?> list(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'" + name + "' must be a list");
        }
        return list;
    }

    private Long optionalLong(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !isWhole(number)) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
        return number.longValue();
    }

    private static boolean isWhole(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15;
        }
        if (number instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return true;
    }
}
