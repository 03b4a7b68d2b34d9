package dev.dobby.app.fx;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/** Views whose figures change without an event (logs nobody streams, countdowns) look again while on screen. */
public final class WhileShown {
    private WhileShown() {
    }

    /** Runs {@code refresh} when {@code view} comes on screen and every {@code every} while it stays there. */
    public static void refresh(Node view, Duration every, Runnable refresh) {
        Timeline poll = new Timeline(new KeyFrame(every, e -> refresh.run()));
        poll.setCycleCount(Animation.INDEFINITE);
        view.sceneProperty().addListener((obs, old, now) -> {
            if (now == null) {
                poll.stop();
            } else {
                refresh.run();
                poll.play();
            }
        });
    }
}
