package dev.dobby.app.usage;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** A card per agent account with a bar per rate-limit window; "Unknown" while no agent has reported any. */
public final class UsageView extends ScrollPane {
    private final UsageViewModel model;
    private final VBox body = new VBox(12);

    public UsageView(UsageViewModel model) {
        this.model = model;
        setId("usage-view");
        setFitToWidth(true);
        Label title = new Label("Usage");
        title.getStyleClass().add("page-title");
        Label note = new Label("Rate-limit use per agent account, as the agents last reported it.");
        note.getStyleClass().add("muted");
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        body.setId("usage-accounts");
        VBox box = new VBox(8, title, note, problem, body);
        box.setPadding(new Insets(12));
        setContent(box);
        model.accounts().addListener((ListChangeListener<UsageViewModel.Account>) c -> draw());
        draw();
        // "resets in" counts down without any event: read again now and then while the view is on screen.
        dev.dobby.app.fx.WhileShown.refresh(this, Duration.seconds(30), model::refresh);
    }

    private void draw() {
        body.getChildren().clear();
        if (model.accounts().isEmpty()) {
            Label heading = new Label("Unknown");
            heading.getStyleClass().add(Styles.TITLE_4);
            Label text = new Label("No agent has reported rate-limit figures to this hub yet. Claude Code reports "
                    + "them while it runs, so they appear here after its first task.");
            text.setWrapText(true);
            VBox card = card(heading, text);
            card.setId("usage-unknown");
            body.getChildren().add(card);
            return;
        }
        for (UsageViewModel.Account account : model.accounts()) {
            body.getChildren().add(account(account));
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
        windows.setHgap(12);
        windows.setVgap(8);
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
            GridPane.setValignment(name, javafx.geometry.VPos.CENTER);
        }
        windows.setAlignment(Pos.CENTER_LEFT);
        if (row > 0) {
            card.getChildren().add(windows);
        }
        return card;
    }

    private static VBox card(Node... children) {
        VBox card = new VBox(8, children);
        card.getStyleClass().addAll("card", "usage-card");
        card.setPadding(new Insets(12));
        return card;
    }
}
