package dev.dobby.app.shell;

/** The views of the main window, in sidebar order; Ctrl/Cmd + the number switches to one. */
public enum Page {
    TASKS("Tasks"), NETWORK("Network"), ACTIVITY("Activity"), PROJECTS("Projects"), STATS("Stats"),
    SESSIONS("Sessions"),
    SCHEDULES("Schedules"),
    COSTS("Costs"),
    LIVE("Live jobs"),
    GPUS("GPUs"),
    BATCHES("Batches"),
    USAGE("Usage");

    private final String title;

    Page(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
