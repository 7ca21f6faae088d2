package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.projections.ProjectionNames;
import java.time.Duration;

/** Reading {@code GET /api/v1/projections} and the game list, and waiting on them, for the tests. */
final class ProjectionItems {

    private ProjectionItems() {
    }

    /** The item of processor {@code name}. */
    static JsonNode item(Http http, String key, String name) {
        for (JsonNode item : http.get("/api/v1/projections", key).json().get("items")) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no projection " + name);
    }

    /** Waits, at most 60 s, until every read-model processor has handled the event at {@code position}. */
    static void awaitAll(Http http, String key, long position) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String name : ProjectionNames.ALL) {
            JsonNode item = item(http, key, name);
            while (item.get("position").asLong() < position) {
                assertThat(System.nanoTime()).as(name + " did not reach " + position + ": " + item)
                        .isLessThan(deadline);
                Thread.sleep(50);
                item = item(http, key, name);
            }
        }
    }

    /** The game's summary from {@code GET /api/v1/games}, or null when the list does not have it. */
    static JsonNode summary(Http http, String key, String gameId) {
        for (JsonNode item : http.get("/api/v1/games?limit=1000", key).json().get("items")) {
            if (item.get("gameId").asText().equals(gameId)) {
                return item;
            }
        }
        return null;
    }
}
