package dev.dobby.app.shell;

import atlantafx.base.theme.Styles;
import dev.dobby.app.fx.Fxml;
import dev.dobby.app.notify.InAppNotifier;
import dev.dobby.app.notify.Notice;
import dev.dobby.app.theme.Theme;
import dev.dobby.app.theme.ThemeModel;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The frame around the views (layout in MainWindow.fxml): menus (with the keyboard shortcuts), the sidebar, the
 * page in view, the notice banner and the status bar. The sidebar buttons and the View menu's items are one per
 * {@link Page}, so they are made here.
 */
public final class MainWindow extends BorderPane {

    /** What the menus do; the control centre implements it. */
    public interface Actions {
        void newTask();

        void registerProject();

        void cancelSelected();

        void retrySelected(boolean cascade);

        void approveSelected();

        void findTasks();

        void showLog();

        void showFlow();

        void hideWindow();

        void quit();

        void setPaused(boolean paused);

        void copyAddress();
    }

    private final Map<Page, Supplier<Node>> makers = new EnumMap<>(Page.class);
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
    private final ToggleGroup group = new ToggleGroup();
    private final Actions actions;
    private final StatusBarModel status;
    private final ThemeModel theme;
    private final InAppNotifier notices;
    private final boolean canPause;
    private Page current;
    private Consumer<String> muteAction = project -> { };

    @FXML private Menu taskMenu;
    @FXML private Menu viewMenu;
    @FXML private CheckMenuItem darkItem;
    @FXML private CheckMenuItem pauseItem;
    @FXML private HBox banner;
    @FXML private Label noticeText;
    @FXML private Button mute;
    @FXML private VBox sidebar;
    @FXML private StackPane content;
    @FXML private HBox statusBar;
    @FXML private Label statusText;
    @FXML private Label statusNotices;

    public MainWindow(Map<Page, Supplier<Node>> views, Actions actions, StatusBarModel status, ThemeModel theme,
                      InAppNotifier notices, boolean canPause) {
        makers.putAll(views);
        this.actions = actions;
        this.status = status;
        this.theme = theme;
        this.notices = notices;
        this.canPause = canPause;
        Fxml.load(this);
        show(Page.TASKS);
    }

    @FXML
    private void initialize() {
        for (Page page : Page.values()) {
            ToggleButton button = new ToggleButton(page.title());
            button.setId("nav-" + page.name().toLowerCase(Locale.ROOT));
            button.setToggleGroup(group);
            button.getStyleClass().add(Styles.FLAT);
            button.setOnAction(e -> show(page));
            buttons.put(page, button);
            sidebar.getChildren().add(button);
            // Shortcut+1 … Shortcut+9 for the first nine views; later ones are in the menu without a key.
            MenuItem item = new MenuItem(page.title());
            if (page.ordinal() < 9) {
                item.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (page.ordinal() + 1)));
            }
            item.setOnAction(e -> show(page));
            viewMenu.getItems().add(page.ordinal(), item);
        }

        darkItem.setSelected(theme.theme() == Theme.DARK);
        theme.themeProperty().addListener((obs, old, now) -> darkItem.setSelected(now == Theme.DARK));
        pauseItem.setDisable(!canPause);
        status.pausedProperty().addListener((obs, old, now) -> pauseItem.setSelected(now));

        notices.latestProperty().addListener((obs, old, now) -> showNotice(now));

        statusText.textProperty().bind(status.textProperty());
        statusNotices.textProperty().bind(status.noticesProperty());
        status.reachableProperty().addListener((obs, old, now) -> {
            statusBar.getStyleClass().remove("unreachable");
            if (!now) {
                statusBar.getStyleClass().add("unreachable");
            }
        });
    }

    private void showNotice(Notice now) {
        banner.setVisible(now != null);
        banner.setManaged(now != null);
        banner.getStyleClass().remove("bad");
        boolean mutable = now != null && now.project() != null
                && (now.kind() == Notice.Kind.TASK_COMPLETED || now.kind() == Notice.Kind.TASK_FAILED);
        mute.setVisible(mutable);
        mute.setManaged(mutable);
        mute.setText(mutable ? "Mute " + now.project() : "");
        if (now != null) {
            noticeText.setText(now.title() + (now.text() == null || now.text().isBlank() ? "" : " — " + now.text()));
            if (now.kind().bad()) {
                banner.getStyleClass().add("bad");
            }
        }
    }

    @FXML
    private void newTask() {
        actions.newTask();
    }

    @FXML
    private void registerProject() {
        actions.registerProject();
    }

    @FXML
    private void hideWindow() {
        actions.hideWindow();
    }

    @FXML
    private void quit() {
        actions.quit();
    }

    @FXML
    private void findTasks() {
        actions.findTasks();
    }

    @FXML
    private void showLog() {
        actions.showLog();
    }

    @FXML
    private void showFlow() {
        actions.showFlow();
    }

    @FXML
    private void cancelSelected() {
        actions.cancelSelected();
    }

    @FXML
    private void retrySelected() {
        actions.retrySelected(false);
    }

    @FXML
    private void retryWithDependents() {
        actions.retrySelected(true);
    }

    @FXML
    private void approveSelected() {
        actions.approveSelected();
    }

    @FXML
    private void chooseTheme() {
        theme.choose(darkItem.isSelected() ? Theme.DARK : Theme.LIGHT);
    }

    @FXML
    private void pause() {
        actions.setPaused(pauseItem.isSelected());
    }

    @FXML
    private void copyAddress() {
        actions.copyAddress();
    }

    @FXML
    private void mute() {
        Notice shown = notices.latestProperty().get();
        if (shown != null && shown.project() != null) {
            muteAction.accept(shown.project());
        }
    }

    @FXML
    private void dismiss() {
        notices.latestProperty().set(null);
    }

    public void show(Page page) {
        current = page;
        content.getChildren().setAll(pages.computeIfAbsent(page, p -> makers.get(p).get()));
        buttons.get(page).setSelected(true);
    }

    /** What the banner's "Mute project" button does. */
    public void onMute(Consumer<String> action) {
        muteAction = action;
    }

    /** The Task menu, for settings that go with its actions. */
    public Menu taskMenu() {
        return taskMenu;
    }

    public Page current() {
        return current;
    }
}
