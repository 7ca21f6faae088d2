package dev.ante.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code diff_games}: two games' states from {@code GET /api/v1/games/{id}/state} compared field by field, and
 * their events from {@code GET /api/v1/games/{id}/events} compared revision by revision up to the revision
 * each state was read at, until they part.
 *
 * <p>The answer:
 * <pre>{"a": {"gameId", "revision", "status"}, "b": {...},
 *  "state": [{"field", "a", "b"}],
 *  "events": {"relation": "identical" | "prefix" | "diverged" | "not compared", "revision", "aType", "bType",
 *             "data": [{"field", "a", "b"}]},
 *  "truncated": false}</pre>
 */
final class GameDiff {

    private static final int PAGE = 1000;

    private final ObjectMapper mapper;
    private final int maxEvents;

    GameDiff(ObjectMapper mapper, int maxEvents) {
        this.mapper = mapper;
        this.maxEvents = maxEvents;
    }

    ToolAnswer compare(AnteApi api, String gameA, String gameB) {
        AnteApi.Reply stateA = api.get(statePath(gameA), Map.of());
        if (!stateA.ok()) {
            return refusal(stateA);
        }
        AnteApi.Reply stateB = api.get(statePath(gameB), Map.of());
        if (!stateB.ok()) {
            return refusal(stateB);
        }
        ObjectNode a = (ObjectNode) read(stateA.body());
        ObjectNode b = (ObjectNode) read(stateB.body());
        long lastA = a.path("revision").asLong();
        long lastB = b.path("revision").asLong();

        ObjectNode answer = mapper.createObjectNode();
        answer.set("a", side(a));
        answer.set("b", side(b));
        a.remove(List.of("gameId", "stream"));
        b.remove(List.of("gameId", "stream"));
        answer.set("state", differences(JsonDiff.differences(a, b), ""));

        ObjectNode events = answer.putObject("events");
        Pages left = new Pages(api, gameA, lastA);
        Pages right = new Pages(api, gameB, lastB);
        long compared = 0;
        while (true) {
            JsonNode l = left.next();
            JsonNode r = right.next();
            if (left.failure != null || right.failure != null) {
                return refusal(left.failure != null ? left.failure : right.failure);
            }
            if (l == null && r == null) {
                events.put("relation", "identical");
                events.put("revision", lastA);
                break;
            }
            if (l == null || r == null) {
                events.put("relation", "prefix");
                events.put("revision", Math.min(lastA, lastB) + 1);
                events.put("shorter", l == null ? "a" : "b");
                break;
            }
            if (!l.path("type").equals(r.path("type")) || !l.path("data").equals(r.path("data"))) {
                events.put("relation", "diverged");
                events.put("revision", l.path("revision").asLong());
                events.put("aType", l.path("type").asText());
                events.put("bType", r.path("type").asText());
                events.set("data", differences(JsonDiff.differences(l.path("data"), r.path("data")), "data"));
                break;
            }
            if (++compared >= maxEvents) {
                events.put("relation", "not compared");
                events.put("revision", compared);
                events.put("reason", "the first " + maxEvents + " events are the same; later ones were not read");
                break;
            }
        }
        answer.put("truncated", false);
        return new ToolAnswer(answer.toString(), summary(gameA, gameB, answer), false);
    }

    private static String statePath(String game) {
        return "/api/v1/games/" + HttpAnteApi.encode(game) + "/state";
    }

    private ToolAnswer refusal(AnteApi.Reply reply) {
        JsonNode problem;
        try {
            problem = mapper.readTree(reply.body());
        } catch (IOException e) {
            problem = null;
        }
        return new ToolAnswer(reply.body(), AnteTools.refusal(reply.status(), problem), true);
    }

    private JsonNode read(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new AnteApiException("the platform's answer is not JSON", e);
        }
    }

    private ObjectNode side(ObjectNode state) {
        ObjectNode side = mapper.createObjectNode();
        side.set("gameId", state.path("gameId"));
        side.set("revision", state.path("revision"));
        side.set("status", state.path("status"));
        return side;
    }

    private ArrayNode differences(List<JsonDiff.Difference> differences, String prefix) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonDiff.Difference d : differences) {
            ObjectNode row = out.addObject();
            row.put("field", prefix.isEmpty() ? d.path() : d.path().isEmpty() ? prefix : prefix + "." + d.path());
            row.set("a", d.left() == null ? mapper.nullNode() : d.left());
            row.set("b", d.right() == null ? mapper.nullNode() : d.right());
        }
        return out;
    }

    private static String summary(String gameA, String gameB, ObjectNode answer) {
        int fields = answer.path("state").size();
        JsonNode events = answer.path("events");
        String relation = events.path("relation").asText();
        String eventText = switch (relation) {
            case "identical" -> "the same events";
            case "prefix" -> "game " + (events.path("shorter").asText().equals("a") ? gameA : gameB)
                    + "'s events are the start of the other's, which goes on from revision "
                    + events.path("revision").asLong();
            case "diverged" -> "events first differ at revision " + events.path("revision").asLong() + " ("
                    + events.path("aType").asText() + " vs " + events.path("bType").asText() + ")";
            default -> "the first " + events.path("revision").asLong() + " events are the same";
        };
        return gameA + " vs " + gameB + ": " + (fields == 0 ? "identical states" : fields
                + (fields == 1 ? " state field differs" : " state fields differ")) + "; " + eventText + ".";
    }

    /** One game's events in pages, up to the revision its state was read at. */
    private final class Pages {
        private final AnteApi api;
        private final String game;
        private final long last;
        private final Deque<JsonNode> buffer = new ArrayDeque<>();
        private long nextRevision;
        private AnteApi.Reply failure;

        Pages(AnteApi api, String game, long last) {
            this.api = api;
            this.game = game;
            this.last = last;
        }

        /** The next event, or null at the end (or after a failed read: see {@link #failure}). */
        JsonNode next() {
            if (buffer.isEmpty() && nextRevision <= last && failure == null) {
                AnteApi.Reply reply = api.get("/api/v1/games/" + HttpAnteApi.encode(game) + "/events",
                        Map.of("fromRevision", nextRevision, "limit", PAGE));
                if (!reply.ok()) {
                    failure = reply;
                    return null;
                }
                JsonNode items = read(reply.body()).path("items");
                if (items.isEmpty()) {
                    nextRevision = last + 1;
                }
                for (JsonNode item : items) {
                    long revision = item.path("revision").asLong();
                    if (revision <= last) {
                        buffer.add(item);
                    }
                    nextRevision = revision + 1;
                }
            }
            return buffer.poll();
        }
    }
}
