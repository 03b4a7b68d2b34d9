package dev.dobby.protocol;

/**
 * Why a task that waits (pending, blocked or draft) has not started.
 *
 * @param reason what holds it, in words
 * @param stuck  true when time alone will not lift it: someone has to act (retry or cancel a parent that ended
 *               without completing, bring a worker online that can run it, move its target)
 */
public record Waiting(String reason, boolean stuck) {
}
