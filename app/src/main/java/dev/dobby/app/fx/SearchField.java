package dev.dobby.app.fx;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;

/** A text field with a clear button that shows while there is text; Escape clears it too. */
public final class SearchField {
    private SearchField() {
    }

    public static CustomTextField create() {
        CustomTextField field = new CustomTextField();
        Button clear = new Button("✕");
        clear.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> field.clear());
        clear.visibleProperty().bind(field.textProperty().isNotEmpty());
        field.setRight(clear);
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !field.getText().isEmpty()) {
                field.clear();
                e.consume();
            }
        });
        return field;
    }
}
