package dev.dobby.hub.store.postgres;

import dev.dobby.hub.store.sqlite.Dialect;
import org.jdbi.v3.core.Handle;

/** PostgreSQL's way of saying what the store's SQL cannot say portably. */
public final class PostgresDialect implements Dialect {
    /** Advisory-lock keys: any fixed numbers no other program on the database uses for its own locks. */
    private static final long MIGRATION_LOCK = 0x646f6262_79000001L;
    private static final long CLAIM_LOCK = 0x646f6262_79000002L;

    @Override
    public int schemaVersion(Handle handle) {
        handle.execute("CREATE TABLE IF NOT EXISTS dobby_schema (version BIGINT NOT NULL)");
        return handle.createQuery("SELECT coalesce(max(version), 0) FROM dobby_schema").mapTo(Integer.class).one();
    }

    @Override
    public void setSchemaVersion(Handle handle, int version) {
        handle.execute("DELETE FROM dobby_schema");
        handle.createUpdate("INSERT INTO dobby_schema (version) VALUES (:v)").bind("v", version).execute();
    }

    @Override
    public Runnable lockForMigration(Handle handle) {
        handle.createQuery("SELECT pg_advisory_lock(:key)::text").bind("key", MIGRATION_LOCK).mapTo(String.class).one();
        return () -> handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", MIGRATION_LOCK)
                .mapTo(Boolean.class).one();
    }

    @Override
    public String ddl(String statement) {
        return Dialect.DdlRewrite.toPostgres(statement);
    }

    @Override
    public void serializeClaims(Handle handle) {
        // Held to the end of the transaction: the next claim sees this one's running count, so a project's
        // concurrency limit holds whichever connections claim.
        handle.createQuery("SELECT pg_advisory_xact_lock(:key)::text").bind("key", CLAIM_LOCK).mapTo(String.class).one();
    }

    @Override
    public String queueIndexHint() {
        return "";
    }

    @Override
    public String lockChosenRow() {
        return "FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String jsonStrings(String column, String alias) {
        return "json_array_elements_text(" + column + "::json) AS " + alias + "(value)";
    }

    @Override
    public String jsonNumber(String column, String key) {
        return "CAST((" + column + "::json ->> '" + key + "') AS DOUBLE PRECISION)";
    }

    @Override
    public String likeIgnoringCase() {
        return "ILIKE";
    }
}
