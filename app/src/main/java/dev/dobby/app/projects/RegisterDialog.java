package dev.dobby.app.projects;

import dev.dobby.protocol.NewProject;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Name, folder and context for a new project; stays open while a field is wrong, saying which. */
public final class RegisterDialog extends Dialog<NewProject> {

    public RegisterDialog(Window owner) {
        initOwner(owner);
        setTitle("Register project");
        setHeaderText("Register a project");
        getDialogPane().setId("register-dialog");
        ButtonType register = new ButtonType("Register", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(register, ButtonType.CANCEL);
        RegisterFields fields = new RegisterFields();
        getDialogPane().setContent(fields);
        getDialogPane().lookupButton(register).setId("register-go");
        getDialogPane().lookupButton(register).addEventFilter(ActionEvent.ACTION, event -> {
            if (fields.showProblem()) {
                event.consume();
            }
        });
        setResultConverter(button -> button == register ? fields.request() : null);
    }
}
