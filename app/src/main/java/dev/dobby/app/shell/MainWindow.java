package dev.dobby.app.shell;

import atlantafx.base.theme.Styles;
import dev.dobby.app.notify.InAppNotifier;

import dev.dobby.app.theme.Theme;
import dev.dobby.app.theme.ThemeModel;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The frame around the views: menus (with the keyboard shortcuts), the sidebar, the page in view, the notice
 * banner and the status bar.
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

    private final Map<Page, java.util.function.Supplier<Node>> makers = new EnumMap<>(Page.class);
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);
    private final StackPane content = new StackPane();
    private final ToggleGroup group = new ToggleGroup();
    private final CheckMenuItem pauseItem = new CheckMenuItem("Pause dispatch");
    private final CheckMenuItem darkItem = new CheckMenuItem("Dark theme");
    private Page current;
    private java.util.function.Consumer<String> muteAction = project -> { };
    private Menu taskMenu;

    public MainWindow(Map<Page, java.util.function.Supplier<Node>> views, Actions actions, StatusBarModel status, ThemeModel theme,
                      InAppNotifier notices, boolean canPause) {
        setId("main-window");
        makers.putAll(views);
        VBox sidebar = new VBox();
        sidebar.getStyleClass().add("sidebar");
        for (Page page : Page.values()) {
            ToggleButton button = new ToggleButton(page.title());
            button.setId("nav-" + page.name().toLowerCase(java.util.Locale.ROOT));
            button.setToggleGroup(group);
            button.getStyleClass().add(Styles.FLAT);
            button.setOnAction(e -> show(page));
            buttons.put(page, button);
            sidebar.getChildren().add(button);
        }
        VBox top = new VBox(menus(actions, theme, canPause), banner(notices));
        setTop(top);
        setLeft(sidebar);
        setCenter(content);
        setBottom(statusBar(status));
        status.pausedProperty().addListener((obs, old, now) -> pauseItem.setSelected(now));
        show(Page.TASKS);
    }

    private MenuBar menus(Actions actions, ThemeModel theme, boolean canPause) {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New task…", "Shortcut+N", actions::newTask),
                item("Register project…", "Shortcut+Shift+N", actions::registerProject),
                new SeparatorMenuItem(),
                item("Hide window", "Shortcut+W", actions::hideWindow),
                item("Quit Dobby", "Shortcut+Q", actions::quit));
        Menu task = new Menu("Task");
        taskMenu = task;
        task.getItems().addAll(
                item("Find…", "Shortcut+F", actions::findTasks),
                item("Show log", "Shortcut+L", actions::showLog),
                item("Show flow", "Shortcut+Shift+L", actions::showFlow),
                new SeparatorMenuItem(),
                item("Cancel", "Shortcut+Period", actions::cancelSelected),
                item("Retry", "Shortcut+R", () -> actions.retrySelected(false)),
                item("Retry with dependents", "Shortcut+Shift+R", () -> actions.retrySelected(true)),
                item("Approve draft", "Shortcut+Shift+A", actions::approveSelected));
        Menu view = new Menu("View");
        for (Page page : Page.values()) {
            // Shortcut+1 … Shortcut+9 for the first nine views; later ones are in the menu without a key.
            view.getItems().add(item(page.title(), page.ordinal() < 9 ? "Shortcut+" + (page.ordinal() + 1) : null,
                    () -> show(page)));
        }
        darkItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        darkItem.setSelected(theme.theme() == Theme.DARK);
        theme.themeProperty().addListener((obs, old, now) -> darkItem.setSelected(now == Theme.DARK));
        darkItem.setOnAction(e -> theme.choose(darkItem.isSelected() ? Theme.DARK : Theme.LIGHT));
        view.getItems().addAll(new SeparatorMenuItem(), darkItem);
        Menu hub = new Menu("Hub");
        pauseItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+P"));
        pauseItem.setDisable(!canPause);
        pauseItem.setOnAction(e -> actions.setPaused(pauseItem.isSelected()));
        hub.getItems().addAll(pauseItem, item("Copy hub address", "Shortcut+Shift+C", actions::copyAddress));
        MenuBar bar = new MenuBar(file, task, view, hub);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (keys != null) {
            item.setAccelerator(KeyCombination.keyCombination(keys));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Node banner(InAppNotifier notices) {
        Label text = new Label();
        text.setId("notice-text");
        text.setWrapText(true);
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        dismiss.setOnAction(e -> notices.latestProperty().set(null));
        Button mute = new Button();
        mute.setId("notice-mute");
        mute.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        mute.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        mute.setOnAction(e -> {
            var shown = notices.latestProperty().get();
            if (shown != null && shown.project() != null) {
                muteAction.accept(shown.project());
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox box = new HBox(text, grow, mute, dismiss);
        box.setId("notice-banner");
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("notice-banner");
        box.setVisible(false);
        box.setManaged(false);
        notices.latestProperty().addListener((obs, old, now) -> {
            box.setVisible(now != null);
            box.setManaged(now != null);
            box.getStyleClass().remove("bad");
            boolean mutable = now != null && now.project() != null && (now.kind() == dev.dobby.app.notify.Notice.Kind
                    .TASK_COMPLETED || now.kind() == dev.dobby.app.notify.Notice.Kind.TASK_FAILED);
            mute.setVisible(mutable);
            mute.setManaged(mutable);
            mute.setText(mutable ? "Mute " + now.project() : "");
            if (now != null) {
                text.setText(now.title() + (now.text() == null || now.text().isBlank() ? "" : " — " + now.text()));
                if (now.kind().bad()) {
                    box.getStyleClass().add("bad");
                }
            }
        });
        return box;
    }

    private Node statusBar(StatusBarModel status) {
        Label text = new Label();
        text.setId("status-text");
        text.textProperty().bind(status.textProperty());
        Label notices = new Label();
        notices.setId("status-notices");
        notices.getStyleClass().add("muted");
        notices.textProperty().bind(status.noticesProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(text, grow, notices);
        bar.getStyleClass().add("status-bar");
        status.reachableProperty().addListener((obs, old, now) -> {
            bar.getStyleClass().remove("unreachable");
            if (!now) {
                bar.getStyleClass().add("unreachable");
            }
        });
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    public void show(Page page) {
        current = page;
        content.getChildren().setAll(pages.computeIfAbsent(page, p -> makers.get(p).get()));
        buttons.get(page).setSelected(true);
    }

    /** What the banner's "Mute project" button does. */
    public void onMute(java.util.function.Consumer<String> action) {
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
