package dev.dobby.slack;

/** Dashboard addresses for tasks, as Slack links. */
public final class Links {
    private final String base;

    /** @param hubUrl the address people reach the hub's dashboard at (hub_url), without a trailing slash */
    public Links(String hubUrl) {
        this.base = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
    }

    public String taskUrl(long id) {
        return base + "/dashboard#/tasks/" + id;
    }

    /** {@code <url|#12>}: the task number, linked to its page. */
    public String task(long id) {
        return "<" + taskUrl(id) + "|#" + id + ">";
    }
}
