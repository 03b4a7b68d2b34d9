package dev.dobby.app.notify;

/** Shows notices: the OS tray where there is one, the app's own banner otherwise. Called on the FX thread. */
public interface Notifier {

    void show(Notice notice);
}
