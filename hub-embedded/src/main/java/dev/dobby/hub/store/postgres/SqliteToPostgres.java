package dev.dobby.hub.store.postgres;

import dev.dobby.hub.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dobby migrate}: a hub's whole history from its SQLite file into an empty PostgreSQL database. Both are
 * brought to this build's schema first; then every table the SQLite file has is copied row by row (parents before
 * the tables that refer to them, in one transaction), the identity counters are moved past the copied ids, and the
 * row counts of both sides are compared. A database that already holds a hub's data is refused.
 */
public final class SqliteToPostgres {
    private static final int BATCH = 1_000;

    private SqliteToPostgres() {
    }

    /** Rows copied, per table, in the order copied. */
    public static Map<String, Long> copy(Path sqlite, PostgresUrl target) {
        if (!Files.isRegularFile(sqlite)) {
            throw new IllegalArgumentException("no SQLite database at " + sqlite);
        }
        SqliteStore.open(sqlite, events -> { }).close();
        PostgresStore.open(target, dev.dobby.hub.store.sqlite.JdbiStore.Fence.NONE, events -> { }).close();
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + sqlite.toAbsolutePath());
             Connection to = DriverManager.getConnection(target.jdbcUrl(), target.properties())) {
            List<String> tables = tablesParentsFirst(from);
            for (String table : tables) {
                if (count(to, table) > 0) {
                    throw new IllegalStateException("the target database is not empty (table " + table
                            + " has rows): migrate copies into an empty database only");
                }
            }
            to.setAutoCommit(false);
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : tables) {
                copied.put(table, copyTable(from, to, table));
                moveIdentityPastCopiedIds(to, table);
            }
            for (String table : tables) {
                long there = count(to, table);
                if (there != copied.get(table) || there != count(from, table)) {
                    to.rollback();
                    throw new IllegalStateException("table " + table + ": " + count(from, table) + " rows in SQLite, "
                            + there + " in PostgreSQL; nothing was written");
                }
            }
            to.commit();
            return copied;
        } catch (SQLException e) {
            throw new IllegalStateException("the copy failed, nothing was written: " + e.getMessage(), e);
        }
    }

    /** The SQLite file's tables, each after the tables its foreign keys point at. */
    private static List<String> tablesParentsFirst(Connection sqlite) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        try (Statement s = sqlite.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                parents.put(rs.getString(1), new LinkedHashSet<>());
            }
        }
        for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
            try (Statement s = sqlite.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(\"" + table.getKey() + "\")")) {
                while (rs.next()) {
                    String parent = rs.getString("table");
                    if (!parent.equals(table.getKey())) {
                        table.getValue().add(parent);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            int before = ordered.size();
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                if (!ordered.contains(table.getKey()) && ordered.containsAll(table.getValue())) {
                    ordered.add(table.getKey());
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("the tables' foreign keys form a cycle");
            }
        }
        return ordered;
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        // In rowid order, so a task that refers to an earlier one (plan_for) comes after it; WITHOUT ROWID
        // tables have no rowid and come in key order.
        String order = withoutRowid(from, table) ? "" : " ORDER BY rowid";
        long rows = 0;
        try (Statement s = from.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"" + order)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add("\"" + meta.getColumnName(i) + "\"");
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
            try (PreparedStatement out = to.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        out.setObject(i, rs.getObject(i));
                    }
                    out.addBatch();
                    if (++rows % BATCH == 0) {
                        out.executeBatch();
                    }
                }
                out.executeBatch();
            }
        }
        return rows;
    }

    private static boolean withoutRowid(Connection sqlite, String table) throws SQLException {
        try (PreparedStatement s = sqlite.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1).toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID");
            }
        }
    }

    private static void moveIdentityPastCopiedIds(Connection to, String table) throws SQLException {
        try (PreparedStatement s = to.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_name = ? AND is_identity = 'YES'")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    try (Statement set = to.createStatement()) {
                        set.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column + "'), "
                                + "coalesce((SELECT max(\"" + column + "\") FROM " + table + "), 0) + 1, false)");
                    }
                }
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
