package dev.dobby.app.projects;

import atlantafx.base.theme.Styles;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.NewProject;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import dev.dobby.protocol.ProjectPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

/** Registered projects; register a new one; edit the selected one's policy. */
public final class ProjectsView extends BorderPane {
    private final ProjectsViewModel model;
    private final TableView<Project> table = new TableView<>();
    private final ComboBox<Backend> backend = new ComboBox<>();
    private final ComboBox<Priority> priority = new ComboBox<>();
    private final TextField timeout = new TextField();
    private final Spinner<Integer> concurrency = new Spinner<>(1, 64, 1);
    private final CheckBox autoChain = new CheckBox("Chain each new task after the latest open one");
    private final Label policyTitle = new Label("Select a project to edit its policy.");
    private final Label policyProblem = new Label();
    private final TextField maxAttempts = new TextField();
    private final TextField retryBackoff = new TextField();
    private final TextField webhook = new TextField();

    public ProjectsView(ProjectsViewModel model) {
        this.model = model;
        setId("projects-view");
        Label title = new Label("Projects");
        title.getStyleClass().add("page-title");
        Button register = new Button("Register project…");
        register.setId("register-project");
        register.getStyleClass().add(Styles.ACCENT);
        register.setOnAction(e -> openRegister());
        Label message = new Label();
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());
        HBox top = new HBox(12, title, register, message);
        top.setPadding(new Insets(12));

        table.setId("projects-table");
        table.setItems(model.projects());
        table.setPlaceholder(new Label("No projects yet: register the folder of a repository to run tasks in."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The folder goes last and takes what is left: it is the one column allowed to elide (its tooltip and the
        // policy pane show it whole).
        TableColumn<Project, String> path = column("Folder", p -> p.path(), 140);
        path.getStyleClass().add("elidable");
        path.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        });
        table.getColumns().setAll(List.of(
                column("Name", p -> p.name(), 110),
                column("Backend", p -> p.policy().defaultBackend() == null ? "default" : p.policy().defaultBackend().wire(), 90),
                column("At once", p -> Integer.toString(p.policy().effectiveMaxConcurrent()), 80),
                column("Priority", p -> p.policy().defaultPriority() == null ? "normal" : p.policy().defaultPriority().wire(), 84),
                path));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> showPolicy(now));

        setTop(top);
        SplitPane split = new SplitPane(table, policyEditor());
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    private static TableColumn<Project, String> column(String name, java.util.function.Function<Project, String> value,
                                                       double minWidth) {
        TableColumn<Project, String> column = new TableColumn<>(name);
        column.setMinWidth(minWidth);
        column.setPrefWidth(minWidth);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    private VBox policyEditor() {
        backend.getItems().setAll(Backend.forTasks());
        backend.setPromptText("hub default");
        backend.setConverter(wire(Backend::wire, Backend::fromWire));
        backend.setId("policy-backend");
        priority.getItems().setAll(Priority.values());
        priority.setPromptText("normal");
        priority.setConverter(wire(Priority::wire, Priority::fromWire));
        timeout.setPromptText("minutes (hub default)");
        timeout.setId("policy-timeout");
        concurrency.setId("policy-concurrency");
        concurrency.setEditable(true);
        Button save = new Button("Save policy");
        save.setId("save-policy");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(model.selectedProperty().isNull());
        save.setOnAction(e -> save());
        policyTitle.getStyleClass().add(Styles.TITLE_4);
        policyProblem.getStyleClass().add(Styles.DANGER);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, fixed("Default backend"), backend);
        grid.addRow(1, fixed("Default priority"), priority);
        grid.addRow(2, fixed("Default timeout"), timeout);
        grid.addRow(3, fixed("Tasks at once"), concurrency);
        autoChain.setWrapText(true);
        grid.addRow(4, dev.dobby.app.fx.Forms.caption(""), autoChain);
        maxAttempts.setId("policy-max-attempts");
        maxAttempts.setPromptText("1 = no automatic retry");
        retryBackoff.setId("policy-retry-backoff");
        retryBackoff.setPromptText("seconds before a retry (hub default)");
        webhook.setId("policy-webhook");
        webhook.setPromptText("called when a task ends (none)");
        grid.addRow(5, dev.dobby.app.fx.Forms.caption("Attempts at most"), maxAttempts);
        grid.addRow(6, dev.dobby.app.fx.Forms.caption("Retry after"), retryBackoff);
        grid.addRow(7, dev.dobby.app.fx.Forms.caption("Webhook URL"), webhook);
        VBox box = new VBox(10, policyTitle, grid, save, policyProblem);
        box.setPadding(new Insets(12));
        box.disableProperty().bind(model.selectedProperty().isNull());
        return box;
    }

