package dev.dobby.slack;

import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a person wrote to the bot, by fixed rules (no language model): a status command, or tasks with an
 * optional project, priority and backend. Everything that is not one of those directives is the task's
 * description, kept as written: it is data for the agent, never interpreted here.
 */
public final class MessageParser {
    static final Duration DEFAULT_STATUS_RANGE = Duration.ofHours(4);
    static final Duration DEFAULT_SUMMARY_RANGE = Duration.ofHours(12);

    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(?:\\|[^>]*)?>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|[^>]*)?>");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,4})\\s*([mhdw])", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS = Pattern.compile("(?i)status(?:\\s+(\\d{1,4}\\s*[mhdw]))?");
    private static final Pattern SUMMARY = Pattern.compile("(?i)summary(?:\\s+(?!\\d{1,4}\\s*[mhdw]$)(\\S+))?(?:\\s+(\\d{1,4}\\s*[mhdw]))?");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*•]\\s+(.*)$");
    private static final Pattern PRIORITY = Pattern.compile(
            "(?i)(?:(?:with|at)\\s+)?\\b(urgent|high|normal|low)\\s+priority\\b|\\bpriority[:=]?\\s+(urgent|high|normal|low)\\b|(?<![\\w!])!(urgent|high|low)\\b");
    private static final Pattern BACKEND = Pattern.compile("(?i)\\b(?:using|with|via)\\s+(codex|claude|shell)\\b");
    private static final String NAME_EDGE_BEFORE = "(?<![\\w.-])";
    private static final String NAME_EDGE_AFTER = "(?![\\w-]|\\.\\w)";

    private MessageParser() {
    }

    /**
     * @param text     the message as Slack delivers it (mentions as {@code <@U123>}, {@code &amp;} escapes)
     * @param projects the names of the registered projects
     */
    public static Parsed parse(String text, Collection<String> projects) {
        String clean = plain(text);
        Optional<Command> command = command(clean);
        if (command.isPresent()) {
            return command.get();
        }
        return new Parsed.Submission(tasks(clean, projects));
    }

    /** The message without mentions, with Slack's escapes and link markup undone. */
    static String plain(String text) {
        String s = text == null ? "" : text;
        s = MENTION.matcher(s).replaceAll("");
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return s.strip();
    }

    static Optional<Command> command(String clean) {
        String s = clean.strip().replaceAll("[.!?]+$", "").strip();
        if (s.isEmpty() || s.equalsIgnoreCase("help")) {
            return Optional.of(new Command.Help());
        }
        if (s.equalsIgnoreCase("running")) {
            return Optional.of(new Command.Running());
        }
        if (s.equalsIgnoreCase("projects")) {
            return Optional.of(new Command.Projects());
        }
        Matcher status = STATUS.matcher(s);
        if (status.matches()) {
            return Optional.of(new Command.Status(range(status.group(1), DEFAULT_STATUS_RANGE)));
        }
        Matcher summary = SUMMARY.matcher(s);
        if (summary.matches()) {
            return Optional.of(new Command.Summary(summary.group(1), range(summary.group(2), DEFAULT_SUMMARY_RANGE)));
        }
        return Optional.empty();
    }

    static Duration range(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** A bullet list gives one task per bullet; the text before it sets defaults for all of them. */
    static List<TaskRequest> tasks(String clean, Collection<String> projects) {
        List<String> header = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        for (String line : clean.split("\\R")) {
            Matcher bullet = BULLET.matcher(line);
            if (bullet.matches()) {
                bullets.add(bullet.group(1));
            } else if (!bullets.isEmpty() && !line.isBlank()) {
                // a wrapped bullet continues the previous one
                bullets.set(bullets.size() - 1, bullets.getLast() + " " + line.strip());
            } else if (!line.isBlank()) {
                header.add(line.strip());
            }
        }
        TaskRequest defaults = one(String.join("\n", header), projects);
        if (bullets.isEmpty()) {
            return List.of(defaults);
        }
        List<TaskRequest> tasks = new ArrayList<>();
        for (String bullet : bullets) {
            TaskRequest own = one(bullet, projects);
            tasks.add(new TaskRequest(own.description(),
                    own.project() != null ? own.project() : defaults.project(),
                    own.priority() != null ? own.priority() : defaults.priority(),
                    own.backend() != null ? own.backend() : defaults.backend()));
        }
        return tasks;
    }

    /** One task's directives and the description that remains once they are taken out. */
    static TaskRequest one(String text, Collection<String> projects) {
        String s = text;
        Priority priority = null;
        Matcher p = PRIORITY.matcher(s);
        if (p.find()) {
            String word = p.group(1) != null ? p.group(1) : p.group(2) != null ? p.group(2) : p.group(3);
            priority = Priority.fromWire(word.toLowerCase(Locale.ROOT));
            s = cut(s, p.start(), p.end());
        }
        Backend backend = null;
        Matcher b = BACKEND.matcher(s);
        if (b.find()) {
            backend = Backend.fromWire(b.group(1).toLowerCase(Locale.ROOT));
            s = cut(s, b.start(), b.end());
        }
        String project = null;
        ProjectMatch match = project(s, projects);
        if (match != null) {
            project = match.name();
            // a bare name alone (a reply naming the project) is a directive too
            if (match.directive() || s.strip().equalsIgnoreCase(match.name())) {
                s = cut(s, match.start(), match.end());
            }
        }
        return new TaskRequest(tidy(s), project, priority, backend);
    }

    private record ProjectMatch(String name, int start, int end, boolean directive) {
    }

    /** {@code in|on|to|for <name>} first, then the name anywhere; the longest name wins either way. */
    private static ProjectMatch project(String s, Collection<String> projects) {
        List<String> longestFirst = projects.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : longestFirst) {
            Matcher m = Pattern.compile("(?i)\\b(?:in|on|to|for)\\s+(?:the\\s+)?" + NAME_EDGE_BEFORE + Pattern.quote(name)
                    + NAME_EDGE_AFTER + "(?:\\s+(?:project|repo))?").matcher(s);
            if (m.find()) {
                return new ProjectMatch(name, m.start(), m.end(), true);
            }
        }
        for (String name : longestFirst) {
            Matcher m = Pattern.compile("(?i)" + NAME_EDGE_BEFORE + Pattern.quote(name) + NAME_EDGE_AFTER).matcher(s);
            if (m.find()) {
                return new ProjectMatch(name, m.start(), m.end(), false);
            }
        }
        return null;
    }

    private static final char CUT = '\u0000';

    private static String cut(String s, int start, int end) {
        return s.substring(0, start) + CUT + s.substring(end);
    }

    /**
     * Close the gaps the directives left (with the comma or colon that set them off), touching nothing else: for a
     * shell task the description is the command.
     */
    private static String tidy(String s) {
        String out = s.replaceAll("[ \\t,;:]*(?:\u0000[ \\t,;:]*)+", "\u0000");
        if (!out.isEmpty() && out.charAt(0) == CUT) {
            out = out.substring(1);
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) == CUT) {
            out = out.substring(0, out.length() - 1);
        }
        return out.replace(CUT, ' ').strip();
    }
}
