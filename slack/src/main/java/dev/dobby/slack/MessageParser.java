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
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d{1,2}[.)])\\s+(.*)$");
    private static final Pattern SEVERAL = Pattern.compile("(?i)\\s*[,;.]?\\s+and\\s+(?:also|then)\\s+|[;.]\\s+also,?\\s+");
    private static final Pattern URGENT_WORDS = Pattern.compile("(?i)(?:,\\s*)?(?:it'?s\\s+)?\\b(?:urgent(?:ly)?|asap)\\b:?");
    private static final Pattern HIGH_WORDS = Pattern.compile("(?i)(?:,\\s*)?(?:it'?s\\s+)?\\b(?:important|high\\s+prio)\\b:?");
    private static final Pattern LOW_WORDS = Pattern.compile("(?i)(?:[,?]\\s*)?\\b(?:no\\s+rush|whenever|low\\s+prio)\\b");
    private static final Pattern DRAFT = Pattern.compile("(?i)\\b(?:just\\s+plan(?:\\s+it)?|only\\s+plan|plan\\s+only|as\\s+a\\s+draft|don'?t\\s+run\\s+it(?:\\s+yet)?|draft\\s+a\\s+plan\\s+(?:for|to))\\b:?");
    private static final Pattern AFTER = Pattern.compile("(?i)\\b(?:after|once|when)\\s+(#\\d+(?:\\s*(?:,|and|&)\\s*#\\d+)*)(?:\\s+(?:is|are|has|have)\\s+(?:done|finished|completed?|merged|ended))?");
    private static final Pattern WORKER = Pattern.compile("(?i)\\bon\\s+(?:the\\s+)?(?:worker|spoke|machine|host)\\s+([A-Za-z0-9][\\w.-]*)");
    private static final Pattern TAGGED = Pattern.compile("(?i)(?:\\b(?:run\\s+it\\s+)?on\\s+an?\\s+)?(?:\\bworker\\s+)?\\btagged\\s+([\\w-]+)|\\b(?:on|needs?|requires?)\\s+an?\\s+([\\w-]+)\\s+(?:worker|machine|node|box)\\b");
    private static final Pattern NEAR_NAME = Pattern.compile("(?i)\\b(?:in|for)\\s+([\\w.-]{3,})(?=\\s*(?:$|[,.;:!?]|\\s(?:using|with|via|project|repo)\\b))");
    private static final Pattern PRIORITY = Pattern.compile(
            "(?i)(?:(?:with|at)\\s+)?\\b(urgent|high|normal|low)\\s+priority\\b|\\bpriority[:=]?\\s+(urgent|high|normal|low)\\b|(?<![\\w!])!(urgent|high|low)\\b");
    private static final Pattern BACKEND = Pattern.compile("(?i)\\b(?:using|usign|uisng|with|via|use)\\s+(codex|claude|shell)\\b(?:\\s+to\\b)?");
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

    /**
     * A bullet (or numbered) list gives one task per item; the text before it sets defaults for all of them. Without
     * a list, "and also" / "and then" separate tasks; the later ones take what they lack from the first.
     */
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
        if (bullets.isEmpty()) {
            List<String> parts = List.of(SEVERAL.split(String.join("\n", header)));
            TaskRequest first = one(parts.getFirst(), projects);
            List<TaskRequest> tasks = new ArrayList<>(List.of(first));
            for (String part : parts.subList(1, parts.size())) {
                TaskRequest own = one(part, projects);
                tasks.add(own.description().isBlank() ? own : inherit(own, first));
            }
            return tasks.stream().anyMatch(t -> t.description().isBlank()) && tasks.size() > 1
                    ? List.of(one(String.join("\n", header), projects)) : tasks;
        }
        TaskRequest defaults = one(String.join("\n", header), projects);
        List<TaskRequest> tasks = new ArrayList<>();
        for (String bullet : bullets) {
            tasks.add(inherit(one(bullet, projects), defaults));
        }
        return tasks;
    }

    private static TaskRequest inherit(TaskRequest own, TaskRequest defaults) {
        return new TaskRequest(own.description(),
                own.project() != null ? own.project() : defaults.project(),
                own.priority() != null ? own.priority() : defaults.priority(),
                own.backend() != null ? own.backend() : defaults.backend(),
                own.draft() || defaults.draft(),
                own.after().isEmpty() ? defaults.after() : own.after(),
                own.scheduled() ? own.cron() : defaults.cron(),
                own.scheduled() ? own.every() : defaults.every(),
                own.worker() != null ? own.worker() : defaults.worker(),
                own.tags().isEmpty() ? defaults.tags() : own.tags());
    }

    /** One task's directives and the description that remains once they are taken out. */
    static TaskRequest one(String text, Collection<String> projects) {
        Cutter c = new Cutter(text);
        Priority priority = null;
        Matcher p = c.find(PRIORITY);
        if (p != null) {
            String word = p.group(1) != null ? p.group(1) : p.group(2) != null ? p.group(2) : p.group(3);
            priority = Priority.fromWire(word.toLowerCase(Locale.ROOT));
            c.cut(p);
        } else if ((p = c.find(URGENT_WORDS)) != null) {
            priority = Priority.URGENT;
            c.cut(p);
        } else if ((p = c.find(HIGH_WORDS)) != null) {
            priority = Priority.HIGH;
            c.cut(p);
        } else if ((p = c.find(LOW_WORDS)) != null) {
            priority = Priority.LOW;
            c.cut(p);
        }
        Backend backend = null;
        Matcher b = c.find(BACKEND);
        if (b != null) {
            backend = Backend.fromWire(b.group(1).toLowerCase(Locale.ROOT));
            c.cut(b);
        }
        boolean draft = false;
        Matcher d = c.find(DRAFT);
        if (d != null) {
            draft = true;
            c.cut(d);
        }
        List<Long> after = new ArrayList<>();
        Matcher a = c.find(AFTER);
        if (a != null) {
            Matcher id = Pattern.compile("\\d+").matcher(a.group(1));
            while (id.find()) {
                after.add(Long.parseLong(id.group()));
            }
            c.cut(a);
        }
        Schedules.Found schedule = Schedules.find(c.text());
        if (schedule != null) {
            c.cut(schedule.start(), schedule.end());
        }
        String worker = null;
        Matcher w = c.find(WORKER);
        if (w != null) {
            worker = w.group(1);
            c.cut(w);
        }
        List<String> tags = new ArrayList<>();
        Matcher t = c.find(TAGGED);
        if (t != null) {
            tags.add((t.group(1) != null ? t.group(1) : t.group(2)).toLowerCase(Locale.ROOT));
            c.cut(t);
        }
        String project = null;
        ProjectMatch match = project(c.text(), projects);
        if (match != null) {
            project = match.name();
            // a bare name alone (a reply naming the project) is a directive too
            if (match.directive() || c.text().strip().equalsIgnoreCase(match.name())) {
                c.cut(match.start(), match.end());
            }
        }
        return new TaskRequest(tidy(c.text()), project, priority, backend, draft, after,
                schedule == null ? null : schedule.cron(), schedule == null ? null : schedule.every(), worker, tags);
    }

    /** The text with directives taken out one after another, each leaving a mark where it was. */
    private static final class Cutter {
        private String text;

        Cutter(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }

        Matcher find(Pattern pattern) {
            Matcher m = pattern.matcher(text);
            return m.find() ? m : null;
        }

        void cut(Matcher m) {
            cut(m.start(), m.end());
        }

        void cut(int start, int end) {
            text = MessageParser.cut(text, start, end);
        }
    }

    private record ProjectMatch(String name, int start, int end, boolean directive) {
    }

    /**
     * {@code in|on|to|for|from <name>} first, then the name anywhere (the longest name wins either way), then a
     * name misspelt by one letter after {@code in} or {@code for} at the end of a phrase ("in spar").
     */
    private static ProjectMatch project(String s, Collection<String> projects) {
        List<String> longestFirst = projects.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : longestFirst) {
            Matcher m = Pattern.compile("(?i)\\b(?:in|on|to|for|from)\\s+(?:the\\s+)?" + NAME_EDGE_BEFORE + Pattern.quote(name)
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
        Matcher near = NEAR_NAME.matcher(s);
        while (near.find()) {
            String word = near.group(1);
            for (String name : longestFirst) {
                if (name.length() >= 4 && Names.distance(word.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) == 1) {
                    return new ProjectMatch(name, near.start(), near.end(1), true);
                }
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
