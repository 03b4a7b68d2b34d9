package dev.dobby.app.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds labels, headers and buttons that show an ellipsis their full text would not need: the text node the skin
 * drew differs from the control's text and ends in the control's ellipsis. Controls (or table columns) marked
 * {@code elidable} may elide: their full text is one hover or click away. Call on the FX thread after a layout.
 */
public final class Ellipses {
    private Ellipses() {
    }

    public static List<String> in(Parent root) {
        root.applyCss();
        root.layout();
        List<String> found = new ArrayList<>();
        walk(root, found);
        return found;
    }

    private static void walk(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && !labeled.getStyleClass().contains("elidable")) {
            check(labeled, found);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, found);
            }
        }
    }

    private static void check(Labeled labeled, List<String> found) {
        String full = labeled.getText();
        if (full == null || full.isEmpty() || labeled.getWidth() <= 0) {
            return;
        }
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && text.isVisible()) {
                String shown = text.getText();
                String ellipsis = labeled.getEllipsisString();
                if (shown != null && !shown.equals(full) && !ellipsis.isEmpty() && shown.contains(ellipsis.strip())) {
                    found.add(describe(labeled) + " shows \"" + shown + "\" for \"" + full + "\" (width "
                            + Math.round(labeled.getWidth()) + ")");
                }
            }
        }
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder(name(node));
        Node up = node.getParent();
        for (int i = 0; i < 3 && up != null; i++, up = up.getParent()) {
            path.insert(0, name(up) + " > ");
        }
        return path.toString();
    }

    private static String name(Node node) {
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
    }
}
