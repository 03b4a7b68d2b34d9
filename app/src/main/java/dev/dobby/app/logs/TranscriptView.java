package dev.dobby.app.logs;

import dev.dobby.app.fx.Fxml;
import dev.dobby.protocol.transcript.TranscriptEntry;
import dev.dobby.protocol.transcript.TranscriptEntry.Kind;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * An agent task's log as a readable transcript (frame in TranscriptView.fxml): messages, tool calls with their
 * result folded to its first lines and size, thinking folded, errors and limits highlighted, the outcome last. A
 * click unfolds or folds an entry. The list is virtualised, so only the entries in view become nodes, and a cell
 * builds an entry's unfolded parts only while it shows an unfolded entry.
 */
public final class TranscriptView extends ListView<TranscriptEntry> {
    static final int PREVIEW_LINES = 3;

    private final LogViewModel model;

    @FXML private Label placeholder;

    public TranscriptView(LogViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        setItems(model.transcript());
        setCellFactory(v -> new EntryCell());
        placeholder.textProperty().bind(Bindings.when(model.readingProperty().greaterThan(0))
                .then("Reading the transcript…").otherwise("No output yet."));
        model.expanded().addListener((SetChangeListener<Integer>) change -> refresh());
    }

    /** Whether an entry has more to show than its folded form. */
    static boolean foldable(TranscriptEntry e) {
        return switch (e.kind()) {
            case TOOL -> e.text() != null && !e.text().equals(e.title())
                    || e.output() != null && e.output().lines().count() > PREVIEW_LINES;
            case THINKING, LIMIT, ERROR -> e.text() != null && !e.text().isBlank() && !e.text().equals(e.title());
            default -> false;
        };
    }

    static String preview(String output) {
        return output.lines().limit(PREVIEW_LINES).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private final class EntryCell extends ListCell<TranscriptEntry> {
        private final VBox box = new VBox(3);
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label meta = new Label();
        private final Label body = new Label();
        private final Label detail = new Label();
        private final Label fold = new Label();
        /** A tool call's input, made the first time this cell shows an unfolded call. */
        private Label input;
        private static final int SIDE_META_CHARS = 24;
        private final BorderPane head;

        EntryCell() {
            getStyleClass().add("transcript-cell");
            badge.getStyleClass().add("tr-badge");
            badge.setMinWidth(Region.USE_PREF_SIZE);
            title.getStyleClass().add("tr-title");
            title.setWrapText(true);
            meta.getStyleClass().add("tr-meta");
            meta.setMinWidth(Region.USE_PREF_SIZE);
            body.getStyleClass().add("tr-text");
            body.setWrapText(true);
            detail.getStyleClass().add("tr-detail");
            detail.setWrapText(true);
            detail.setMaxWidth(Double.MAX_VALUE);
            // A BorderPane gives the title the width left between badge and meta and lets it wrap there.
            head = new BorderPane(title, null, meta, null, badge);
            BorderPane.setAlignment(badge, Pos.TOP_LEFT);
            BorderPane.setAlignment(title, Pos.TOP_LEFT);
            BorderPane.setAlignment(meta, Pos.TOP_RIGHT);
            BorderPane.setMargin(badge, new Insets(1, 8, 0, 0));
            BorderPane.setMargin(meta, new Insets(1, 0, 0, 12));
            title.setMaxWidth(Double.MAX_VALUE);
            // A wrapped label needs its height for its width, not one line's, or it is cut with an ellipsis.
            for (Label label : new Label[] {title, body, detail}) {
                label.setMinHeight(Region.USE_PREF_SIZE);
            }
            box.getStyleClass().add("tr-entry");
            fold.getStyleClass().add("tr-fold");
            setOnMouseClicked(e -> {
                TranscriptEntry item = getItem();
                if (item != null && foldable(item)) {
                    model.toggleExpanded(item.index());
                }
            });
        }

        @Override
        protected void updateItem(TranscriptEntry e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            if (getListView() != null && !box.prefWidthProperty().isBound()) {
                box.prefWidthProperty().bind(getListView().widthProperty().subtract(36));
                box.maxWidthProperty().bind(box.prefWidthProperty());
            }
            // Changing the classes restyles the whole entry: only when they differ from the last entry shown here.
            List<String> classes = e.error() ? List.of("tr-entry", "tr-" + e.kind().wire(), "tr-error")
                    : List.of("tr-entry", "tr-" + e.kind().wire());
            if (!box.getStyleClass().equals(classes)) {
                box.getStyleClass().setAll(classes);
            }
            boolean open = model.expanded().contains(e.index());
            boolean foldable = foldable(e);
            box.getChildren().clear();
            switch (e.kind()) {
                case MESSAGE -> show(body, e.text());
                case RAW -> {
                    body.setText(Ansi.strip(e.text() == null ? "" : e.text()));
                    box.getChildren().add(body);
                }
                case RESULT -> {
                    head(e, null, e.meta());
                    show(body, e.text());
                }
                case TOOL -> {
                    head(e, "TOOL", e.open() ? "running…" : e.meta());
                    if (e.output() != null && !e.output().isEmpty()) {
                        show(detail, open ? e.output() : preview(e.output()));
                    }
                    if (open && e.text() != null && !e.text().equals(e.title())) {
                        if (input == null) {
                            input = new Label();
                            input.getStyleClass().add("tr-detail");
                            input.setWrapText(true);
                            input.setMinHeight(Region.USE_PREF_SIZE);
                            input.setMaxWidth(Double.MAX_VALUE);
                        }
                        input.setText("Input\n" + e.text());
                        box.getChildren().add(1, input);
                    }
                }
                default -> {
                    head(e, e.kind() == Kind.THINKING || e.kind() == Kind.SESSION || e.kind() == Kind.ATTEMPT
                            ? null : e.kind().wire().toUpperCase(Locale.ROOT), null);
                    if (open) {
                        show(detail, e.text());
                    }
                }
            }
            if (foldable) {
                fold.setText(open ? "▾ fold" : "▸ " + (e.kind() != Kind.TOOL ? "show"
                        : e.output() != null && e.output().lines().count() > PREVIEW_LINES
                        ? "show input and all output" : "show input"));
                box.getChildren().add(fold);
            }
            setGraphic(box);
        }

        private void head(TranscriptEntry e, String badgeText, String metaText) {
            badge.setText(badgeText);
            badge.setVisible(badgeText != null);
            badge.setManaged(badgeText != null);
            title.setText(e.title());
            meta.setText(metaText == null ? "" : metaText);
            // A long line of figures (an outcome's cost, tokens, time) would squeeze the title to a letter a line:
            // it goes under the title instead of beside it.
            boolean below = metaText != null && metaText.length() > SIDE_META_CHARS;
            // Out of one place before it goes into the other: a node in two places at once is refused.
            head.setRight(null);
            head.setBottom(null);
            if (below) {
                head.setBottom(meta);
            } else {
                head.setRight(meta);
            }
            BorderPane.setAlignment(meta, below ? Pos.TOP_LEFT : Pos.TOP_RIGHT);
            BorderPane.setMargin(meta, below ? new Insets(2, 0, 0, 0) : new Insets(1, 0, 0, 12));
            box.getChildren().add(head);
        }

        private void show(Label label, String text) {
            if (text != null && !text.isEmpty()) {
                label.setText(text);
                box.getChildren().add(label);
            }
        }
    }
}
