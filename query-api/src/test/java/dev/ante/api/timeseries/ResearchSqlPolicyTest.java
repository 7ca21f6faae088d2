package dev.ante.api.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.api.ingest.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The research SQL checker on its own: what passes, what is refused and with which message. */
class ResearchSqlPolicyTest {

    private final ResearchSqlPolicy policy = ResearchSqlPolicy.reviewed();

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT hand_type, count() n, sum(final_score) total FROM game_metrics GROUP BY hand_type",
            "select ts, game_id, seq from game_metrics limit 3",
            "SELECT * FROM 'game_metrics' WHERE ts IN '2026-11'",
            "SELECT * FROM \"decision_points\" d",
            "SELECT g.agent_id, o.outcome FROM game_metrics g JOIN game_outcomes o ON g.game_id = o.game_id",
            "SELECT * FROM game_metrics g ASOF JOIN economic_flow e ON (agent_id)",
            "SELECT * FROM game_metrics a, joker_synergies b WHERE a.game_id = b.game_id",
            "SELECT * FROM (SELECT game_id, final_score FROM game_metrics) x, learning_metrics y",
            "SELECT * FROM (game_metrics)",
            "WITH best AS (SELECT agent_id, max(final_score) m FROM game_metrics GROUP BY agent_id) "
                    + "SELECT * FROM best ORDER BY m DESC",
            "SELECT ts, avg(final_score) FROM game_metrics SAMPLE BY 1h FILL(PREV) ALIGN TO CALENDAR",
            "SELECT * FROM game_outcomes LATEST ON ts PARTITION BY agent_id",
            "SELECT extract(year FROM ts), substring(game_id FROM 2), position('a' IN game_id) FROM game_metrics",
            "SELECT ts, row_number() OVER (PARTITION BY agent_id ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
                    + " FROM game_metrics",
            "SELECT x, x * 2.5e-3, cast(x AS double), x::string FROM long_sequence(10)",
            "SELECT * FROM long_sequence(5) UNION ALL SELECT * FROM long_sequence(3)",
            "SELECT * FROM game_metrics WHERE game_id IN ('a', 'b') AND final_score BETWEEN 1 AND 10",
            "SELECT CASE WHEN x > 1 THEN 'big' ELSE 'small' END FROM long_sequence(3)",
            "SELECT * FROM tables()",
            "SELECT * FROM table_columns('game_metrics')",
            "SELECT 'FROM sys.telemetry; DROP TABLE x' s FROM long_sequence(1)",
            "SELECT 1 -- FROM sys.telemetry\n",
            "SELECT 1 /* dump_thread_stacks() */",
            "SELECT 1;",
            "(SELECT 1)",
            "EXPLAIN SELECT * FROM game_metrics",
            "DECLARE @n := 5 SELECT * FROM long_sequence(@n)",
            "SHOW TABLES",
            "SHOW COLUMNS FROM game_metrics",
            "SHOW CREATE TABLE 'learning_metrics'",
            "SELECT left(game_id, 3), right(game_id, 2) FROM game_metrics LEFT JOIN game_outcomes ON (game_id)",
            "SELECT ts FROM game_metrics WHERE EXISTS (SELECT 1 FROM game_outcomes)",
            "SELECT * FROM game_metrics TIMESTAMP(ts) ORDER BY ts, seq LIMIT 1, 5",
    })
    void givenAReadOverAllowedFunctionsAndTables_whenChecked_thenPasses(String query) {
        assertThatCode(() -> policy.check(query)).as(query).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump_thread_stacks", "dump_memory_usage", "flush_query_cache", "query_activity",
            "reader_pool", "writer_pool", "memory_metrics", "table_storage", "wal_tables", "simulate_crash",
            "cancel_query", "reload_config", "current_setting", "read_parquet", "touch"})
    void givenARefusedFunction_whenCalled_thenForbiddenNamingIt(String function) {
        assertForbidden("SELECT " + function + "()", "function " + function + "()");
        assertForbidden("SELECT * FROM " + function + "()", "function " + function + "()");
        assertForbidden("SELECT * FROM " + function, "function " + function + "()");
        assertForbidden("SELECT " + function.toUpperCase(Locale.ROOT) + " ()", "function " + function + "()");
    }

    @Test
    void givenIntrospectionWithArguments_whenCalled_thenForbidden() {
        assertForbidden("SELECT hydrate_table_metadata('*')", "function hydrate_table_metadata()");
        assertForbidden("SELECT * FROM pg_catalog.pg_class()", "function pg_catalog.pg_class()");
        assertForbidden("SELECT * FROM information_schema.columns()", "function information_schema.columns()");
        assertForbidden("SELECT current_user", "function current_user()");
        assertForbidden("SELECT x FROM long_sequence(1) WHERE x IN (SELECT count() FROM wal_tables())",
                "function wal_tables()");
        assertForbidden("SELECT no_such_function(1)", "function no_such_function() is not on the research allow-list");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM 'sys.telemetry'",
            "SELECT * FROM sys.telemetry",
            "SELECT * FROM \"sys.telemetry_wal\"",
            "SELECT * FROM `sys.telemetry_config`",
            "SELECT * FROM ante_schema_version",
            "SELECT * FROM game_metrics, ante_schema_version",
            "SELECT * FROM game_metrics g JOIN ante_schema_version v ON (ts)",
            "SELECT * FROM (SELECT * FROM ante_schema_version)",
            "SELECT * FROM ((ante_schema_version))",
            "SELECT 1 x FROM long_sequence(1) UNION ante_schema_version",
            "SELECT 1 x FROM long_sequence(1) UNION ALL (ante_schema_version)",
            "WITH a AS (ante_schema_version) SELECT * FROM a",
            "SELECT * FROM table_columns('ante_schema_version')",
            "SHOW COLUMNS FROM ante_schema_version",
            "SHOW CREATE TABLE 'sys.telemetry'",
            "EXPLAIN SELECT * FROM ante_schema_version",
    })
    void givenATableOffTheList_whenRead_thenForbiddenNamingIt(String query) {
        assertThatThrownBy(() -> policy.check(query)).as(query)
                .isInstanceOf(ForbiddenQueryException.class)
                .hasMessageContaining("is not available to research queries");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHOW PARAMETERS", "SHOW server_version", "SHOW PARTITIONS FROM game_metrics",
            "show user", "SHOW SERVER_CONF"})
    void givenAnotherShow_whenChecked_thenForbiddenNamingIt(String query) {
        assertForbidden(query, query.toUpperCase(Locale.ROOT).split(" ")[0] + " "
                + query.toUpperCase(Locale.ROOT).split(" ")[1]);
        assertForbidden(query, "SHOW TABLES, SHOW COLUMNS FROM <table> and SHOW CREATE TABLE <table>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE game_metrics", "  insert into game_metrics values (1)",
            "/* hidden */ DELETE FROM game_metrics", "VACUUM TABLE game_metrics", "COPY game_metrics TO 'x'",
            "SET x = 1", "CANCEL QUERY 1", "WITH a AS (SELECT 1) INSERT INTO game_metrics SELECT * FROM a",
            "EXPLAIN UPDATE game_metrics SET seq = 1"})
    void givenAWrite_whenChecked_thenForbidden(String query) {
        assertThatThrownBy(() -> policy.check(query)).as(query)
                .isInstanceOf(ForbiddenQueryException.class)
                .hasMessageContaining("statements are not allowed: queries are read-only");
    }

    @Test
    void givenNotOneReadStatement_whenChecked_thenInvalid() {
        assertInvalid("SELECT 1; DROP TABLE game_metrics", "single statement");
        assertInvalid("select 1; select 2;", "single statement");
        assertInvalid("game_metrics", "must start with SELECT");
        assertInvalid("-- only a comment", "must start with SELECT");
        assertInvalid("SELECT 'unterminated", "unterminated string starting at character 8");
        assertInvalid("SELECT \"unterminated", "unterminated quoted identifier");
        assertInvalid("SELECT 1 /* open", "unterminated /* comment");
    }

    @Test
    void givenAVeryLongLiteral_whenChecked_thenPassesWithoutRecursion() {
        String literal = "x".repeat(1_000_000);
        assertThatCode(() -> policy.check("SELECT '" + literal + "' s FROM long_sequence(1)"))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check("SELECT '" + "''".repeat(500_000) + "' s")).doesNotThrowAnyException();
        assertInvalid("SELECT '" + literal, "unterminated string");
    }

    @Test
    void givenQuestDbsFunctionList_whenReviewed_thenEveryNameIsAllowedOrRefused() throws IOException {
        Set<String> unreviewed = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/questdb-9.1.0-functions.txt")) {
            for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                boolean word = name.matches("[a-z_][a-z0-9_]*");
                if (word && !policy.functions().contains(name) && !policy.refused().contains(name)) {
                    unreviewed.add(name);
                }
            }
        }
        assertThat(unreviewed).as("QuestDB functions neither allowed nor refused").isEmpty();
        assertThat(policy.functions()).doesNotContainAnyElementsOf(policy.refused());
        Set<String> keywords = new HashSet<>();
        ResearchSqlPolicy.KEYWORDS.forEach(k -> keywords.add(k.toLowerCase(Locale.ROOT)));
        assertThat(keywords).as("a keyword would let a refused function through").doesNotContainAnyElementsOf(
                policy.refused());
        assertThat(policy.tables()).containsExactlyInAnyOrderElementsOf(List.of("game_metrics", "decision_points",
                "joker_synergies", "economic_flow", "game_outcomes", "learning_metrics"));
    }

    private void assertForbidden(String query, String message) {
        assertThatThrownBy(() -> policy.check(query)).as(query)
                .isInstanceOf(ForbiddenQueryException.class)
                .hasMessageContaining(message);
    }

    private void assertInvalid(String query, String message) {
        assertThatThrownBy(() -> policy.check(query)).as(query.length() > 80 ? query.substring(0, 80) : query)
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations().get(0).message())
                        .contains(message));
    }
}
