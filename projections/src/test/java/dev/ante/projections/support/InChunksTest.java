package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.projections.ReadModelDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InChunksTest {

    private static final int STORED = 130;

    private ReadModelDatabase db;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < STORED; i++) {
            rows.add(new Object[] {id(i), i % 2 == 0 ? "SINGLE" : "PAIR", "h" + i});
        }
        db.jdbc().batchUpdate("INSERT INTO synergy_game_key (game_id, size, key_hash) VALUES (?, ?, ?)", rows);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0} keys")
    @ValueSource(ints = {0, 1, 3, 4, 5, 16, 17, 49, 50, 51, 100, 101, 130})
    void givenAnyNumberOfKeys_whenQueried_thenEveryStoredRowIsReturnedOnce(int n) {
        List<String> keys = IntStream.range(0, n).mapToObj(InChunksTest::id).toList();

        List<String> found = InChunks.query(db.jdbc(), "SELECT game_id FROM synergy_game_key WHERE game_id", keys,
                (rs, i) -> rs.getString(1));

        assertThat(found).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void givenKeysThatAreNotStored_whenQueried_thenOnlyStoredRowsAreReturned() {
        List<String> found = InChunks.query(db.jdbc(), "SELECT game_id FROM synergy_game_key WHERE game_id",
                List.of(id(7), "missing", id(8)), (rs, i) -> rs.getString(1));

        assertThat(found).containsExactlyInAnyOrder(id(7), id(8));
    }

    @Test
    void givenCompositeKeys_whenQueried_thenOnlyRowsMatchingEveryColumnAreReturned() {
        List<List<?>> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Odd rows are stored as PAIR, so asking for them as SINGLE must not find them.
            keys.add(List.of(id(i), "SINGLE"));
        }

        List<String> found = InChunks.queryComposite(db.jdbc(),
                "SELECT game_id FROM synergy_game_key WHERE (game_id, size)", keys, 2, (rs, i) -> rs.getString(1));

        assertThat(found).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 60).filter(i -> i % 2 == 0).mapToObj(InChunksTest::id).toList());
    }

    @Test
    void givenACompositeKeyOfTheWrongWidth_whenQueried_thenItIsRefused() {
        assertThatThrownBy(() -> InChunks.queryComposite(db.jdbc(),
                "SELECT game_id FROM synergy_game_key WHERE (game_id, size)", List.of(List.of(id(1))), 2,
                (rs, i) -> rs.getString(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not have 2 values");
    }

    private static String id(int i) {
        return String.format("game-%04d", i);
    }
}