    private static Label fixed(String text) {
        Label label = new Label(text);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private void showPolicy(Project project) {
        policyProblem.setText("");
        if (project == null) {
            policyTitle.setText("Select a project to edit its policy.");
            return;
        }
        ProjectPolicy policy = project.policy();
        policyTitle.setText("Policy of " + project.name());
        backend.setValue(policy.defaultBackend());
        priority.setValue(policy.defaultPriority());
        timeout.setText(policy.defaultTimeout() == null ? "" : Integer.toString(policy.defaultTimeout() / 60));
        concurrency.getValueFactory().setValue(policy.effectiveMaxConcurrent());
        autoChain.setSelected(Boolean.TRUE.equals(policy.autoChain()));
        maxAttempts.setText(policy.maxAttempts() == null ? "" : Integer.toString(policy.maxAttempts()));
        retryBackoff.setText(policy.retryBackoff() == null ? "" : Integer.toString(policy.retryBackoff()));
        webhook.setText(policy.webhookUrl() == null ? "" : policy.webhookUrl());
    }

    /** A whole number of at least {@code min}, null when blank; a problem message otherwise. */
    private Integer whole(TextField field, int min, String what) {
        String text = field.getText() == null ? "" : field.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " is a whole number from " + min + ".");
    }

    private void save() {
        Project project = model.selectedProperty().get();
        if (project == null) {
            return;
        }
        Integer seconds = null;
        String text = timeout.getText() == null ? "" : timeout.getText().strip();
        if (!text.isEmpty()) {
            try {
                int minutes = Integer.parseInt(text);
                if (minutes < 1) {
                    throw new NumberFormatException();
                }
                seconds = minutes * 60;
            } catch (NumberFormatException e) {
                policyProblem.setText("The timeout is a whole number of minutes.");
                return;
            }
        }
        Integer attempts;
        Integer backoff;
        try {
            attempts = whole(maxAttempts, 1, "Attempts at most");
            backoff = whole(retryBackoff, 0, "Retry after");
        } catch (IllegalArgumentException e) {
            policyProblem.setText(e.getMessage());
            return;
        }
        String hook = webhook.getText() == null || webhook.getText().isBlank() ? null : webhook.getText().strip();
        policyProblem.setText("");
        ProjectPolicy before = project.policy();
        // Budgets, fallback backend and resume-on-timeout are not edited here: they keep their values.
        model.updatePolicy(project.name(), new ProjectPolicy(backend.getValue(), seconds, concurrency.getValue(),
                priority.getValue(), autoChain.isSelected(), attempts, backoff, hook, before.dailyBudgetUsd(),
                before.monthlyBudgetUsd(), before.budgetStopRunning(), before.fallbackBackend(),
                before.resumeOnTimeout()), p -> { });
    }

    /** Name, folder and context for a new project. */
    public void openRegister() {
        Dialog<NewProject> dialog = new Dialog<>();
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.setTitle("Register project");
        dialog.setHeaderText("Register a project");
        dialog.getDialogPane().setId("register-dialog");
        ButtonType ok = new ButtonType("Register", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        TextField name = new TextField();
        name.setId("register-name");
        name.setPromptText("short name, e.g. web");
        TextField path = new TextField();
        path.setId("register-path");
        path.setPromptText("/absolute/path/to/the/repository");
        Button browse = new Button("Choose…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            java.io.File dir = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (dir != null) {
                path.setText(dir.getAbsolutePath());
                if (name.getText().isBlank()) {
                    name.setText(dir.getName());
                }
            }
        });
        TextArea context = new TextArea();
        context.setPromptText("Context given to agents (optional)");
        context.setPrefRowCount(3);
        Label problem = new Label();
        problem.getStyleClass().add(Styles.DANGER);
        GridPane grid = dev.dobby.app.fx.Forms.grid();
        HBox pathRow = new HBox(6, path, browse);
        HBox.setHgrow(path, javafx.scene.layout.Priority.ALWAYS);
        grid.addRow(0, dev.dobby.app.fx.Forms.caption("Name"), name);
        grid.addRow(1, dev.dobby.app.fx.Forms.caption("Folder"), pathRow);
        grid.addRow(2, dev.dobby.app.fx.Forms.caption("Context"), context);
        grid.addRow(3, dev.dobby.app.fx.Forms.caption(""), problem);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(ok).addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            Optional<String> wrong = registerProblem(name.getText(), path.getText());
            wrong.ifPresent(p -> {
                problem.setText(p);
                event.consume();
            });
        });
        dialog.setResultConverter(button -> button == ok ? new NewProject(name.getText().strip(),
                path.getText().strip(), context.getText().isBlank() ? null : context.getText().strip(), null) : null);
        dialog.showAndWait().ifPresent(request -> model.register(request, p -> { }));
    }

    static Optional<String> registerProblem(String name, String path) {
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
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.of("That is not a valid path.");
        }
        return Optional.empty();
    }

    private static <T> StringConverter<T> wire(java.util.function.Function<T, String> name,
                                               java.util.function.Function<String, T> parse) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : name.apply(value);
            }

            @Override
            public T fromString(String text) {
                return text == null || text.isBlank() ? null : parse.apply(text);
            }
        };
    }
}
