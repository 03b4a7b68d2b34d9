package dev.dobby.hub.store.sqlite;

import dev.dobby.hub.store.Store;
import dev.dobby.hub.store.StoreContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dobby.protocol.event.HubEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {
    @Override
    protected Store open(Path dir, Consumer<List<HubEvent>> publisher) {
        return SqliteStore.open(dir.resolve("dobby.db"), publisher);
    }

    private List<String> sql(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dobby.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(rs.getMetaData().getColumnCount()));
            }
            return rows;
        }
    }

    @Test
    void theFileIsInWalModeAtTheLatestSchema() throws Exception {
        assertThat(sql("PRAGMA journal_mode")).containsExactly("wal");
        assertThat(sql("PRAGMA user_version")).containsExactly("4");
    }

    @Test
    void theClaimWalksThePendingIndexInQueueOrder() throws Exception {
        List<String> plan = sql("EXPLAIN QUERY PLAN SELECT t.id FROM tasks t INDEXED BY tasks_queue "
                + "WHERE t.status = 'pending' AND t.backend IN ('shell') ORDER BY t.priority, t.id LIMIT 1");
        assertThat(String.join("\n", plan)).contains("USING INDEX tasks_queue").doesNotContain("TEMP B-TREE");
    }

    @Test
    void aDatabaseFromANewerDobbyIsRefused() throws Exception {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dobby.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> open(dir, events -> { }))
                .hasMessageContaining("newer than this Dobby understands");
        store = open(dir.resolve("other"), events -> { });
    }
}
