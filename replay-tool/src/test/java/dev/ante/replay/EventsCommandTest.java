package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GameId GAME = GameId.of("ev");

    @TempDir
    Path dir;

    private List<GameEvent> events;

    @BeforeEach
    void writeGame() {
        events = RandomGames.game(new Random(7), 60, false);
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GAME, events, 25);
        }
    }

    @Test
    void givenGame_whenEventsFromWithLimit_thenPrintsThoseRevisionsWithTypeAndData() {
        Cli.Result result = Cli.run("events", "ev", "--from", "3", "--limit", "4", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("revision").contains("position", "occurredAt", "type", "data");
        for (int i = 0; i < 4; i++) {
            String type = events.get(3 + i).getClass().getSimpleName();
            assertThat(lines.get(1 + i)).startsWith(Integer.toString(3 + i)).contains(" " + type + " ")
                    .endsWith(EmbeddedStores.dataJson(events.get(3 + i)));
        }
    }

    @Test
    void givenGame_whenEventsAsJson_thenOneObjectPerEventWithTheApiFields() throws Exception {
        Cli.Result result = Cli.run("events", "ev", "--format", "json", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            assertThat(event.fieldNames()).toIterable()
                    .containsExactly("eventId", "type", "revision", "position", "occurredAt", "recordedAt", "data");
            assertThat(event.get("revision").asLong()).isEqualTo(i);
            assertThat(event.get("type").asText()).isEqualTo(events.get(i).getClass().getSimpleName());
            assertThat(event.get("data")).isEqualTo(JSON.readTree(EmbeddedStores.dataJson(events.get(i))));
            assertThat(event.get("occurredAt").asText()).startsWith("2026-11-23T10:15:");
        }
    }

    @Test
    void givenFromBeyondTheEnd_whenEvents_thenExit1NamingTheStreamsLastRevision() {
        Cli.Result result = Cli.run("events", "ev", "--from", "500", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("revision 500 is beyond the end of game-ev, whose last revision is "
                + (events.size() - 1));
    }

    @Test
    void givenUnknownGame_whenEvents_thenExit1GameNotFound() {
        Cli.Result result = Cli.run("events", "nope", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("game nope not found");
    }

    @Test
    void givenZeroLimit_whenEvents_thenExit2WithUsage() {
        Cli.Result result = Cli.run("events", "ev", "--limit", "0", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--limit must be >= 1", "Usage: replay-tool events");
    }

    @Test
    void givenNegativeFrom_whenEvents_thenExit2WithUsage() {
        Cli.Result result = Cli.run("events", "ev", "--from", "-2", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--from must be >= 0", "Usage: replay-tool events");
    }
}
