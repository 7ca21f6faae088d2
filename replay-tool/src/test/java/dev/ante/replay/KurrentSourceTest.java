package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.store.kurrent.KurrentStandIn;
import dev.ante.infra.store.kurrent.KurrentStreamStore;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands over a {@code kurrentdb://} source, against an in-process KurrentDB stand-in. */
class KurrentSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261124L;
    private static final GameId GAME = GameId.of("k-1");

    private KurrentStandIn standIn;
    private String source;
    private List<GameEvent> events;

    @BeforeEach
    void writeGame() {
        standIn = KurrentStandIn.start();
        source = standIn.connectionString();
        events = RandomGames.game(new Random(SEED), 200, true);
        try (KurrentStreamStore store = KurrentStreamStore.connect(source)) {
            EmbeddedStores.append(store, GAME, events, 64);
        }
    }

    @AfterEach
    void stopStandIn() {
        standIn.close();
    }

    @Test
    void givenGameInKurrentDb_whenGameAsJson_thenPrintsTheApiStateOfTheWholeFold() throws Exception {
        Cli.Result result = Cli.run("game", "k-1", "--format", "json", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out())).isEqualTo(Folds.stateJson(GAME, events, events.size() - 1));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void givenGameInKurrentDb_whenGameAtRandomRevisionsAsJson_thenEachIsTheFoldUpToThatRevision() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 6; i++) {
            int revision = i == 0 ? 0 : random.nextInt(events.size());
            Cli.Result result = Cli.run("game", "k-1", "--at-revision", Integer.toString(revision), "--format", "json",
                    "--source", source);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            JsonNode state = JSON.readTree(result.out());
            assertThat(state).as("revision %d (seed %d)", revision, SEED).isEqualTo(Folds.stateJson(GAME, events, revision));
            assertThat(state.get("revision").asLong()).isEqualTo(revision);
        }
    }

    @Test
    void givenGameLongerThanOneRead_whenGameAsJson_thenFoldsEveryPage() throws Exception {
        List<GameEvent> longGame = RandomGames.game(new Random(SEED + 2), 4_500, true);
        try (KurrentStreamStore store = KurrentStreamStore.connect(source)) {
            EmbeddedStores.append(store, GameId.of("long"), longGame, 500);
        }

        Cli.Result result = Cli.run("game", "long", "--format", "json", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(JSON.readTree(result.out()))
                .isEqualTo(Folds.stateJson(GameId.of("long"), longGame, longGame.size() - 1));
    }

    @Test
    void givenGameInKurrentDb_whenEventsAsJson_thenOneObjectPerEventInRevisionOrder() throws Exception {
        Cli.Result result = Cli.run("events", "k-1", "--format", "json", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            assertThat(event.get("revision").asLong()).isEqualTo(i);
            assertThat(event.get("type").asText()).isEqualTo(events.get(i).getClass().getSimpleName());
            assertThat(event.get("data")).isEqualTo(JSON.readTree(EmbeddedStores.dataJson(events.get(i))));
        }
    }

    @Test
    void givenSoundGamesAndOtherStreams_whenVerify_thenExit0AndCountsOnlyTheGames() {
        standIn.writeEvents("strategy-s-1", 2);

        Cli.Result result = Cli.run("verify", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(String.format(Locale.ROOT, "verified 1 game, %,d events from %s: "
                + "no invariant violations%n", events.size(), source));
    }

    @Test
    void givenStoredEventThatDoesNotDecode_whenVerify_thenExit1NamingItsRevision() {
        try (KurrentStreamStore store = KurrentStreamStore.connect(source)) {
            EmbeddedStores.append(store, GameId.of("broken"), List.of(events.get(0)), 1);
            EmbeddedStores.appendRaw(store, "game-broken", "HandPlayed", "{\"ante\": \"two\"}");
        }

        Cli.Result result = Cli.run("verify", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("game-broken  revision 1  its data does not decode as HandPlayed",
                "1 violation in 1 game");
    }

    @Test
    void givenUnknownGame_whenGame_thenExit1GameNotFound() {
        Cli.Result result = Cli.run("game", "nope", "--source", source);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: game nope not found in " + source + "\n");
        assertThat(result.out()).isEmpty();
    }
}
