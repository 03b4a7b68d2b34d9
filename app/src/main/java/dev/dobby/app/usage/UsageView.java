package dev.dobby.app.usage;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.Shown;
import dev.dobby.app.fx.WhileShown;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A card per agent account with a bar per rate-limit window; "Unknown" while no agent has reported any. The page is
 * laid out in UsageView.fxml; the cards follow the model's accounts and are drawn here.
 */
public final class UsageView extends ScrollPane {
    private final UsageViewModel model;

    @FXML private Label problem;
    @FXML private VBox accounts;

    public UsageView(UsageViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        problem.textProperty().bind(model.problemProperty());
        Shown.onlyWithText(problem);
        model.accounts().addListener((ListChangeListener<UsageViewModel.Account>) c -> draw());
        draw();
        // "resets in" counts down without any event: read again now and then while the view is on screen.
        WhileShown.refresh(this, Duration.seconds(30), model::refresh);
    }

    private void draw() {
        accounts.getChildren().clear();
        if (model.accounts().isEmpty()) {
            Label heading = new Label("Unknown");
            heading.getStyleClass().add(Styles.TITLE_4);
            Label text = new Label("No agent has reported rate-limit figures to this hub yet. Claude Code reports "
                    + "them while it runs, so they appear here after its first task.");
            text.setWrapText(true);
            VBox card = card(heading, text);
            card.setId("usage-unknown");
            accounts.getChildren().add(card);
            return;
        }
        for (UsageViewModel.Account account : model.accounts()) {
            accounts.getChildren().add(account(account));
        }
    }

    private Node account(UsageViewModel.Account account) {
        Label heading = new Label(account.heading());
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setMinWidth(Region.USE_PREF_SIZE);
        VBox card = card(heading);
        card.setId("usage-account-" + account.name().replaceAll("[^A-Za-z0-9_-]", "-"));
        if (account.exhausted() != null) {
            Label out = new Label(account.exhausted());
            out.getStyleClass().addAll(Styles.WARNING, "usage-exhausted");
            out.setWrapText(true);
            card.getChildren().add(out);
        }
        if (account.none() != null) {
            Label none = new Label(account.none());
            none.getStyleClass().addAll("muted", "usage-none");
            card.getChildren().add(none);
        }
        GridPane windows = new GridPane();
        windows.getStyleClass().add("usage-windows");
        int row = 0;
        for (UsageViewModel.Window window : account.windows()) {
            Label name = new Label(window.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setMinWidth(Region.USE_PREF_SIZE);
            ProgressBar bar = new ProgressBar(window.fraction() == null ? 0 : window.fraction());
            bar.getStyleClass().addAll("usage-bar", window.fraction() == null ? "usage-unknown"
                    : window.fraction() >= 0.9 ? "usage-high" : window.fraction() >= 0.7 ? "usage-warn" : "usage-ok");
            Label figure = new Label(window.figure());
            figure.getStyleClass().add("usage-figure");
            figure.setMinWidth(Region.USE_PREF_SIZE);
            Label detail = new Label(window.detail());
            detail.getStyleClass().addAll("muted", "usage-detail");
            detail.setMinWidth(Region.USE_PREF_SIZE);
            String id = card.getId() + "-" + window.key();
            name.setId(id + "-name");
            figure.setId(id + "-figure");
            detail.setId(id + "-detail");
            windows.addRow(row++, name, bar, figure, detail);
            GridPane.setValignment(name, VPos.CENTER);
        }
        if (row > 0) {
            card.getChildren().add(windows);
        }
        return card;
    }

    private static VBox card(Node... children) {
        VBox card = new VBox(children);
        card.getStyleClass().addAll("card", "usage-card");
        return card;
    }
}
