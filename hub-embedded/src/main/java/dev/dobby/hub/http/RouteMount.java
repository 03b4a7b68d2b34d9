package dev.dobby.hub.http;

import io.javalin.config.RoutesConfig;

/** A group of routes another part of the hub adds to the server (spoke protocol, dashboard). */
@FunctionalInterface
public interface RouteMount {
    void register(RoutesConfig routes);
}
