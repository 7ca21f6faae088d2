package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.GameId;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopRerolled;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} over a real embedded store, each file read back with DuckDB's Parquet reader and compared with
 * what was appended, counted here from the generated events.
 */
class ExportCommandTest {

    private static final Instant DAY_1 = Instant.parse("2026-11-20T08:00:00.250001Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    @TempDir
    Path out;

    /**
     * Game id to its events, in the order appended; games 0-2 start on day 1, 3-5 on day 2, 6-7 on day 3; games 2
     * and 5 are not completed.
     */
    private final Map<String, List<GameEvent>> games = new LinkedHashMap<>();

    @BeforeEach
    void appendGames() {
        Random random = new Random(2026);
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            for (int g = 0; g < 8; g++) {
                List<GameEvent> events = RandomGames.game(random, 40 + g * 15, g % 3 != 2);
                String id = "exp-" + g;
                games.put(id, events);
                Instant start = g < 3 ? DAY_1 : g < 6 ? DAY_2 : DAY_3;
                EmbeddedStores.append(store, GameId.of(id), 0, events, 7, start);
            }
            EmbeddedStores.appendRaw(store, "strategy-s-1", "StrategyRegistered",
                    "{\"name\": \"greedy\", \"agentId\": \"a\", \"parameters\": {}}");
        }
    }

