package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool reads a data directory while another store instance, holding it read-write as the platform does,
 * keeps appending: every state it prints is the fold of a prefix of what was written, and verify finds
 * nothing wrong with a game that is still being written.
 */
class ReadWhileWritingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GameId GAME = GameId.of("live");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void givenWriterAppending_whenGameAndVerifyRunMeanwhile_thenEveryAnswerIsAConsistentPrefix() throws Exception {
        List<GameEvent> events = RandomGames.game(new Random(99), 3_000, true);
        try (SqliteStreamStore writer = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(writer, GAME, events.subList(0, 10), 10);
            CompletableFuture<Void> appending = CompletableFuture.runAsync(() -> {
                for (int from = 10; from < events.size(); from += 20) {
                    List<GameEvent> batch = events.subList(from, Math.min(events.size(), from + 20));
                    EmbeddedStores.append(writer, GAME, from, batch, batch.size());
                    pause();
                }
            });

            List<JsonNode> seen = new ArrayList<>();
            List<Cli.Result> verifications = new ArrayList<>();
            do {
                Cli.Result game = Cli.run("game", "live", "--format", "json", "--source", dir.toString());
                assertThat(game.exitCode()).as(game.toString()).isZero();
                seen.add(JSON.readTree(game.out()));
                if (seen.size() % 5 == 0) {
                    verifications.add(Cli.run("verify", "--source", dir.toString()));
                }
            } while (!appending.isDone());
            appending.get();

            for (JsonNode state : seen) {
                long revision = state.get("revision").asLong();
                assertThat(state).as("state at revision %d", revision).isEqualTo(Folds.stateJson(GAME, events, revision));
            }
            for (Cli.Result verification : verifications) {
                assertThat(verification.exitCode()).as(verification.toString()).isZero();
            }
            Cli.Result last = Cli.run("game", "live", "--format", "json", "--source", dir.toString());
            assertThat(JSON.readTree(last.out())).isEqualTo(Folds.stateJson(GAME, events, events.size() - 1));
            Cli.Result finalCheck = Cli.run("verify", "--source", dir.toString());
            assertThat(finalCheck.out()).contains(String.format(Locale.ROOT, "verified 1 game, %,d events", events.size()));
        }
    }

    // Spreads the writes out so that reads land between them; nothing depends on how long it lasts.
    private static void pause() {
        try {
            Thread.sleep(3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
