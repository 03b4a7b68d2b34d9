package dev.dobby.protocol.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The hubs a client may talk to ({@code --hub a,b}, {@code DOBBY_URL} the same): one of a team's hubs leads, the
 * others stand by and name the leader in {@link dev.dobby.protocol.Routes#LEADER_HEADER}. The client keeps using
 * the hub that answered last; it moves on when that one cannot be reached or says it does not lead.
 */
final class HubUrls {
    private final List<String> urls;
    private volatile String current;

    HubUrls(String commaSeparated, UnaryOperator<String> normalize) {
        List<String> parsed = new ArrayList<>();
        String text = commaSeparated == null ? "" : commaSeparated;
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parsed.add(normalize.apply(part));
            }
        }
        if (parsed.isEmpty()) {
            parsed.add(normalize.apply(null));
        }
        this.urls = List.copyOf(parsed);
        this.current = urls.getFirst();
    }

    String current() {
        return current;
    }

    int size() {
        return urls.size();
    }

    /** After {@code failed} could not be reached: the next hub of the list. */
    synchronized void skip(String failed) {
        if (failed.equals(current)) {
            current = urls.get((urls.indexOf(failed) + 1) % urls.size());
        }
    }

    /**
     * After a 503: the leader it names, if it is one of ours (a standby's idea of the leader's address may not be
     * what this client can reach; then simply the next hub). True if there is somewhere else to try.
     */
    synchronized boolean follow(String failed, String leader) {
        String named = leader == null ? null : leader.replaceAll("/+$", "");
        if (named != null && urls.contains(named) && !named.equals(failed)) {
            current = named;
            return true;
        }
        if (urls.size() > 1) {
            skip(failed);
            return true;
        }
        return false;
    }

    /** Whether a request that failed this way never reached the hub, so sending it again cannot apply it twice. */
    static boolean notSent(IOException e) {
        return e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException;
    }

    static String leaderOf(HttpURLConnection connection) {
        return connection.getHeaderField(dev.dobby.protocol.Routes.LEADER_HEADER);
    }
}
