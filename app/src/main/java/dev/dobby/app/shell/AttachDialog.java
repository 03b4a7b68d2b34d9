package dev.dobby.app.shell;

import dev.dobby.app.hub.HubConnection;
import dev.dobby.app.hub.RemoteHub;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Asks for the address (and key) of a hub that runs elsewhere, when the local one did not start. */
public final class AttachDialog extends Dialog<HubConnection.Opener> {

    public AttachDialog(Window owner) {
        initOwner(owner);
        setTitle("Attach to a hub");
        setHeaderText("Attach to a hub that runs elsewhere");
        getDialogPane().setId("attach-dialog");
        ButtonType attach = new ButtonType("Attach", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(attach, ButtonType.CANCEL);
        AttachFields fields = new AttachFields();
        getDialogPane().setContent(fields);
        setResultConverter(b -> b == attach ? RemoteHub.attaching(fields.url(), fields.key()) : null);
    }
}
