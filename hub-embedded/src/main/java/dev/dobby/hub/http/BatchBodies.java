package dev.dobby.hub.http;

import dev.dobby.protocol.ApiException;
import dev.dobby.protocol.BatchYaml;
import dev.dobby.protocol.NewBatch;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/** POST /batches takes JSON, or a batch file as YAML (Content-Type application/yaml or text/yaml). */
final class BatchBodies {
    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "text/yaml", "application/x-yaml",
            "text/x-yaml");

    private BatchBodies() {
    }

    static NewBatch read(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (YAML_TYPES.contains(type)) {
            byte[] body = ctx.bodyAsBytes();
            if (body.length > BatchYaml.MAX_BYTES) {
                throw ApiException.badRequest("the batch file is larger than " + BatchYaml.MAX_BYTES / 1024 + " KiB");
            }
            return BatchYaml.parse(body);
        }
        return Bodies.read(ctx, NewBatch.class);
    }
}
