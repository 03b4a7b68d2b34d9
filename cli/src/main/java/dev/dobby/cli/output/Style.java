package dev.dobby.cli.output;

import dev.dobby.protocol.TaskStatus;
import java.lang.reflect.Method;

/**
 * Colour, only for people: on a terminal, never when NO_COLOR is set or TERM is dumb, never when output goes
 * to a pipe or a file.
 */
public final class Style {
    private static final String RESET = "\u001b[0m";
    private final boolean color;

    private Style(boolean color) {
        this.color = color;
    }

    public static Style detect() {
        String noColor = System.getenv("NO_COLOR");
        boolean allowed = (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
        return new Style(allowed && stdoutIsTerminal());
    }

    public static Style plain() {
        return new Style(false);
    }

    /** Console.isTerminal() exists from Java 22; on 21 a console means an interactive terminal already. */
    private static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    public boolean enabled() {
        return color;
    }

    private String wrap(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + RESET : text;
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    public String status(TaskStatus status) {
        String name = status.wire();
        return switch (status) {
            case COMPLETED -> green(name);
            case FAILED, TIMED_OUT, STALE -> red(name);
            case RUNNING -> cyan(name);
            case CANCELLED, DRAFT -> dim(name);
            case PENDING, BLOCKED -> yellow(name);
        };
    }

    /** Printable width, ignoring colour codes. */
    public static int width(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
