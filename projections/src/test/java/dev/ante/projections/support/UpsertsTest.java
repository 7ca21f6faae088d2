package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.projections.ReadModelDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored rows are updated, the others inserted, whatever order they were added in. */
class UpsertsTest {

    @Test
    void givenStoredAndNewRows_whenWritten_thenStoredOnesAreUpdatedAndNewOnesInserted() {
        try (ReadModelDatabase db = ReadModelDatabase.migrated()) {
            db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (1, 5, 2)");
            Upserts rows = new Upserts("INSERT INTO ante_outcome (completed, lost, final_ante) VALUES (?, ?, ?)",
                    "UPDATE ante_outcome SET completed = completed + ?, lost = lost + ? WHERE final_ante = ?");

            rows.row(false, 3, 1, 2);
            rows.row(true, 1, 1, 1);
            rows.insert(7, 0, 3);
            rows.writeTo(db.jdbc());

            List<Map<String, Object>> stored = db.jdbc().queryForList(
                    "SELECT final_ante, completed, lost FROM ante_outcome ORDER BY final_ante");
            assertThat(stored).extracting(row -> List.of(row.get("final_ante"), row.get("completed"), row.get("lost")))
                    .containsExactly(List.of(1, 6L, 3L), List.of(2, 3L, 1L), List.of(3, 7L, 0L));
        }
    }

    @Test
    void givenNoRows_whenWritten_thenNothingIsSentAndNothingFails() {
        try (ReadModelDatabase db = ReadModelDatabase.migrated()) {
            new Upserts("INSERT INTO nowhere VALUES (?)", "UPDATE nowhere SET x = ?").writeTo(db.jdbc());

            assertThat(db.count("ante_outcome")).isZero();
        }
    }
}
