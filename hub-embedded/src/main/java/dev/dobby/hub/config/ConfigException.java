package dev.dobby.hub.config;

/** A setting is missing, unknown or malformed; the message says which and what it accepts. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
