package dev.dobby.app.shell;

import dev.dobby.app.fx.Forms;
import dev.dobby.app.hub.HubConnection;
import dev.dobby.app.hub.RemoteHub;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
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
        TextField url = new TextField("http://127.0.0.1:8420");
        url.setId("attach-url");
        url.setPrefColumnCount(26);
        PasswordField key = new PasswordField();
        key.setId("attach-key");
        key.setPromptText("the hub's api_key, if it has one");
        key.setPrefColumnCount(26);
        GridPane grid = Forms.grid();
        grid.addRow(0, Forms.caption("Hub address"), url);
        grid.addRow(1, Forms.caption("API key"), key);
        getDialogPane().setContent(grid);
        setResultConverter(b -> b == attach ? RemoteHub.attaching(url.getText().strip(), key.getText()) : null);
    }
}
