package dev.dobby.hub.core;

import dev.dobby.hub.store.Store;
import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.ExportFormat;
import dev.dobby.protocol.NewTask;
import dev.dobby.protocol.Schedule;
import dev.dobby.protocol.WebhookDelivery;
import java.io.OutputStream;
import java.util.List;

/** The scheduling side of the API that {@link HubService} hands on: schedules, export and webhook deliveries. */
public final class Workflows {
    static final int MAX_DELIVERIES = 1000;

    private final Store store;
    private final ScheduleCommands schedules;
    private final Exporter exporter;

    public Workflows(Store store, ScheduleCommands schedules, Exporter exporter) {
        this.store = store;
        this.schedules = schedules;
        this.exporter = exporter;
    }

    Schedule createSchedule(NewTask request) {
        return schedules.create(request);
    }

    List<Schedule> schedules(String project) {
        return schedules.list(project);
    }

    Schedule schedule(long id) {
        return schedules.get(id);
    }

    Schedule cancelSchedule(long id) {
        return schedules.cancel(id);
    }

    Schedule pauseSchedule(long id) {
        return schedules.pause(id);
    }

    Schedule resumeSchedule(long id) {
        return schedules.resume(id);
    }

    dev.dobby.protocol.TaskPage scheduleRuns(long id, int limit, int offset) {
        return schedules.runs(id, limit, offset);
    }

    dev.dobby.protocol.SchedulePreview previewSchedule(String cron, String every, int count) {
        return schedules.preview(cron, every, count);
    }

    void export(ExportFormat format, String project, OutputStream out) {
        exporter.write(format, project, out);
    }

    List<WebhookDelivery> webhookDeliveries(int limit) {
        if (limit < 1 || limit > MAX_DELIVERIES) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_DELIVERIES);
        }
        return store.read(tx -> tx.webhookDeliveries(limit));
    }
}
