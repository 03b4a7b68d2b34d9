package dev.dobby.app.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What the window shows while the hub starts (a spinner, never a frozen window), and instead of the app when it
 * could not: the reason, and ways on (try again, attach to another hub, quit).
 * Built in code, not FXML: it is the first frame, and FXMLLoader's first load would delay it.
 */
public final class StartingPane extends VBox {
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label headline = new Label();
    private final Label detail = new Label();
    private final HBox buttons = new HBox(10);

    public StartingPane(String what, Runnable retry, Runnable attach, Runnable quit) {
        setId("starting-pane");
        setAlignment(Pos.CENTER);
        setSpacing(14);
        setPadding(new Insets(40));
        headline.setId("starting-headline");
        headline.getStyleClass().add(Styles.TITLE_3);
        detail.setId("starting-detail");
        detail.setWrapText(true);
        detail.setMaxWidth(560);
        detail.getStyleClass().add("muted");
        spinner.setPrefSize(48, 48);
        Button again = new Button("Try again");
        again.setId("starting-retry");
        again.getStyleClass().add(Styles.ACCENT);
        again.setOnAction(e -> retry.run());
        Button other = new Button("Attach to a hub…");
        other.setId("starting-attach");
        other.setOnAction(e -> attach.run());
        Button exit = new Button("Quit");
        exit.setOnAction(e -> quit.run());
        buttons.getChildren().setAll(again, other, exit);
        buttons.setAlignment(Pos.CENTER);
        getChildren().setAll(spinner, headline, detail, buttons);
        starting(what);
    }

    public void starting(String what) {
        spinner.setVisible(true);
        spinner.setManaged(true);
        buttons.setVisible(false);
        buttons.setManaged(false);
        headline.setText("Starting…");
        detail.setText(what);
    }

    public void failed(String reason) {
        spinner.setVisible(false);
        spinner.setManaged(false);
        buttons.setVisible(true);
        buttons.setManaged(true);
        headline.setText("Dobby could not start");
        detail.setText(reason);
    }
}
