package dev.dobby.protocol;

/** One task of an export, with the result of its latest attempt (null if it never finished one). */
public record ExportRow(Task task, TaskResult result) {
}
