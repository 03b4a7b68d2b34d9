package dev.dobby.app.tasks;

import dev.dobby.protocol.NewTask;
import java.util.List;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * Queue a task: what, where (project, worker, tags, own worktree), how (backend, model, priority, timeout,
 * dependencies, draft); or, with cron or every, a schedule, with its next firings shown as it is typed. The
 * fields are laid out in {@link SubmitFields}. The dialog stays open while a field is wrong, saying which.
 */
public final class SubmitDialog extends Dialog<NewTask> {
    public static final ButtonType QUEUE = new ButtonType("Queue", ButtonBar.ButtonData.OK_DONE);

    /** Says when a schedule would fire: the next firings in words, or what is wrong with the expression. */
    @FunctionalInterface
    public interface Previews {
        void preview(String cron, String every, Consumer<String> show);
    }

    /** Names the workers the hub knows, to offer as targets (the list may come later, or stay empty). */
    @FunctionalInterface
    public interface Workers {
        void load(Consumer<List<String>> show);
    }

    public SubmitDialog(Window owner, SubmitForm form, ObservableList<String> projects, Previews previews,
                        Workers workers) {
        initOwner(owner);
        setTitle("New task");
        setHeaderText("Queue a task");
        getDialogPane().setId("submit-dialog");
        getDialogPane().getButtonTypes().setAll(QUEUE, ButtonType.CANCEL);
        SubmitFields fields = new SubmitFields(form, projects, previews, workers);
        getDialogPane().setContent(fields);

        Node queue = getDialogPane().lookupButton(QUEUE);
        queue.setId("submit-queue");
        queue.addEventFilter(ActionEvent.ACTION, event -> {
            var wrong = form.check();
            if (fields.show(wrong)) {
                fields.focus(wrong);
                event.consume();
            }
        });
        setResultConverter(button -> button == QUEUE ? form.toRequest() : null);
        setOnShown(e -> fields.focus(java.util.Optional.empty()));
    }
}
