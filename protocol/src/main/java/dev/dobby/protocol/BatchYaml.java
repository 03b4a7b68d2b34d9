package dev.dobby.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a batch file: YAML that lists tasks, each with a local {@code name} other entries can wait for.
 *
 * <pre>
 * name: release            # optional, with the two keys below; or the file is just the list
 * project: web             # optional default for entries without one
 * tasks:
 *   - name: build
 *     description: make build
 *     backend: shell
 *   - description: write the release notes
 *     priority: high
 *     after: [build]       # names in this file, or ids of existing tasks
 * </pre>
 *
 * <p>The file is untrusted input and is read with limits: at most {@link #MAX_BYTES} bytes, {@link #MAX_DEPTH}
 * levels of nesting and {@link #MAX_VALUES} values; anchors, aliases and tags ({@code &a}, {@code *a},
 * {@code !!python/object}) are refused outright, which also rules out "billion laughs" documents. Every refusal is
 * an {@link ApiException} with status 400 and a message that says what to fix.
 */
public final class BatchYaml {
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_VALUES = 100_000;

    private static final Set<String> TOP_KEYS = Set.of("name", "project", "tasks");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "ref", "description", "project", "priority", "backend",
            "timeout", "after", "target_spoke", "target_tags", "worktree");
    private static final ObjectMapper YAML = mapper();

    private BatchYaml() {
    }

    private static ObjectMapper mapper() {
        org.yaml.snakeyaml.LoaderOptions limits = new org.yaml.snakeyaml.LoaderOptions();
        limits.setCodePointLimit(MAX_BYTES);
        limits.setNestingDepthLimit(MAX_DEPTH);
        limits.setMaxAliasesForCollections(0);
        limits.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(limits)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(Math.max(MAX_BYTES, 1))
                        .build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new ObjectMapper(factory);
    }

    public static NewBatch parse(byte[] yaml) {
        if (yaml.length > MAX_BYTES) {
            throw tooLarge();
        }
        return parse(new String(yaml, StandardCharsets.UTF_8));
    }

    public static NewBatch parse(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.badRequest("the batch file is empty");
        }
        if (yaml.length() > MAX_BYTES) {
            throw tooLarge();
        }
        return toBatch(readTree(yaml));
    }

    private static ApiException tooLarge() {
        return ApiException.badRequest("the batch file is larger than " + MAX_BYTES / 1024 + " KiB");
    }

    private static JsonNode readTree(String yaml) {
        try (JsonParser parser = new Guarded((YAMLParser) YAML.getFactory().createParser(yaml))) {
            JsonNode root = YAML.readTree(parser);
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("the batch file holds more than one YAML document; put every task in one");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("the batch file is nested more than " + MAX_DEPTH
                    + " levels deep or holds a value that is too long");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the batch file is not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("the batch file could not be read: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            // SnakeYAML reports its own limits (code points, nesting) as unchecked exceptions.
            throw ApiException.badRequest("the batch file was refused: " + firstLine(e.getMessage()));
        }
    }

    /** Refuses what a batch file has no use for, as soon as the parser meets it. */
    private static final class Guarded extends JsonParserDelegate {
        private final YAMLParser yaml;
        private int values;

        Guarded(YAMLParser yaml) {
            super(yaml);
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (token == null) {
                return null;
            }
            if (yaml.isCurrentAlias()) {
                throw ApiException.badRequest("the batch file uses an alias (*" + yaml.getText()
                        + "); anchors and aliases are not allowed in batch files");
            }
            if (yaml.getObjectId() != null) {
                throw ApiException.badRequest("the batch file defines an anchor (&" + yaml.getObjectId()
                        + "); anchors and aliases are not allowed in batch files");
            }
            String tag = yaml.getTypeId();
            if (tag != null) {
                throw ApiException.badRequest("the batch file uses the tag '" + tag
                        + "'; YAML tags are not allowed in batch files");
            }
            if (++values > MAX_VALUES) {
                throw ApiException.badRequest("the batch file holds more than " + MAX_VALUES + " values");
            }
            return token;
        }
    }

    // ---- from the tree to a batch

    private static NewBatch toBatch(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ApiException.badRequest("the batch file is empty");
        }
        String name = null;
        String defaultProject = null;
        JsonNode tasks;
        if (root.isArray()) {
            tasks = root;
        } else if (root.isObject()) {
            checkKeys(root, TOP_KEYS, "the batch file");
            name = text(root.get("name"), "name");
            defaultProject = text(root.get("project"), "project");
            tasks = root.get("tasks");
            if (tasks == null || !tasks.isArray()) {
                throw ApiException.badRequest("the batch file needs a list of tasks under 'tasks'");
            }
        } else {
            throw ApiException.badRequest("the batch file must be a list of tasks, or a mapping with 'tasks'");
        }
        if (tasks.isEmpty()) {
            throw ApiException.badRequest("the batch file lists no tasks");
        }
        List<NewBatch.Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : tasks) {
            index++;
            entries.add(entry(node, index, defaultProject));
        }
        return new NewBatch(name, entries);
    }

    private static NewBatch.Entry entry(JsonNode node, int index, String defaultProject) {
        String where = "task " + index;
        if (!node.isObject()) {
            throw ApiException.badRequest(where + " must be a mapping with at least description (and project)");
        }
        if (node.has("name") && node.has("ref")) {
            throw ApiException.badRequest(where + " has both 'name' and 'ref'; they mean the same, keep one");
        }
        String ref = text(node.has("ref") ? node.get("ref") : node.get("name"), where + " name");
        if (ref != null) {
            where += " ('" + ref + "')";
        }
        checkKeys(node, ENTRY_KEYS, where);
        String project = text(node.get("project"), where + " project");
        try {
            return new NewBatch.Entry(
                    ref,
                    text(node.get("description"), where + " description"),
                    project != null ? project : defaultProject,
                    node.hasNonNull("priority") ? Priority.fromWire(text(node.get("priority"), where + " priority")) : null,
                    node.hasNonNull("backend") ? Backend.fromWire(text(node.get("backend"), where + " backend")) : null,
                    timeout(node.get("timeout"), where),
                    strings(node.get("after"), where + " after"),
                    text(node.get("target_spoke"), where + " target_spoke"),
                    node.hasNonNull("target_tags") ? strings(node.get("target_tags"), where + " target_tags") : null,
                    flag(node.get("worktree"), where + " worktree"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + ": " + e.getMessage());
        }
    }

    private static void checkKeys(JsonNode node, Set<String> known, String where) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (!known.contains(key)) {
                throw ApiException.badRequest(where + " has an unknown key '" + key + "' (known keys: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw ApiException.badRequest(field + " must be a single value, not a list or mapping");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(field + " must be a name or a list of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            out.add(text(item, field));
        }
        return out;
    }

    private static Integer timeout(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        String raw = text(node, where + " timeout");
        try {
            long seconds = Durations.parse(raw).toSeconds();
            if (seconds > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("is too long");
            }
            return (int) seconds;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + " timeout must be seconds or a duration like 30m, 2h");
        }
    }

    private static Boolean flag(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
