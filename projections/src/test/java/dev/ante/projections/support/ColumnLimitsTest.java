package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.projections.ReadModelDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColumnLimitsTest {

    private ReadModelDatabase db;
    private ColumnLimits limits;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        db.jdbc().execute("CREATE TABLE limited (id INTEGER PRIMARY KEY, short_name VARCHAR(5), code CHAR(3), "
                + "notes TEXT, n BIGINT)");
        limits = ColumnLimits.of(db.jdbc(), "limited");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void givenValueLongerThanItsColumn_whenChecked_thenItIsRefusedNamingTheColumnAndTheLengths() {
        assertThatThrownBy(() -> limits.check("short_name", "abcdef"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Value too long for column limited.short_name (6 characters, at most 5)");
        assertThatThrownBy(() -> limits.check("CODE", "abcd")).hasMessageContaining("at most 3");
    }

    @Test
    void givenValuesWithinTheirColumnsOrUnboundedOrNull_whenChecked_thenTheyPass() {
        assertThatCode(() -> {
            limits.check("short_name", "abcde");
            limits.check("short_name", null);
            limits.check("notes", "x".repeat(100_000));
            limits.check("n", "not a text column");
            limits.check("no_such_column", "anything");
        }).doesNotThrowAnyException();
    }

    @Test
    void givenCharactersOutsideTheBasicPlane_whenChecked_thenTheyCountAsH2CountsThem() {
        // H2 counts UTF-16 units: two per character outside the basic plane.
        String twoCards = "\uD83C\uDCCF".repeat(2);
        String threeCards = twoCards + "\uD83C\uDCCF";
        assertThatCode(() -> limits.check("short_name", twoCards + "x")).doesNotThrowAnyException();
        db.jdbc().update("INSERT INTO limited (id, short_name) VALUES (1, ?)", twoCards + "x");
        assertThatThrownBy(() -> limits.check("short_name", threeCards)).hasMessageContaining("6 characters");
        assertThatThrownBy(() -> db.jdbc().update("INSERT INTO limited (id, short_name) VALUES (2, ?)", threeCards))
                .hasMessageContaining("Value too long");
    }
}
