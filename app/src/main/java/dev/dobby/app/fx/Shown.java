package dev.dobby.app.fx;

import javafx.scene.control.Labeled;

/** A message line (a problem, a note) that takes no room while it has nothing to say. */
public final class Shown {
    private Shown() {
    }

    public static void onlyWithText(Labeled label) {
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.managedProperty());
    }
}
