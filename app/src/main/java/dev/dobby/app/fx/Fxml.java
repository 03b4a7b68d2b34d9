package dev.dobby.app.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * The one way a view gets its layout: the FXML file named after the view's class, beside it on the class path
 * ({@code SchedulesView.fxml} for {@code SchedulesView}), with the view as both its {@code fx:root} and its
 * controller. The FXML holds the structure, a stylesheet the looks, the view model the behaviour; the view only
 * binds the three together.
 */
public final class Fxml {
    private Fxml() {
    }

    public static void load(Parent view) {
        String name = view.getClass().getSimpleName() + ".fxml";
        URL layout = view.getClass().getResource(name);
        if (layout == null) {
            throw new IllegalStateException("no layout " + name + " beside " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(layout);
        loader.setClassLoader(view.getClass().getClassLoader());
        loader.setRoot(view);
        loader.setController(view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
