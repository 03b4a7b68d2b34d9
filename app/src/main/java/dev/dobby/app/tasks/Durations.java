package dev.dobby.app.tasks;

/** Durations as people say them: "45 s", "3 min 12 s", "2 h 5 min". */
public final class Durations {
    private Durations() {
    }

    public static String words(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        long minutes = (s % 3600) / 60;
        return (s / 3600) + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
}
