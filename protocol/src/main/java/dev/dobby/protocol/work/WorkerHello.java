package dev.dobby.protocol.work;

import dev.dobby.protocol.Spoke;

/** A worker introducing itself. */
public record WorkerHello(String id, Spoke.Capabilities capabilities, String version) {
}
