package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.GameId;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final GameStarted STARTED = new GameStarted("agent-1", null, null, "SEED", "Red Deck",
            "White Stake", 4);

    @TempDir
    Path dir;

    @Test
    void givenSoundGamesAndOtherStreams_whenVerify_thenExit0AndCountsOnlyTheGames() {
        Random random = new Random(11);
        int total = 0;
        try (SqliteStreamStore store = store()) {
            for (int g = 0; g < 5; g++) {
                List<GameEvent> events = RandomGames.game(random, 30 + g * 20, g % 2 == 0);
                EmbeddedStores.append(store, GameId.of("ok-" + g), events, 16);
                total += events.size();
            }
            EmbeddedStores.appendRaw(store, "strategy-s-1", "StrategyRegistered",
                    "{\"name\": \"greedy\", \"agentId\": \"a\", \"parameters\": {}}");
            EmbeddedStores.appendRaw(store, "learning-r-1", "Bogus", "{}");
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(String.format(Locale.ROOT, "verified 5 games, %,d events from %s: no invariant "
                + "violations%n", total, dir));
    }

    @Test
    void givenEmptyStore_whenVerify_thenExit0WithNoGames() {
        store().close();

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("verified 0 games, 0 events");
    }

    @Test
    void givenGameNotStartingWithGameStarted_whenVerify_thenExit1NamingTheFirstEvent() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("headless"), List.of(hand(1, 100)), 1);
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("game-headless  revision 0  the first event is HandPlayed, not GameStarted",
                "1 violation in 1 game");
    }

    @Test
    void givenGameStartedTwice_whenVerify_thenExit1NamingBothRevisions() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("twice"), List.of(STARTED, hand(1, 10), STARTED), 3);
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("game-twice  revision 2  a second GameStarted (the first is at revision 0)");
    }

    @Test
    void givenEventAfterGameCompleted_whenVerify_thenExit1() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("late"), List.of(STARTED,
                    new GameCompleted(Outcome.LOSS, 1, 0, 0, List.of()), hand(1, 10)), 3);
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("game-late  revision 2  HandPlayed after GameCompleted at revision 1");
    }

    @Test
    void givenAnteThatDecreases_whenVerify_thenExit1() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("down"), List.of(STARTED,
                    new BlindSelected(3, BlindType.SMALL, "Small Blind", 900), hand(2, 10)), 3);
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("game-down  revision 2  the ante decreases from 3 to 2 (HandPlayed)");
    }

    @Test
    void givenStoredTypesThatDoNotDecode_whenVerify_thenExit1ForEach() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("odd"), List.of(STARTED), 1);
            EmbeddedStores.appendRaw(store, "game-odd", "Bogus", "{}");
            EmbeddedStores.appendRaw(store, "game-odd", "StrategyRetired", "{}");
            EmbeddedStores.appendRaw(store, "game-odd", "HandPlayed", "{\"ante\": \"two\"}");
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(
                "game-odd  revision 1  type 'Bogus' is not in the event catalog",
                "game-odd  revision 2  type 'StrategyRetired' is not a game event",
                "game-odd  revision 3  its data does not decode as HandPlayed",
                "3 violations in 1 game");
    }

    @Test
    void givenRevisionsWithAGapOrNotFromZero_whenVerify_thenExit1() throws Exception {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("gap"), List.of(STARTED, hand(1, 1), hand(1, 2)), 3);
            EmbeddedStores.append(store, GameId.of("shifted"), List.of(STARTED, hand(1, 1)), 2);
        }
        // Only a damaged file can hold such streams: the store itself keeps revisions dense.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStreamStore.FILE_NAME))) {
            update(c, "UPDATE events SET revision = 7 WHERE revision = 2"
                    + " AND stream_id = (SELECT id FROM streams WHERE name = ?)", "game-gap");
            update(c, "UPDATE events SET revision = revision + 10"
                    + " WHERE stream_id = (SELECT id FROM streams WHERE name = ?)", "game-shifted");
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains(
                "game-gap  revision 7  revision 7 follows revision 1: revisions must be dense and in order",
                "game-shifted  revision 10  the stream starts at revision 10, not 0",
                "2 violations in 2 games");
    }

    @Test
    void givenViolationsInSeveralGames_whenVerify_thenListsThemByStreamAndRevision() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("b"), List.of(STARTED, STARTED), 2);
            EmbeddedStores.append(store, GameId.of("a"), List.of(hand(1, 1), STARTED, STARTED), 3);
            EmbeddedStores.append(store, GameId.of("fine"), RandomGames.game(new Random(1), 10, true), 5);
        }

        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines().toList()).containsExactly(
                "game-a  revision 0  the first event is HandPlayed, not GameStarted",
                "game-a  revision 2  a second GameStarted (the first is at revision 1)",
                "game-b  revision 1  a second GameStarted (the first is at revision 0)",
                result.out().lines().toList().get(3));
        assertThat(result.out()).contains("verified 3 games", "3 violations in 2 games");
    }

    @Test
    void givenStderrIsATerminal_whenVerify_thenDrawsAProgressBarOnStderrAndClearsIt() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("p"), RandomGames.game(new Random(2), 50, true), 10);
        }

        Cli.Result result = Cli.run(new Environment(Map.of(), true), "verify", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).startsWith("\rverify [").contains("100%", "1 game").endsWith("\r");
        assertThat(result.out()).doesNotContain("\r");
    }

    @Test
    void givenStderrIsNotATerminal_whenVerify_thenDrawsNoProgressBar() {
        try (SqliteStreamStore store = store()) {
            EmbeddedStores.append(store, GameId.of("p"), RandomGames.game(new Random(2), 50, true), 10);
        }

        Cli.Result quiet = Cli.run(Environment.of(Map.of()), "verify", "--source", dir.toString());
        Cli.Result disabled = Cli.run(new Environment(Map.of(), true), "verify", "--no-progress",
                "--source", dir.toString());

        assertThat(quiet.err()).isEmpty();
        assertThat(disabled.err()).isEmpty();
    }

    private SqliteStreamStore store() {
        return SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
    }

    private static void update(Connection c, String sql, String stream) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stream);
            assertThat(ps.executeUpdate()).isPositive();
        }
    }

    private static HandPlayed hand(int ante, long score) {
        return new HandPlayed(ante, BlindType.SMALL, 1, List.of("AH"), "High Card", List.of(), 5, 1.0, null, 5, 1.0,
                score, null, null, null);
    }
}
