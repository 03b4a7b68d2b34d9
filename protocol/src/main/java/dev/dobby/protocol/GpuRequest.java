package dev.dobby.protocol;

import java.util.Locale;

/**
 * The GPUs a task needs on one worker, for itself.
 *
 * @param count    how many GPUs; 0 for a task that needs none
 * @param model    only GPUs whose name contains this, ignoring case; null for any
 * @param memoryMb only GPUs with at least this many MiB free when the task starts; null for any
 */
public record GpuRequest(int count, String model, Long memoryMb) {
    public static final GpuRequest NONE = new GpuRequest(0, null, null);

    public static GpuRequest of(Integer count, String model, Long memoryMb) {
        int n = count == null ? 0 : count;
        return n == 0 && model == null && memoryMb == null ? NONE : new GpuRequest(n, model, memoryMb);
    }

    public boolean any() {
        return count > 0;
    }

    /** Whether a GPU of this name and free memory may serve the request. */
    public boolean accepts(String gpuName, long freeMib) {
        if (model != null && (gpuName == null
                || !gpuName.toLowerCase(Locale.ROOT).contains(model.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return memoryMb == null || freeMib >= memoryMb;
    }

    /** "2 GPUs (model H100, 40960 MiB free each)", for reasons and tables. */
    public String describe() {
        StringBuilder text = new StringBuilder().append(count).append(count == 1 ? " GPU" : " GPUs");
        if (model != null || memoryMb != null) {
            text.append(" (");
            if (model != null) {
                text.append("model ").append(model);
            }
            if (memoryMb != null) {
                text.append(model != null ? ", " : "").append(memoryMb).append(" MiB free each");
            }
            text.append(')');
        }
        return text.toString();
    }
}
