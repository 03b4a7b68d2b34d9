package dev.dobby.app.testing;

import dev.dobby.app.notify.Notice;
import dev.dobby.app.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notice the app raised, for assertions. */
public final class RecordingNotifier implements Notifier {
    private final List<Notice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void show(Notice notice) {
        notices.add(notice);
    }

    public List<Notice> notices() {
        return List.copyOf(notices);
    }
}
