package dev.dobby.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Json;
import dev.dobby.protocol.SlackPreview;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Previews waiting for a reaction, kept in the hub (through its API) so that they outlive a restart of the bot: a ✅
 * on yesterday's preview still queues it. Keyed by channel and preview timestamp, and by channel and thread for
 * edits.
 */
public final class Previews {
    private final HubApi hub;

    public Previews(HubApi hub) {
        this.hub = hub;
    }

    public Preview put(Preview preview) {
        ObjectNode state = Json.lenient().createObjectNode();
        state.put("by", preview.by()).put("unknown_project", preview.unknownProject());
        state.set("tasks", Json.lenient().valueToTree(preview.tasks()));
        SlackPreview stored = hub.putSlackPreview(new SlackPreview(preview.channel(), preview.ts(), preview.threadTs(),
                preview.user(), state, null));
        return new Preview(preview.channel(), preview.ts(), preview.threadTs(), preview.user(), preview.tasks(),
                preview.by(), preview.unknownProject(), stored.createdAt());
    }

    public Optional<Preview> at(String channel, String previewTs) {
        return found(() -> hub.slackPreview(channel, previewTs, null));
    }

    /** The latest pending preview in a thread. */
    public Optional<Preview> inThread(String channel, String threadTs) {
        return threadTs == null ? Optional.empty() : found(() -> hub.slackPreview(channel, null, threadTs));
    }

    /** Take the preview out, once: whoever gets it acts on it, a second reaction finds nothing. */
    public Optional<Preview> take(String channel, String previewTs) {
        return found(() -> hub.takeSlackPreview(channel, previewTs));
    }

    private static Optional<Preview> found(java.util.function.Supplier<SlackPreview> call) {
        try {
            return Optional.of(preview(call.get()));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Preview preview(SlackPreview stored) {
        JsonNode state = stored.tasks();
        List<TaskRequest> tasks = Arrays.asList(Json.lenient().convertValue(state.path("tasks"), TaskRequest[].class));
        return new Preview(stored.channel(), stored.ts(), stored.threadTs(), stored.user(), tasks,
                state.path("by").asText(Interpreter.RULES),
                state.path("unknown_project").isTextual() ? state.path("unknown_project").asText() : null,
                stored.createdAt());
    }
}
