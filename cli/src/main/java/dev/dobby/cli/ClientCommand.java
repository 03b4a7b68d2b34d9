package dev.dobby.cli;

import dev.dobby.cli.output.Style;
import dev.dobby.protocol.HubApi;
import dev.dobby.protocol.Json;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to a hub over its REST API. */
public abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    protected HubOptions hubOptions;

    @Spec
    protected CommandSpec spec;

    private Style style;

    protected HubApi hub() {
        return hubOptions.client();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Style style() {
        if (style == null) {
            style = Style.detect();
        }
        return style;
    }

    protected Instant now() {
        return Instant.now();
    }

    /** The API's JSON for scripts, pretty enough to read, one document. */
    protected void printJson(Object value) {
        try {
            out().println(Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out().flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;
}
