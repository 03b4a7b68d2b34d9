package dev.dobby.app.logs;

import dev.dobby.app.fx.Fxml;
import dev.dobby.protocol.transcript.TranscriptEntry;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The live log (layout in LogView.fxml): a virtualised list (only visible lines become nodes, so a long log stays
 * cheap), ANSI colours, search with next/previous, and "follow" to keep the newest line in view. An agent task shows
 * its {@link TranscriptView} instead, with the raw lines one toggle away.
 */
public final class LogView extends BorderPane {
    // The 16 ANSI colours, mid-tones that read on both the light and the dark theme.
    private static final Color[] PALETTE = {
            Color.web("#6e7781"), Color.web("#d1242f"), Color.web("#1a7f37"), Color.web("#9a6700"),
            Color.web("#0969da"), Color.web("#8250df"), Color.web("#1b7c83"), Color.web("#8c959f"),
            Color.web("#57606a"), Color.web("#ff5c57"), Color.web("#2da44e"), Color.web("#d4a72c"),
            Color.web("#54aeff"), Color.web("#c297ff"), Color.web("#3192aa"), Color.web("#b1bac4")};
    private static final Font MONO = Font.font("monospace", 12.5);
    private static final Font MONO_BOLD = Font.font("monospace", FontWeight.BOLD, 12.5);

    private static final Object SHOW_LAST_WHEN_SHOWN = new Object();

    private final LogViewModel model;
    private TranscriptView transcript;
    private boolean followPending;

    @FXML private ToggleGroup mode;
    @FXML private ListView<LogViewModel.Entry> list;
    @FXML private HBox modes;
    @FXML private ToggleButton readable;
    @FXML private ToggleButton raw;
    @FXML private TextField search;
    @FXML private Button previous;
    @FXML private Button next;
    @FXML private Label matches;
    @FXML private CheckBox follow;
    @FXML private Label dropped;

    public LogView(LogViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        list.setItems(model.lines());
        list.setCellFactory(v -> new LineCell());
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                jump(e.isShiftDown() ? model.findPrevious() : model.findNext());
            }
        });
        matches.textProperty().bind(Bindings.createStringBinding(() -> model.searchProperty().get().isEmpty() ? ""
                : model.matchesProperty().get() + " matching lines", model.matchesProperty(), model.searchProperty()));
        dropped.textProperty().bind(Bindings.createStringBinding(() -> model.droppedProperty().get() == 0 ? ""
                : String.format(Locale.ROOT, "%,d earlier lines not shown (the hub keeps them all)",
                model.droppedProperty().get()), model.droppedProperty()));

        transcript = new TranscriptView(model);
        readable.setSelected(model.readableProperty().get());
        raw.setSelected(!model.readableProperty().get());
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one of the two is always chosen
            } else {
                model.readableProperty().set(now == readable);
            }
        });
        modes.visibleProperty().bind(model.agentProperty());
        modes.managedProperty().bind(model.agentProperty());
        BooleanBinding showingTranscript = model.agentProperty().and(model.readableProperty());
        for (Node searchPart : List.of(search, previous, next)) {
            searchPart.visibleProperty().bind(showingTranscript.not());
            searchPart.managedProperty().bind(showingTranscript.not());
        }
        // An empty count would still take its share of the bar's spacing, which the narrow Log tab cannot spare.
        matches.managedProperty().bind(showingTranscript.not().and(matches.textProperty().isNotEmpty()));
        matches.visibleProperty().bind(matches.managedProperty());
        setCenter(showingTranscript.get() ? transcript : list);
        showingTranscript.addListener((obs, old, now) -> {
            setCenter(now ? transcript : list);
            scrollToEnd();
        });

        model.lines().addListener((ListChangeListener<LogViewModel.Entry>) change -> followLater());
        model.transcript().addListener((ListChangeListener<TranscriptEntry>) change -> followLater());
        model.currentProperty().addListener((obs, old, now) -> list.refresh());
        model.searchProperty().addListener((obs, old, now) -> list.refresh());
    }

    @FXML
    private void previous() {
        jump(model.findPrevious());
    }

    @FXML
    private void next() {
        jump(model.findNext());
    }

    /**
     * Scroll to the newest line once every listener has heard of the change: a list's skin learns of new items
     * after this view does, and a scroll asked for before that is measured against the old item count and lost.
     */
    private void followLater() {
        if (!followPending) {
            followPending = true;
            Platform.runLater(() -> {
                followPending = false;
                scrollToEnd();
            });
        }
    }

    private void scrollToEnd() {
        if (follow.isSelected()) {
            showLast(transcript);
            showLast(list);
        }
    }

    /** Scroll to the last item; a list not yet on screen (no skin, so nothing to scroll) does it when it gets one. */
    private static void showLast(ListView<?> view) {
        if (view.getSkin() != null) {
            if (!view.getItems().isEmpty()) {
                view.scrollTo(view.getItems().size() - 1);
            }
            return;
        }
        if (view.getProperties().putIfAbsent(SHOW_LAST_WHEN_SHOWN, Boolean.TRUE) != null) {
            return; // already asked: a hidden list following a live task would otherwise pile up listeners
        }
        view.skinProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable skin) {
                view.skinProperty().removeListener(this);
                view.getProperties().remove(SHOW_LAST_WHEN_SHOWN);
                if (!view.getItems().isEmpty()) {
                    view.scrollTo(view.getItems().size() - 1);
                }
            }
        });
    }

    private void jump(int index) {
        if (index >= 0) {
            follow.setSelected(false);
            list.scrollTo(Math.max(0, index - 3));
            list.getSelectionModel().clearAndSelect(index);
        }
    }

    static Color colour(int index) {
        if (index < 0) {
            return null;
        }
        if (index < 16) {
            return PALETTE[index];
        }
        if (index < 232) {  // the 6x6x6 cube
            int i = index - 16;
            return Color.rgb(level(i / 36), level(i / 6 % 6), level(i % 6));
        }
        int grey = 8 + (index - 232) * 10;
        return Color.rgb(grey, grey, grey);
    }

    private static int level(int step) {
        return step == 0 ? 0 : 55 + step * 40;
    }

    private final class LineCell extends ListCell<LogViewModel.Entry> {
        private final TextFlow flow = new TextFlow();

        LineCell() {
            flow.getStyleClass().add("log-line");
            setGraphic(flow);
            setText(null);
        }

        @Override
        protected void updateItem(LogViewModel.Entry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("log-match", "log-current");
            if (empty || item == null) {
                flow.getChildren().clear();
                setGraphic(null);
                return;
            }
            List<Ansi.Span> spans = Ansi.parse(item.raw());
            Text[] texts = new Text[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                Ansi.Span span = spans.get(i);
                Text text = new Text(span.text());
                text.setFont(span.style().bold() ? MONO_BOLD : MONO);
                Color colour = colour(span.style().foreground());
                if (colour != null) {
                    text.setFill(colour);
                } else {
                    text.getStyleClass().add(item.stream().equals("stderr") ? "stderr" : "stdout");
                    text.setStyle(item.stream().equals("stderr") ? "" : "-fx-fill: -color-fg-default;");
                }
                text.setUnderline(span.style().underline());
                text.setOpacity(span.style().dim() ? 0.7 : 1);
                texts[i] = text;
            }
            flow.getChildren().setAll(texts);
            setGraphic(flow);
            if (model.isMatch(item)) {
                getStyleClass().add(getIndex() == model.currentProperty().get() ? "log-current" : "log-match");
            }
        }
    }
}
