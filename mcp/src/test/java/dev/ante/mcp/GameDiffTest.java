package dev.ante.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code diff_games} over an API that holds games in memory and pages events as the platform does. */
class GameDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Games as event lists; the state is a small fold: the revision, the count of hands and the last type. */
    private final Map<String, List<ObjectNode>> games = new HashMap<>();
    private int pagesRead;

    private final AnteApi api = new AnteApi() {
        @Override
        public Reply get(String path, Map<String, ?> query) {
            String game = path.split("/")[4];
            List<ObjectNode> events = games.get(game);
            if (events == null) {
                return new Reply(404, "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no game " + game + "\"}");
            }
            if (path.endsWith("/state")) {
                ObjectNode state = JSON.createObjectNode().put("gameId", game).put("stream", "game-" + game)
                        .put("revision", events.size() - 1)
                        .put("status", events.get(events.size() - 1).get("type").asText().equals("GameCompleted")
                                ? "WON" : "ACTIVE")
                        .put("handsPlayed", events.stream().filter(e -> e.get("type").asText().equals("HandPlayed"))
                                .count());
                return new Reply(200, state.toString());
            }
            pagesRead++;
            int from = ((Number) query.get("fromRevision")).intValue();
            int limit = ((Number) query.get("limit")).intValue();
            ArrayNode items = JSON.createArrayNode();
            for (int i = from; i < Math.min(events.size(), from + limit); i++) {
                items.add(events.get(i));
            }
            return new Reply(200, JSON.createObjectNode().<ObjectNode>set("items", items).toString());
        }

        @Override
        public Reply post(String path, String json) {
            throw new AssertionError("diff_games only reads");
        }
    };

    private static ObjectNode event(long revision, String type, int score) {
        ObjectNode event = JSON.createObjectNode().put("revision", revision).put("type", type);
        event.putObject("data").put("score", score).put("ante", 1);
        return event;
    }

    private List<ObjectNode> game(int hands, int divergeAt, boolean completed) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(event(0, "GameStarted", 0));
        for (int i = 1; i <= hands; i++) {
            events.add(event(i, "HandPlayed", i == divergeAt ? 999 : i * 10));
        }
        if (completed) {
            events.add(event(events.size(), "GameCompleted", 0));
        }
        return events;
    }

    private JsonNode diff(String a, String b) throws Exception {
        ToolAnswer answer = new GameDiff(JSON, 20_000).compare(api, a, b);
        assertThat(answer.error()).as(answer.json()).isFalse();
        return JSON.readTree(answer.json());
    }

    @Test
    void givenTheSameEvents_thenIdenticalWithNoStateDifference() throws Exception {
        games.put("a", game(2_500, -1, true));
        games.put("b", game(2_500, -1, true));
        JsonNode diff = diff("a", "b");
        assertThat(diff.get("state")).isEmpty();
        assertThat(diff.get("events").get("relation").asText()).isEqualTo("identical");
        assertThat(diff.get("events").get("revision").asLong()).isEqualTo(2_501);
        assertThat(pagesRead).as("pages of 1,000 events per game").isEqualTo(6);
    }

    @Test
    void givenEventsThatPart_thenTheFirstDifferingRevisionAndItsDataFields() throws Exception {
        games.put("a", game(1_500, -1, true));
        games.put("b", game(1_500, 1_200, true));
        JsonNode diff = diff("a", "b");
        JsonNode events = diff.get("events");
        assertThat(events.get("relation").asText()).isEqualTo("diverged");
        assertThat(events.get("revision").asLong()).isEqualTo(1_200);
        assertThat(events.get("aType").asText()).isEqualTo("HandPlayed");
        assertThat(events.get("data")).hasSize(1);
        assertThat(events.get("data").get(0).get("field").asText()).isEqualTo("data.score");
        assertThat(events.get("data").get(0).get("a").asInt()).isEqualTo(12_000);
        assertThat(events.get("data").get(0).get("b").asInt()).isEqualTo(999);
        // Reading stopped at the divergence: two pages each.
        assertThat(pagesRead).isEqualTo(4);
    }

    @Test
    void givenOneGameThatGoesOn_thenAPrefixAndTheStatesDiffer() throws Exception {
        games.put("short", game(10, -1, false));
        games.put("long", game(20, -1, true));
        JsonNode diff = diff("short", "long");
        assertThat(diff.get("events").get("relation").asText()).isEqualTo("prefix");
        assertThat(diff.get("events").get("shorter").asText()).isEqualTo("a");
        assertThat(diff.get("events").get("revision").asLong()).isEqualTo(11);
        List<String> fields = new ArrayList<>();
        diff.get("state").forEach(row -> fields.add(row.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("revision", "status", "handsPlayed");
        assertThat(diff.get("a").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(diff.get("b").get("status").asText()).isEqualTo("WON");
    }

    @Test
    void givenAnUnknownGame_thenTheEndpoints404IsTheAnswer() throws Exception {
        games.put("a", game(3, -1, true));
        ToolAnswer answer = new GameDiff(JSON, 20_000).compare(api, "a", "missing");
        assertThat(answer.error()).isTrue();
        assertThat(JSON.readTree(answer.json()).get("status").asInt()).isEqualTo(404);
        assertThat(answer.summary()).isEqualTo("Refused with HTTP 404: no game missing");
    }

    @Test
    void givenLongerGamesThanTheLimit_thenOnlyTheLimitIsCompared() throws Exception {
        games.put("a", game(3_000, -1, true));
        games.put("b", game(3_000, -1, true));
        ToolAnswer answer = new GameDiff(JSON, 1_500).compare(api, "a", "b");
        JsonNode events = JSON.readTree(answer.json()).get("events");
        assertThat(events.get("relation").asText()).isEqualTo("not compared");
        assertThat(events.get("revision").asLong()).isEqualTo(1_500);
        assertThat(answer.summary()).contains("the first 1500 events are the same");
    }
}
