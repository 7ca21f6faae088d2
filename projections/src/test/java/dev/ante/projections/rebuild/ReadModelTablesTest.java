package dev.ante.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.projections.ProjectionNames;
import dev.ante.projections.ReadModelDatabase;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a rebuild shadows and swaps is what the migrations create: every read model names its tables, every
 * read-model table belongs to one read model, and the keys named are the tables' primary keys. A table left
 * out would keep its old rows through a rebuild.
 */
class ReadModelTablesTest {

    /** Tables the migrations create that no read model's rebuild owns. */
    private static final Set<String> NOT_READ_MODELS = Set.of("token_entry", "dead_letter_entry", "ts_game_context",
            "flyway_schema_history", "ante_instance");

    @Test
    void givenTheMigratedSchema_whenComparedWithTheRebuildsTables_thenTheyMatchTableForTableAndKeyForKey() {
        try (ReadModelDatabase db = ReadModelDatabase.migrated()) {
            Set<String> created = new TreeSet<>(db.jdbc().queryForList(
                    "SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_SCHEMA) = 'public'",
                    String.class));
            created.removeAll(NOT_READ_MODELS);

            Set<String> owned = new TreeSet<>();
            for (String name : ProjectionNames.ALL) {
                List<ReadModelTables.Table> tables = ReadModelTables.of(name);
                assertThat(tables).as(name).isNotEmpty();
                for (ReadModelTables.Table table : tables) {
                    assertThat(owned.add(table.name())).as(table.name() + " owned twice").isTrue();
                    List<String> key = db.jdbc().queryForList("SELECT LOWER(k.COLUMN_NAME) FROM "
                            + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS c JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k "
                            + "ON k.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND k.TABLE_NAME = c.TABLE_NAME "
                            + "WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND LOWER(c.TABLE_NAME) = ? "
                            + "ORDER BY k.ORDINAL_POSITION", String.class, table.name());
                    assertThat(key).as(table.name()).containsExactlyElementsOf(table.key());
                }
            }
            assertThat(owned).isEqualTo(created);
        }
    }

    @Test
    void givenAProcessorWithoutTables_whenAsked_thenNone() {
        assertThat(ReadModelTables.of("questdb-games")).isEmpty();
    }
}