    @Test
    void givenGames_whenExport_thenEveryFileHoldsExactlyTheirRows() throws Exception {
        Path target = out.resolve("all");

        Cli.Result result = Cli.run("export", "--source", dir.toString(), "--output", target.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("exported 8 of 8 games read from " + dir + " into " + target);
        assertThat(result.out()).contains("  shops.parquet          " + all(ShopEntered.class).size() + " rows");
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("outcomes.parquet",
                    "events.parquet", "hands.parquet", "decisions.parquet", "shops.parquet", "shop_actions.parquet");
        }
        long events = games.values().stream().mapToLong(List::size).sum();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            String f = target + "/";
            assertThat(count(st, "SELECT count(*) FROM '" + f + "events.parquet'")).isEqualTo(events);
            // Revisions dense from 0 in every game, the stored type and data kept.
            assertThat(count(st, "SELECT count(*) FROM (SELECT game_id, max(revision) - count(*) + 1 AS gap, "
                    + "min(revision) AS first FROM '" + f + "events.parquet' GROUP BY game_id) WHERE gap <> 0 "
                    + "OR first <> 0")).isZero();
            List<GameEvent> game0 = games.get("exp-0");
            try (ResultSet rs = st.executeQuery("SELECT type, data, occurred_at FROM '" + f + "events.parquet' "
                    + "WHERE game_id = 'exp-0' AND revision = 5")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(game0.get(5).getClass().getSimpleName());
                assertThat(rs.getString(2)).isEqualTo(EmbeddedStores.dataJson(game0.get(5)));
                assertThat(rs.getObject(3, java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(DAY_1.plus(5, ChronoUnit.MILLIS));
            }

            List<HandPlayed> hands = all(HandPlayed.class);
            assertThat(count(st, "SELECT count(*) FROM '" + f + "hands.parquet'")).isEqualTo(hands.size());
            assertThat(count(st, "SELECT sum(final_score) FROM '" + f + "hands.parquet'"))
                    .isEqualTo(hands.stream().mapToLong(HandPlayed::finalScore).sum());
            assertThat(count(st, "SELECT sum(len(cards)) FROM '" + f + "hands.parquet'"))
                    .isEqualTo(hands.stream().mapToLong(h -> h.cards().size()).sum());
            assertThat(count(st, "SELECT sum(len(joker_effects)) FROM '" + f + "hands.parquet'"))
                    .isEqualTo(hands.stream().mapToLong(h -> h.jokerEffects() == null ? 0 : h.jokerEffects().size())
                            .sum());
            assertThat(count(st, "SELECT count(*) FROM '" + f + "hands.parquet' WHERE money_before IS NULL"))
                    .isEqualTo(hands.stream().filter(h -> h.moneyBefore() == null).count());

            List<DecisionMade> decisions = all(DecisionMade.class);
            assertThat(count(st, "SELECT count(*) FROM '" + f + "decisions.parquet'")).isEqualTo(decisions.size());
            assertThat(count(st, "SELECT count(*) FROM '" + f + "decisions.parquet' WHERE used_llm"))
                    .isEqualTo(decisions.stream().filter(DecisionMade::usedLlm).count());
            assertThat(count(st, "SELECT sum(time_to_decision_ms) FROM '" + f + "decisions.parquet'"))
                    .isEqualTo(decisions.stream().mapToLong(DecisionMade::timeToDecisionMs).sum());

            List<ShopEntered> shops = all(ShopEntered.class);
            assertThat(count(st, "SELECT count(*) FROM '" + f + "shops.parquet'")).isEqualTo(shops.size());
            assertThat(count(st, "SELECT sum(i.cost) FROM (SELECT unnest(items) AS i FROM '" + f + "shops.parquet')"))
                    .isEqualTo(shops.stream().flatMap(s -> s.items().stream()).mapToLong(i -> i.cost()).sum());
            assertThat(count(st, "SELECT count(*) FROM '" + f + "shop_actions.parquet' WHERE action = 'PURCHASE'"))
                    .isEqualTo(all(ItemPurchased.class).size());
            assertThat(count(st, "SELECT sum(amount) FROM '" + f + "shop_actions.parquet' WHERE action = 'SELL'"))
                    .isEqualTo(all(JokerSold.class).stream().mapToLong(JokerSold::sellValue).sum());
            assertThat(count(st, "SELECT count(*) FROM '" + f + "shop_actions.parquet' WHERE action = 'REROLL'"))
                    .isEqualTo(all(ShopRerolled.class).size());

            // One row per game: its agent, strategy, outcome (ACTIVE without GameCompleted) and event count.
            Map<String, String> expected = new TreeMap<>();
            games.forEach((id, list) -> {
                GameStarted started = (GameStarted) list.get(0);
                GameEvent last = list.get(list.size() - 1);
                String outcome = last instanceof GameCompleted c ? c.outcome().name() : "ACTIVE";
                expected.put(id, started.agentId() + "|" + started.strategyId() + "|" + outcome + "|" + list.size());
            });
            Map<String, String> actual = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT game_id, agent_id, strategy_id, outcome, events FROM '" + f
                    + "outcomes.parquet'")) {
                while (rs.next()) {
                    actual.put(rs.getString(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                            + rs.getLong(5));
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void givenFilters_whenExport_thenOnlyTheGamesThatPassAllOfThem() throws Exception {
        GameStarted first = (GameStarted) games.get("exp-4").get(0);
        String agent = first.agentId();
        Path target = out.resolve("filtered");

        Cli.Result result = Cli.run("export", "--source", dir.toString(), "--output", target.toString(),
                "--since", "2026-11-21", "--until", DAY_3.toString(), "--agent", agent,
                "--outcome", "WIN", "--outcome", "loss", "--outcome", "ABANDONED");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        TreeSet<String> exported = new TreeSet<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT game_id FROM '" + target + "/events.parquet'")) {
            while (rs.next()) {
                exported.add(rs.getString(1));
            }
        }
        // exp-5 is not completed (every third game is left open), so only 3 and 4 can pass.
        TreeSet<String> wanted = new TreeSet<>();
        for (int g = 3; g < 5; g++) {
            List<GameEvent> list = games.get("exp-" + g);
            if (((GameStarted) list.get(0)).agentId().equals(agent)
                    && list.get(list.size() - 1) instanceof GameCompleted) {
                wanted.add("exp-" + g);
            }
        }
        assertThat(wanted).contains("exp-4");
        assertThat(exported).isEqualTo(wanted);
        assertThat(result.out()).startsWith("exported " + wanted.size() + " of 8 games read from");
    }

    @Test
    void givenActiveOutcome_whenExport_thenOnlyGamesWithoutGameCompleted() throws Exception {
        Path target = out.resolve("active");

        Cli.Result result = Cli.run("export", "--source", dir.toString(), "--output", target.toString(),
                "--outcome", "ACTIVE");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("  outcomes.parquet       2 rows");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM '" + target + "/outcomes.parquet' WHERE outcome = 'ACTIVE'"))
                    .isEqualTo(2);
            assertThat(count(st, "SELECT count(*) FROM '" + target + "/outcomes.parquet'")).isEqualTo(2);
        }
    }

    @Test
    void givenNonEmptyOutput_whenExport_thenExit1AndNothingWritten() throws Exception {
        Files.writeString(out.resolve("keep.txt"), "mine");

        Cli.Result result = Cli.run("export", "--source", dir.toString(), "--output", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the output directory " + out + " is not empty");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
        }
    }

    @Test
    void givenBadArguments_whenExport_thenUsageErrorsNamingThem() {
        Cli.Result outcome = Cli.run("export", "--source", dir.toString(), "--output", out.resolve("x").toString(),
                "--outcome", "DRAW");
        Cli.Result order = Cli.run("export", "--source", dir.toString(), "--output", out.resolve("y").toString(),
                "--since", "2026-11-22", "--until", "2026-11-21");
        Cli.Result time = Cli.run("export", "--source", dir.toString(), "--output", out.resolve("z").toString(),
                "--since", "yesterday");
        Cli.Result missing = Cli.run("export", "--source", dir.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--outcome DRAW is not one of WIN, LOSS, ABANDONED, ACTIVE.");
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("--since (2026-11-22T00:00:00Z) must be before --until (2026-11-21T00:00:00Z)");
        assertThat(time.exitCode()).isEqualTo(2);
        assertThat(time.err()).contains("'yesterday' is neither an ISO-8601 instant");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--output=<dir>'");
        assertThat(out.resolve("x")).doesNotExist();
        assertThat(out.resolve("y")).doesNotExist();
    }

    private <T> List<T> all(Class<T> type) {
        List<T> found = new ArrayList<>();
        games.values().forEach(list -> list.stream().filter(type::isInstance).map(type::cast).forEach(found::add));
        return found;
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
