package dev.dobby.app.projects;

import dev.dobby.app.fx.Fxml;
import dev.dobby.app.fx.WireNames;
import dev.dobby.protocol.Backend;
import dev.dobby.protocol.Priority;
import dev.dobby.protocol.Project;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * Registered projects, registering a new one, and the selected one's policy (layout in ProjectsView.fxml): binds
 * the table to the model and the policy pane to a {@link PolicyForm}.
 */
public final class ProjectsView extends BorderPane {
    private final ProjectsViewModel model;
    private final PolicyForm policy = new PolicyForm();

    @FXML private Label message;
    @FXML private TableView<Project> table;
    @FXML private TableColumn<Project, String> nameColumn;
    @FXML private TableColumn<Project, String> backendColumn;
    @FXML private TableColumn<Project, String> concurrencyColumn;
    @FXML private TableColumn<Project, String> priorityColumn;
    @FXML private TableColumn<Project, String> folderColumn;
    @FXML private VBox policyPane;
    @FXML private Label policyTitle;
    @FXML private ComboBox<Backend> backend;
    @FXML private ComboBox<Priority> priority;
    @FXML private TextField timeout;
    @FXML private Spinner<Integer> concurrency;
    @FXML private CheckBox autoChain;
    @FXML private TextField maxAttempts;
    @FXML private TextField retryBackoff;
    @FXML private TextField webhook;
    @FXML private Button save;
    @FXML private Label policyProblem;

    public ProjectsView(ProjectsViewModel model) {
        this.model = model;
        Fxml.load(this);
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(model.messageProperty());
        table.setItems(model.projects());
        show(nameColumn, Project::name);
        show(backendColumn, p -> p.policy().defaultBackend() == null ? "default" : p.policy().defaultBackend().wire());
        show(concurrencyColumn, p -> Integer.toString(p.policy().effectiveMaxConcurrent()));
        show(priorityColumn, p -> p.policy().defaultPriority() == null ? "normal" : p.policy().defaultPriority().wire());
        show(folderColumn, Project::path);
        folderColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            showPolicy(now);
            // A reload replaces the rows, and the table forgets its selection: show the one the model kept.
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });

        backend.getItems().setAll(Backend.forTasks());
        backend.setConverter(WireNames.converter(Backend::wire, Backend::fromWire));
        backend.valueProperty().bindBidirectional(policy.backendProperty());
        priority.getItems().setAll(Priority.values());
        priority.setConverter(WireNames.converter(Priority::wire, Priority::fromWire));
        priority.valueProperty().bindBidirectional(policy.priorityProperty());
        timeout.textProperty().bindBidirectional(policy.timeoutMinutesProperty());
        concurrency.getValueFactory().valueProperty().bindBidirectional(policy.concurrencyProperty());
        autoChain.selectedProperty().bindBidirectional(policy.autoChainProperty());
        maxAttempts.textProperty().bindBidirectional(policy.maxAttemptsProperty());
        retryBackoff.textProperty().bindBidirectional(policy.retryBackoffProperty());
        webhook.textProperty().bindBidirectional(policy.webhookProperty());
        policyPane.disableProperty().bind(model.selectedProperty().isNull());
        showPolicy(null);
    }

    private void showPolicy(Project project) {
        policyProblem.setText("");
        if (project == null) {
            policyTitle.setText("Select a project to edit its policy.");
            return;
        }
        policyTitle.setText("Policy of " + project.name());
        policy.load(project.policy());
    }

    @FXML
    private void save() {
        Project project = model.selectedProperty().get();
        if (project == null) {
            return;
        }
        policyProblem.setText(policy.problem().orElse(""));
        if (policy.problem().isEmpty()) {
            model.updatePolicy(project.name(), policy.toPolicy(project.policy()), p -> { });
        }
    }

    /** Name, folder and context for a new project. */
    @FXML
    public void openRegister() {
        new RegisterDialog(getScene() == null ? null : getScene().getWindow()).showAndWait()
                .ifPresent(request -> model.register(request, p -> { }));
    }

    private static void show(TableColumn<Project, String> column, Function<Project, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
