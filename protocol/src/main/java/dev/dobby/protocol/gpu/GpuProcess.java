package dev.dobby.protocol.gpu;

/**
 * A compute process on a GPU.
 *
 * @param usedMemoryMib GPU memory it holds
 * @param taskId        the Dobby task whose process tree it belongs to; null for a process outside Dobby
 * @param user          who runs it (for processes outside Dobby; null when it could not be read)
 * @param command       its command line, cut short (for processes outside Dobby)
 */
public record GpuProcess(long pid, String name, long usedMemoryMib, Long taskId, String user, String command) {
}
