package dev.dobby.app.sessions;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.protocol.Session;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Remote Control sessions (page layout in SessionsView.fxml): each with its link (opened in the browser) and a
 * Stop button while it runs. The rows are drawn here, one per session.
 */
public final class SessionsView extends ScrollPane {
    private final SessionsViewModel model;
    private final Consumer<String> browser;

    @FXML private Label problem;
    @FXML private VBox list;

    /** @param browser opens a link in the user's browser */
    public SessionsView(SessionsViewModel model, Consumer<String> browser) {
        this.model = model;
        this.browser = browser;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        model.sessions().addListener((ListChangeListener<Session>) c -> draw());
        draw();
    }

    private void draw() {
        list.getChildren().clear();
        if (model.sessions().isEmpty()) {
            Label none = new Label("No sessions yet.");
            none.getStyleClass().add("muted");
            list.getChildren().add(none);
            return;
        }
        for (Session s : model.sessions()) {
            list.getChildren().add(row(s));
        }
    }

    private VBox row(Session s) {
        Label name = new Label(s.name() + "  ·  " + s.state().wire().replace('_', ' '));
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label where = new Label("#" + s.id() + " · " + s.project() + (s.worker() == null ? "" : " on " + s.worker()));
        where.getStyleClass().add("muted");
        Label status = new Label(s.status());
        status.setWrapText(true);
        HBox actions = new HBox();
        actions.getStyleClass().add("session-actions");
        if (s.link() != null) {
            Hyperlink open = new Hyperlink(s.link());
            open.setId("session-open-" + s.id());
            open.setOnAction(e -> browser.accept(s.link()));
            actions.getChildren().add(open);
        }
        if (s.active()) {
            Button stop = new Button("Stop");
            stop.setId("session-stop-" + s.id());
            stop.getStyleClass().add(Styles.DANGER);
            stop.setOnAction(e -> model.stop(s.id()));
            actions.getChildren().add(stop);
        }
        VBox row = new VBox(name, where, status, actions);
        row.getStyleClass().add("session-row");
        row.setId("session-" + s.id());
        return row;
    }
}
