package dev.dobby.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.protocol.event.HubEvent;
import dev.dobby.protocol.event.TaskStatusChanged;
import dev.dobby.protocol.event.UnknownEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void eventsCarryTheirTypeAndReadBack() throws Exception {
        HubEvent event = new TaskStatusChanged(7, Instant.parse("2026-01-01T00:00:00Z"), 3, "demo",
                TaskStatus.PENDING, TaskStatus.RUNNING, null, "local", 1);
        String json = Json.write(event);
        assertThat(json).contains("\"type\":\"task.status\"", "\"seq\":7", "\"task_id\":3", "\"to\":\"running\"");
        assertThat(Json.lenient().readValue(json, HubEvent.class)).isEqualTo(event);
    }

    @Test
    void aNewerHubsEventTypeIsKeptAsUnknownNotAnError() throws Exception {
        HubEvent event = Json.lenient().readValue(
                "{\"type\":\"task.teleported\",\"seq\":12,\"at\":\"2026-01-01T00:00:00Z\",\"where\":\"mars\"}",
                HubEvent.class);
        assertThat(event).isInstanceOf(UnknownEvent.class);
        assertThat(event.seq()).isEqualTo(12);
    }
}
