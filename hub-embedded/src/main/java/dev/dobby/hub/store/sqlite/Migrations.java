package dev.dobby.hub.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Numbered schema migrations, one set for every store: written for SQLite, translated by the {@link Dialect} for
 * others. Each file {@code db/migration/V###__*.sql} runs once, in its own transaction, in order; the version is
 * kept where the dialect keeps it. A database newer than this build is refused rather than guessed at.
 */
public final class Migrations {
    static final List<String> FILES = List.of("V001__init.sql", "V002__spokes.sql", "V003__scheduling.sql",
            "V004__stored_log_lines.sql", "V005__resume.sql", "V006__gpus.sql", "V007__attempt_placement.sql",
            "V008__slack_and_assistant.sql", "V009__enrolment_tokens.sql");

    private Migrations() {
    }

    public static void apply(Handle handle, Dialect dialect) {
        Runnable unlock = dialect.lockForMigration(handle);
        try {
            migrate(handle, dialect);
        } finally {
            unlock.run();
        }
    }

    private static void migrate(Handle handle, Dialect dialect) {
        int current = dialect.schemaVersion(handle);
        if (current > FILES.size()) {
            throw new IllegalStateException("the database is at schema version " + current
                    + ", newer than this Dobby understands (" + FILES.size() + "); use a newer Dobby");
        }
        for (int version = current + 1; version <= FILES.size(); version++) {
            String file = FILES.get(version - 1);
            int target = version;
            handle.useTransaction(tx -> {
                for (String statement : statements(read(file))) {
                    tx.execute(dialect.ddl(statement));
                }
                dialect.setSchemaVersion(tx, target);
            });
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Split a migration on semicolons at line ends, dropping comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
