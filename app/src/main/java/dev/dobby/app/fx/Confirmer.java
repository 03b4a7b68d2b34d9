package dev.dobby.app.fx;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks before an action that cannot be undone (cancel a running agent, re-open a chain of tasks). */
@FunctionalInterface
public interface Confirmer {
    /**
     * @param question what will happen, as a question ("Cancel task #12?")
     * @param details  what it means for the user
     * @param action   the label of the button that goes ahead ("Cancel task")
     * @return whether to go ahead
     */
    boolean confirm(String question, String details, String action);

    /** Never asks: for a user who turned confirmations off, and for view-model tests. */
    static Confirmer always() {
        return (question, details, action) -> true;
    }

    /** A modal dialog over {@code owner}, unless {@code wanted} says the user turned confirmations off. */
    static Confirmer dialog(Supplier<Window> owner, BooleanSupplier wanted) {
        return (question, details, action) -> {
            if (!wanted.getAsBoolean()) {
                return true;
            }
            ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
            ButtonType keep = new ButtonType("Keep it", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, details, go, keep);
            alert.initOwner(owner.get());
            alert.setTitle("Please confirm");
            alert.setHeaderText(question);
            alert.getDialogPane().setId("confirm-dialog");
            alert.getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            alert.getDialogPane().lookupButton(go).setId("confirm-go");
            alert.getDialogPane().lookupButton(keep).setId("confirm-keep");
            // The safe answer is the default: Enter keeps the task.
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
            return alert.showAndWait().filter(b -> b == go).isPresent();
        };
    }
}
