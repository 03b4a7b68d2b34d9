package dev.dobby.app.shell;

import dev.dobby.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** The Attach dialog's fields (layout in AttachFields.fxml): the hub's address and its API key. */
public final class AttachFields extends GridPane {
    @FXML private TextField url;
    @FXML private PasswordField key;

    public AttachFields() {
        Fxml.load(this);
    }

    String url() {
        return url.getText().strip();
    }

    String key() {
        return key.getText();
    }
}
