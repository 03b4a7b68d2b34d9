package dev.dobby.slack;

import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.NewSession;
import dev.dobby.protocol.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "open a session on gpu-node-1 in spare": a Remote Control session on a worker, opened at once (it does nothing
 * until its owner connects from claude.ai/code), answered with its number and, in the thread, its link.
 *
 * @param worker null for any worker that can run it
 */
record SessionRequest(String project, String worker) {
    private static final Pattern ASK = Pattern.compile(
            "(?i)(?:open|start)\\s+(?:a\\s+)?(?:remote\\s+)?session(?:\\s+on\\s+(?<on>[\\w.-]+))?\\s+in\\s+(?<in>[\\w.-]+)"
                    + "(?:\\s+on\\s+(?<on2>[\\w.-]+))?");
    private static final Duration LINK_WAIT = Duration.ofSeconds(60);

    static Optional<SessionRequest> parse(String clean) {
        Matcher m = ASK.matcher(clean.strip().replaceAll("[.!?]+$", ""));
        if (!m.matches()) {
            return Optional.empty();
        }
        String worker = m.group("on") != null ? m.group("on") : m.group("on2");
        return Optional.of(new SessionRequest(m.group("in"), worker));
    }

    /** Open it and answer in the thread; the link follows once the worker's CLI printed it. */
    void open(HubApi hub, SlackOut slack, String channel, String thread) {
        Session session = hub.openSession(new NewSession(project, null, worker, List.of(), null, null, null));
        slack.post(channel, thread, "Opening Remote Control session #" + session.id() + " in `" + project + "`"
                + (worker == null ? "" : " on `" + worker + "`") + "; the link follows here.");
        Thread.ofVirtual().name("dobby-slack-session-link").start(() -> {
            Instant until = Instant.now().plus(LINK_WAIT);
            Session now = session;
            try {
                while (now.link() == null && now.active() && Instant.now().isBefore(until)) {
                    Thread.sleep(500);
                    now = hub.session(session.id());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                slack.post(channel, thread, "Session #" + session.id() + ": " + e.getMessage());
                return;
            }
            slack.post(channel, thread, now.link() != null
                    ? "Session #" + now.id() + " on `" + now.worker() + "`: " + now.link()
                    : "Session #" + now.id() + " (" + now.state().wire() + "): " + now.status());
        });
    }
}
