package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GameCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261123L;
    private static final GameId GAME = GameId.of("g-1");

    @TempDir
    Path dir;

    private List<GameEvent> events;

    @BeforeEach
    void writeGame() {
        events = RandomGames.game(new Random(SEED), 200, true);
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GAME, events, 64);
        }
    }

    @Test
    void givenGameInDataDir_whenGameAsJson_thenPrintsTheApiStateOfTheWholeFold() throws Exception {
        Cli.Result result = Cli.run("game", "g-1", "--format", "json", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out())).isEqualTo(Folds.stateJson(GAME, events, events.size() - 1));
        assertThat(result.out()).as("one line of JSON").endsWith("}\n").hasLineCount(1);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void givenGameInDataDir_whenGameAtRandomRevisionsAsJson_thenEachIsTheFoldUpToThatRevision() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 12; i++) {
            int revision = i == 0 ? 0 : random.nextInt(events.size());
            Cli.Result result = Cli.run("game", "g-1", "--at-revision", Integer.toString(revision), "--format", "JSON",
                    "--source", dir.toString());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            JsonNode state = JSON.readTree(result.out());
            assertThat(state).as("revision %d (seed %d)", revision, SEED).isEqualTo(Folds.stateJson(GAME, events, revision));
            assertThat(state.get("revision").asLong()).isEqualTo(revision);
        }
    }

    @Test
    void givenGameMovedToTheArchive_whenGame_thenItIsReconstructedAsBefore() throws Exception {
        Path archived = dir.resolve("archived");
        try (ArchivingStreamStore store = ArchivingStreamStore.open(
                SqliteStreamStore.open(archived, Durability.PROCESS_CRASH), archived.resolve(ParquetArchive.DIRECTORY))) {
            EmbeddedStores.append(store, GAME, events, 64);
            // Another game after it, so that g-1 does not hold the head position and may move.
            EmbeddedStores.append(store, GameId.of("g-2"), events.subList(0, 3), 64);
            assertThat(store.archive(Map.of(GAME.streamName(), events.size() - 1L)).streams()).isEqualTo(1);
            assertThat(store.live().lastRevision(GAME.streamName())).isEmpty();
        }

        for (int revision : new int[] {0, events.size() / 2, events.size() - 1}) {
            Cli.Result result = Cli.run("game", "g-1", "--at-revision", Integer.toString(revision), "--format", "json",
                    "--source", archived.toString());

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(JSON.readTree(result.out())).isEqualTo(Folds.stateJson(GAME, events, revision));
        }
    }

    @Test
    void givenGameInDataDir_whenGameAsText_thenSummarisesAnteBlindMoneyJokersHandsBestHandAndStatus() {
        Path small = dir.resolve("small");
        try (SqliteStreamStore store = SqliteStreamStore.open(small, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GameId.of("text"), List.of(
                    new GameStarted("agent-7", "greedy-v2", null, "SEED-42", "Red Deck", "White Stake", 4),
                    hand(1, "Pair", 1_200, List.of("Joker", "Baron")),
                    hand(2, "Flush", 14_350, List.of("Joker", "Baron")),
                    hand(2, "Pair", 800, List.of("Joker", "Baron")),
                    new GameCompleted(Outcome.WIN, 2, 17, 14_350, List.of("Joker", "Baron"))), 10);
        }

        Cli.Result result = Cli.run("game", "text", "--source", small.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(
                "game       text (stream game-text), revision 4 of 4",
                "status     WON",
                "agent      agent-7, strategy greedy-v2",
                "deck       Red Deck, stake White Stake, seed SEED-42",
                "ante       2, blind BIG, phase PLAYING",
                "money      $17",
                "jokers     2: Joker, Baron",
                "hands      3 played: Pair 2, Flush 1",
                "best hand  14,350",
                "last shop  -");
    }

    @Test
    void givenGameInDataDir_whenGameAtRevisionAsText_thenSaysWhichRevisionOfHowMany() {
        Cli.Result result = Cli.run("game", "g-1", "--at-revision", "0", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("revision 0 of " + (events.size() - 1), "status     ACTIVE",
                "hands      0 played", "jokers     none");
    }

    @Test
    void givenAnteDataDirSet_whenGameWithoutSource_thenReadsThatDirectory() throws Exception {
        Cli.Result result = Cli.run(Environment.of(Map.of(SourceOptions.DATA_DIR_VARIABLE, dir.toString())),
                "game", "g-1", "--format", "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out()).get("gameId").asText()).isEqualTo("g-1");
    }

    @Test
    void givenUnknownGame_whenGame_thenExit1GameNotFound() {
        Cli.Result result = Cli.run("game", "nope", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: game nope not found in " + dir + "\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void givenRevisionBeyondTheEnd_whenGame_thenExit1NamingTheStreamsLastRevision() {
        long last = events.size() - 1;

        Cli.Result result = Cli.run("game", "g-1", "--at-revision", Long.toString(last + 1), "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("revision " + (last + 1) + " is beyond the end of game-g-1, whose last "
                + "revision is " + last);
    }

    @Test
    void givenNegativeRevision_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "g-1", "--at-revision", "-1", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--at-revision must be >= 0", "Usage: replay-tool game");
    }

    @Test
    void givenRevisionThatIsNotANumber_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "g-1", "--at-revision", "latest", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--at-revision", "latest", "Usage: replay-tool game");
    }

    @Test
    void givenInvalidGameId_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "no/such id", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("game id 'no/such id' is invalid", "Usage: replay-tool game");
    }

    @Test
    void givenUnknownFormat_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "g-1", "--format", "yaml", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--format", "yaml", "Usage: replay-tool game");
    }

    @Test
    void givenMissingGameId_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter", "<gameId>", "Usage: replay-tool game");
    }

    @Test
    void givenStoredEventThatDoesNotDecode_whenGame_thenExit1NamingItsRevision() {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GameId.of("broken"), List.of(events.get(0)), 1);
            EmbeddedStores.appendRaw(store, "game-broken", "HandPlayed", "{\"ante\": \"one\"}");
        }

        Cli.Result result = Cli.run("game", "broken", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("revision 1 of game-broken cannot be decoded", "HandPlayed");
    }

    private static HandPlayed hand(int ante, String handType, long score, List<String> jokers) {
        return new HandPlayed(ante, BlindType.BIG, 1, List.of("AH", "AS"), handType, jokers, 10, 2.0, null, 32,
                4.0, score, null, null, null);
    }
}
