package dev.dobby.app.projects;

import dev.dobby.app.fx.Fxml;
import dev.dobby.protocol.NewProject;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;

/** The Register-project dialog's fields (layout in RegisterFields.fxml): name, folder (typed or chosen), context. */
public final class RegisterFields extends GridPane {
    @FXML private TextField name;
    @FXML private TextField path;
    @FXML private TextArea context;
    @FXML private Label problem;

    public RegisterFields() {
        Fxml.load(this);
    }

    @FXML
    private void chooseFolder() {
        File dir = new DirectoryChooser().showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            path.setText(dir.getAbsolutePath());
            if (name.getText().isBlank()) {
                name.setText(dir.getName());
            }
        }
    }

    /** Shows what is wrong with the fields, if anything; returns whether something is. */
    boolean showProblem() {
        Optional<String> wrong = problem(name.getText(), path.getText());
        problem.setText(wrong.orElse(""));
        return wrong.isPresent();
    }

    NewProject request() {
        return new NewProject(name.getText().strip(), path.getText().strip(),
                context.getText().isBlank() ? null : context.getText().strip(), null);
    }

    static Optional<String> problem(String name, String path) {
        if (name == null || name.isBlank()) {
            return Optional.of("Give the project a name.");
        }
        if (path == null || path.isBlank()) {
            return Optional.of("Choose the project's folder.");
        }
        try {
            if (!Path.of(path.strip()).isAbsolute()) {
                return Optional.of("The folder must be an absolute path.");
            }
        } catch (InvalidPathException e) {
            return Optional.of("That is not a valid path.");
        }
        return Optional.empty();
    }
}
