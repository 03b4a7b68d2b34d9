package dev.dobby.slack;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Previews waiting for a reaction, in memory only: a restart of the bot forgets them, and their reactions then do
 * nothing. Keyed by channel and preview timestamp, and by channel and thread for edits.
 */
public final class Previews {
    private final Map<String, Preview> byPreview = new ConcurrentHashMap<>();
    private final Map<String, String> previewOfThread = new ConcurrentHashMap<>();

    public void put(Preview preview) {
        byPreview.put(key(preview.channel(), preview.ts()), preview);
        previewOfThread.put(key(preview.channel(), preview.threadTs()), preview.ts());
    }

    public Optional<Preview> at(String channel, String previewTs) {
        return Optional.ofNullable(byPreview.get(key(channel, previewTs)));
    }

    /** The latest pending preview in a thread. */
    public Optional<Preview> inThread(String channel, String threadTs) {
        String ts = threadTs == null ? null : previewOfThread.get(key(channel, threadTs));
        return ts == null ? Optional.empty() : at(channel, ts);
    }

    /** Take the preview out, once: whoever gets it acts on it, a second reaction finds nothing. */
    public Optional<Preview> take(String channel, String previewTs) {
        Preview preview = byPreview.remove(key(channel, previewTs));
        if (preview != null) {
            previewOfThread.remove(key(channel, preview.threadTs()), preview.ts());
        }
        return Optional.ofNullable(preview);
    }

    public int size() {
        return byPreview.size();
    }

    private static String key(String channel, String ts) {
        return channel + "/" + ts;
    }
}
