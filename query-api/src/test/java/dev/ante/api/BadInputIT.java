package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus: every case gets its exact status, a problem report naming the problem,
 * and leaves the store exactly as it was.
 */
class BadInputIT extends ApiTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ACTIVE = "bad-input-active";
    private static final String DONE = "bad-input-done";
    private static final String STRATEGY = "bad-input-strategy";
    private static final UUID STARTED_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID ANTE3_ID = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID DONE_START_ID = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final UUID DONE_END_ID = UUID.fromString("00000000-0000-4000-8000-000000000004");
    private static final UUID STRATEGY_ID = UUID.fromString("00000000-0000-4000-8000-000000000005");
    private static final String GAMES = "/api/v1/games/";
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";

    /** One hostile request and what it must get back. */
    record Case(String name, String method, String path, String key, String contentType, byte[] body,
                int status, String field, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Fixed event ids make the setup idempotent: re-posting it only reports duplicates. */
    @BeforeEach
    void knownStreams() {
        Instant at = Games.t0();
        post(GAMES + ACTIVE + "/events", List.of(
                envelope(STARTED_ID, "GameStarted", at, cast((Map<?, ?>) Games.started().get("data"))),
                envelope(ANTE3_ID, "BlindSelected", at, data("ante", 3, "blindType", "BIG", "blindName", "Big Blind",
                        "chipsRequired", 2000))));
        post(GAMES + DONE + "/events", List.of(
                envelope(DONE_START_ID, "GameStarted", at, cast((Map<?, ?>) Games.started().get("data"))),
                envelope(DONE_END_ID, "GameCompleted", at, data("outcome", "LOSS", "finalAnte", 2, "finalMoney", 0,
                        "bestHandScore", 0, "jokers", List.of()))));
        post("/api/v1/strategies/" + STRATEGY + "/events", List.of(envelope(STRATEGY_ID, "StrategyRegistered", at,
                data("name", "Base", "agentId", "agent-1", "parameters", Map.of()))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private void post(String path, Object body) {
        Http.Response r = http.postJson(path, AGENT, body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenHostileInput_whenSent_thenExactProblemAndStoreUnchanged(Case c) {
        long head = store.headPosition();
        var activeRevision = store.lastRevision("game-" + ACTIVE);
        var doneRevision = store.lastRevision("game-" + DONE);

        Http.Response response = http.send(request(c));

        assertThat(response.status()).as(c.name() + ": " + response.text()).isEqualTo(c.status());
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(c.name() + ": " + response.text()).isNotNull();
        assertThat(errors.isArray()).isTrue();
        boolean named = false;
        for (JsonNode error : errors) {
            String message = error.path("message").asText();
            String field = error.path("field").isNull() ? null : error.path("field").asText(null);
            if (message.contains(c.message()) && (c.field() == null || c.field().equals(field))) {
                named = true;
            }
        }
        assertThat(named).as(c.name() + ": expected an error on " + c.field() + " containing '" + c.message()
                + "' in " + response.text()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(c.status());
        assertThat(store.headPosition()).as(c.name() + " wrote to the store").isEqualTo(head);
        assertThat(store.lastRevision("game-" + ACTIVE)).isEqualTo(activeRevision);
        assertThat(store.lastRevision("game-" + DONE)).isEqualTo(doneRevision);
    }

    private HttpRequest request(Case c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + c.path()));
        if (c.key() != null) {
            b.header("Authorization", c.key().contains(" ") ? c.key() : "Bearer " + c.key());
        }
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        if (c.method().equals("GET")) {
            b.GET();
        } else {
            b.method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body() == null ? new byte[0] : c.body()));
        }
        return b.build();
    }

    // ---- the corpus -------------------------------------------------------------------------------

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String fresh = GAMES + "fresh-game/events";
        String active = GAMES + ACTIVE + "/events";

        // Broken JSON and wrong shapes
        cases.add(raw("truncated JSON", fresh, "[{\"eventId\": \"", 400, null, "malformed JSON"));
        cases.add(raw("unclosed array", fresh, "[", 400, null, "malformed JSON"));
        cases.add(raw("empty body", fresh, "", 400, null, "the body is empty"));
        cases.add(raw("object instead of array", fresh, "{}", 400, null, "must be a JSON array"));
        cases.add(raw("number instead of array", fresh, "42", 400, null, "must be a JSON array"));
        cases.add(raw("empty array", fresh, "[]", 400, null, "1 to 1000 events, held 0"));
        cases.add(raw("trailing garbage", fresh, json(List.of(Games.started())) + " x", 400, null, "malformed JSON"));
        cases.add(raw("duplicate keys", fresh, "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"GameStarted\","
                + "\"type\":\"HandPlayed\"}]", 400, null, "Duplicate field 'type'"));
        cases.add(raw("string element", fresh, "[\"GameStarted\"]", 400, null, "must be an event envelope"));
        cases.add(raw("null element", fresh, "[null]", 400, null, "must be an event envelope"));
        cases.add(raw("deep nesting", fresh, "[".repeat(5000) + "]".repeat(5000), 400, null, "malformed JSON"));
        cases.add(new Case("invalid UTF-8", "POST", fresh, AGENT, JSON,
                new byte[] {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'}, 400, null, "malformed JSON"));
        cases.add(raw("over 1000 events", fresh, json(Collections.nCopies(1001, Games.started())), 400, null,
                "1 to 1000 events, held 1001"));
        cases.add(new Case("body over the size limit", "POST", fresh, AGENT, JSON,
                ("[" + " ".repeat(3 * 1024 * 1024) + "]").getBytes(StandardCharsets.UTF_8), 413, null,
                "exceeds the limit of 2097152 bytes"));

        // Envelope fields
        cases.add(env("missing eventId", without(Games.started(), "eventId"), "eventId", "is required"));
        cases.add(env("eventId not a UUID", with(Games.started(), "eventId", "abc"), "eventId", "must be a UUID"));
        cases.add(env("eventId a number", with(Games.started(), "eventId", 7), "eventId", "must be a UUID"));
        cases.add(env("missing type", without(Games.started(), "type"), "type", "is required"));
        cases.add(env("unknown type", with(Games.started(), "type", "HandPlayd"), "type", "unknown event type 'HandPlayd'"));
        cases.add(env("type of another catalog", with(Games.started(), "type", "MetricRecorded"), "type",
                "unknown event type 'MetricRecorded' for a game stream"));
        cases.add(env("type a number", with(Games.started(), "type", 3), "type", "must be a string"));
        cases.add(env("missing occurredAt", without(Games.started(), "occurredAt"), "occurredAt", "is required"));
        cases.add(env("occurredAt not an instant", with(Games.started(), "occurredAt", "yesterday"), "occurredAt",
                "must be an ISO-8601 instant"));
        cases.add(env("occurredAt a number", with(Games.started(), "occurredAt", 1700000000), "occurredAt",
                "must be an ISO-8601 instant"));
        cases.add(env("missing data", without(Games.started(), "data"), "data", "is required"));
        cases.add(env("data an array", with(Games.started(), "data", List.of(1)), "data", "must be a JSON object"));
        cases.add(env("data null", with(Games.started(), "data", null), "data", "is required"));

        // Data fields
        cases.add(env("missing required field", dataWithout(Games.started(), "agentId"), "data.agentId", "is required"));
        cases.add(env("null required field", dataWith(Games.started(), "seed", null), "data.seed", "is required"));
        cases.add(env("string for an int", dataWith(Games.started(), "startingMoney", "4"), "data.startingMoney",
                "must be an integer, was string"));
        cases.add(env("fraction for an int", dataWith(Games.started(), "startingMoney", 1.5), "data.startingMoney",
                "must be an integer"));
        cases.add(env("huge int", dataWith(Games.started(), "startingMoney", new java.math.BigInteger("99999999999999999999")),
                "data.startingMoney", "between -2147483648 and 2147483647"));
        cases.add(env("blank string", dataWith(Games.started(), "agentId", "  "), "data.agentId", "must not be blank"));
        cases.add(env("overlong string", dataWith(Games.started(), "agentId", "a".repeat(300)), "data.agentId",
                "at most 256 characters"));
        cases.add(env("negative money", dataWith(Games.started(), "startingMoney", -1), "data.startingMoney", "must be ≥ 0"));
        cases.add(env("ante zero", dataWith(Games.blind(1, "SMALL"), "ante", 0), "data.ante", "must be ≥ 1"));
        cases.add(env("unknown blind type", dataWith(Games.blind(1, "SMALL"), "blindType", "HUGE"), "data.blindType",
                "must be one of SMALL, BIG, BOSS"));
        cases.add(env("float for a long", dataWith(Games.blind(1, "SMALL"), "chipsRequired", 1e300),
                "data.chipsRequired", "must be an integer"));
        cases.add(rawEnv("infinite double", fresh, "[" + json(Games.hand(1, 1, 5, List.of())).replace("\"baseMult\":2.0",
                "\"baseMult\":1e400") + "]", "data.baseMult", "must be a finite number"));
        cases.add(env("no cards", dataWith(Games.hand(1, 1, 5, List.of()), "cards", List.of()), "data.cards",
                "must hold 1 to 5 elements, held 0"));
        cases.add(env("six cards", dataWith(Games.hand(1, 1, 5, List.of()), "cards", List.of("A", "B", "C", "D", "E", "F")),
                "data.cards", "must hold 1 to 5 elements, held 6"));
        cases.add(env("null card", dataWith(Games.hand(1, 1, 5, List.of()), "cards", java.util.Arrays.asList("AH", null)),
                "data.cards[1]", "must not be null"));
        cases.add(env("number as joker", dataWith(Games.hand(1, 1, 5, List.of()), "jokers", List.of(5)), "data.jokers[0]",
                "must be a string"));
        cases.add(env("negative score", dataWith(Games.hand(1, 1, 5, List.of()), "finalScore", -5), "data.finalScore",
                "must be ≥ 0"));
        cases.add(env("joker effect without joker", dataWith(Games.hand(1, 1, 5, List.of()), "jokerEffects",
                List.of(Map.of("effect", "+mult", "value", 4))), "data.jokerEffects[0].joker", "is required"));
        cases.add(env("thousands of cards", dataWith(Games.hand(1, 1, 5, List.of()), "cards",
                Collections.nCopies(2000, "AH")), "data.cards", "must hold 1 to 5 elements, held 2000"));
        cases.add(raw("parameters with too many values", "/api/v1/strategies/fresh-strategy/events",
                json(List.of(envelope("StrategyRegistered", data("name", "x", "agentId", "a", "parameters",
                        Map.of("weights", Collections.nCopies(1000, 0.5)))))), 400, "data.parameters",
                "must hold at most 1000 values"));

        // Control characters in catalog strings
        cases.add(env("NUL in handType", dataWith(Games.hand(1, 1, 5, List.of()), "handType", "Pair\u0000evil"),
                "data.handType", "must not contain control characters (U+0000 at 4)"));
        cases.add(env("NUL in agentId", dataWith(Games.started(), "agentId", "agent\u0000-1"), "data.agentId",
                "must not contain control characters (U+0000 at 5)"));
        cases.add(env("escape in a joker name", dataWith(Games.hand(1, 1, 5, List.of()), "jokers",
                List.of("Joker", "Greedy\u001bJoker")), "data.jokers[1]", "must not contain control characters (U+001B at 6)"));
        cases.add(env("DEL in a card", dataWith(Games.hand(1, 1, 5, List.of()), "cards", List.of("AH\u007f")),
                "data.cards[0]", "must not contain control characters (U+007F at 2)"));
        cases.add(env("newline in a shop item name", dataWith(Games.envelope("ShopEntered", data("ante", 1, "money", 4,
                "items", List.of(), "rerollCost", 5)), "items", List.of(Map.of("slot", 0, "itemType", "JOKER",
                "name", "Joker\nInjected", "cost", 4))), "data.items[0].name", "must not contain control characters (U+000A at 5)"));
        cases.add(ndjson("NUL in an NDJSON agentId", json(with(dataWith(Games.started(), "agentId", "\u0000"), "gameId",
                "nd-4")), "data.agentId", "must not contain control characters (U+0000 at 0)"));

        cases.add(env("confidence above 1", decision("confidence", 1.5), "data.confidence", "must be ≤ 1"));
        cases.add(env("boolean as string", decision("usedLlm", "yes"), "data.usedLlm", "must be true or false"));

        // Ids
        cases.add(raw("game id of 65 chars", GAMES + "a".repeat(65) + "/events", json(List.of(Games.started())), 400,
                "gameId", "must match [A-Za-z0-9._-]{1,64}"));
        cases.add(raw("unicode game id", GAMES + "g%C3%A4me/events", json(List.of(Games.started())), 400, "gameId",
                "must match"));
        cases.add(raw("SQL-ish game id", GAMES + "x'OR'1'='1/events", json(List.of(Games.started())),
                400, "gameId", "must match"));
        cases.add(raw("semicolon in game id", GAMES + "x%3BDROP%20TABLE%20events/events", json(List.of(Games.started())),
                400, null, "not acceptable"));
        cases.add(raw("space in game id", GAMES + "two%20words/events", json(List.of(Games.started())),
                400, "gameId", "must match"));
        cases.add(raw("path traversal in game id", GAMES + "..%2F..%2Fetc/events", json(List.of(Games.started())), 400,
                null, "not acceptable"));
        cases.add(raw("dot-dot game id", GAMES + "%2E%2E/events", json(List.of(Games.started())), 400, null,
                "not acceptable"));

        // Stream rules
        cases.add(env("first event not GameStarted", List.of(Games.blind(1, "SMALL")), "type",
                "must be GameStarted, got BlindSelected"));
        cases.add(raw("second GameStarted", active, json(List.of(Games.started())), 400, "type", "already started"));
        cases.add(raw("decreasing ante", active, json(List.of(Games.blind(2, "SMALL"))), 400, "data.ante",
                "ante 2 is lower than the game's current ante 3"));
        cases.add(raw("event after completion", GAMES + DONE + "/events", json(List.of(Games.hand(2, 1, 5, List.of()))),
                400, "type", "already completed"));
        cases.add(raw("event id reused with other content", active, json(List.of(envelope(ANTE3_ID, "BlindSelected",
                Games.t0(), data("ante", 4, "blindType", "BIG", "blindName", "Big Blind", "chipsRequired", 2000)))), 409,
                "eventId", "already recorded at revision 1 with other content"));
        cases.add(raw("wrong expectedRevision", active + "?expectedRevision=0", json(List.of(Games.blind(3, "BOSS"))),
                409, "expectedRevision", "last revision is 1"));
        cases.add(raw("non-numeric expectedRevision", active + "?expectedRevision=abc", json(List.of(Games.blind(3, "BOSS"))),
                400, "expectedRevision", "must be an integer ≥ -1"));
        cases.add(raw("expectedRevision below -1", active + "?expectedRevision=-2", json(List.of(Games.blind(3, "BOSS"))),
                400, "expectedRevision", "must be an integer ≥ -1"));
        cases.add(raw("strategy event before registration", "/api/v1/strategies/unregistered/events",
                json(List.of(envelope("StrategyRetired", data()))), 400, "type", "must be StrategyRegistered"));
        cases.add(raw("second StrategyRegistered", "/api/v1/strategies/" + STRATEGY + "/events",
                json(List.of(envelope("StrategyRegistered", data("name", "x", "agentId", "a", "parameters", Map.of())))),
                400, "type", "already registered"));
        cases.add(raw("metric without step", "/api/v1/learning/run-1/metrics",
                json(List.of(envelope("MetricRecorded", data("name", "loss", "value", 1.0)))), 400, "data.step", "is required"));

        // Keys
        cases.add(new Case("missing key", "POST", fresh, null, JSON, bytes(json(List.of(Games.started()))), 401, null,
                "needs an API key"));
        cases.add(new Case("unknown key", "POST", fresh, "not-a-key", JSON, bytes(json(List.of(Games.started()))), 401,
                null, "not recognised"));
        cases.add(new Case("basic auth", "POST", fresh, "Basic YWdlbnQ6a2V5", JSON, bytes(json(List.of(Games.started()))),
                401, null, "must be 'Bearer <API key>'"));
        cases.add(new Case("researcher writing", "POST", fresh, RESEARCHER, JSON, bytes(json(List.of(Games.started()))),
                403, null, "may not POST"));
        cases.add(new Case("agent on admin endpoint", "POST", "/api/v1/admin/projections/x/replay", AGENT, JSON,
                bytes("{}"), 403, null, "may not POST"));
        cases.add(new Case("read without key", "GET", GAMES + ACTIVE + "/state", null, null, null, 401, null,
                "needs an API key"));

        // Failures outside any controller are problem reports too, never a bare status or a server page
        cases.add(new Case("the error page asked for directly", "GET", "/error", null, null, null, 404, null,
                "no such resource"));
        cases.add(new Case("a NUL in the URL", "GET", GAMES + "a%00b/state", RESEARCHER, null, null, 400, null,
                "could not be parsed"));
        cases.add(new Case("a NUL in the URL, posted", "POST", GAMES + "a%00b/events", AGENT, JSON,
                bytes(json(List.of(Games.started()))), 400, null, "could not be parsed"));

        // Content types
        cases.add(new Case("text/plain", "POST", fresh, AGENT, "text/plain", bytes(json(List.of(Games.started()))), 415,
                null, "text/plain"));
        cases.add(new Case("no content type", "POST", fresh, AGENT, null, bytes(json(List.of(Games.started()))), 415,
                null, "not supported"));
        cases.add(new Case("NDJSON to the JSON endpoint", "POST", fresh, AGENT, NDJSON, bytes(json(Games.started())), 415,
                null, "application/x-ndjson"));
        cases.add(new Case("JSON to the NDJSON endpoint", "POST", "/api/v1/events", AGENT, JSON,
                bytes(json(Games.started())), 415, null, "application/json"));
        cases.add(new Case("a game's events, PUT", "PUT", fresh, ADMIN, JSON, bytes(json(List.of(Games.started()))),
                405, null, "PUT"));
        cases.add(new Case("a strategy's events, DELETE", "DELETE", "/api/v1/strategies/" + STRATEGY + "/events", ADMIN,
                null, null, 405, null, "DELETE"));

        // NDJSON
        cases.add(ndjson("NDJSON line without a stream", json(Games.started()), null, "exactly one of gameId, strategyId or runId"));
        cases.add(ndjson("NDJSON line naming two streams", json(with(with(Games.started(), "gameId", "a"), "runId", "b")),
                null, "named gameId and runId"));
        cases.add(ndjson("NDJSON malformed second line", json(with(Games.started(), "gameId", "nd-1")) + "\n{oops", null,
                "malformed JSON"));
        cases.add(ndjson("NDJSON invalid game id", json(with(Games.started(), "gameId", "../x")), "gameId", "must match"));
        cases.add(ndjson("NDJSON over 10000 lines", String.join("\n",
                Collections.nCopies(10001, json(with(Games.started(), "gameId", "nd-2")))), null,
                "at most 10000 lines, held 10001"));
        cases.add(new Case("NDJSON line over the line limit", "POST", "/api/v1/events", AGENT, NDJSON,
                bytes(json(with(Games.started(), "gameId", "nd-5")) + "\n" + json(with(with(Games.started(), "gameId",
                        "nd-5"), "pad", "x".repeat(1024 * 1024)))), 413, null,
                "line 1 is longer than the limit of 1048576 bytes"));
        cases.add(ndjson("NDJSON blank line in the middle", json(with(Games.started(), "gameId", "nd-6")) + "\n\n"
                + json(with(Games.blind(1, "SMALL"), "gameId", "nd-6")), null, "blank line"));
        cases.add(ndjson("NDJSON two values on a line", json(with(Games.started(), "gameId", "nd-7")) + " {}", null,
                "malformed JSON"));
        cases.add(ndjson("NDJSON one bad line fails all", json(with(Games.started(), "gameId", "nd-3")) + "\n"
                + json(with(dataWith(Games.blind(1, "SMALL"), "ante", -1), "gameId", "nd-3")), "data.ante", "must be ≥ 1"));

        // Reads
        cases.add(get("state of an unknown game", GAMES + "no-such-game/state", 404, null, "game no-such-game not found"));
        cases.add(get("events of an unknown game", GAMES + "no-such-game/events", 404, null, "game no-such-game not found"));
        cases.add(get("state beyond the end", GAMES + ACTIVE + "/state?atRevision=99", 400, "atRevision",
                "whose last revision is 1"));
        cases.add(get("negative atRevision", GAMES + ACTIVE + "/state?atRevision=-1", 400, "atRevision", "must be an integer ≥ 0"));
        cases.add(get("zero limit", GAMES + ACTIVE + "/events?limit=0", 400, "limit", "between 1 and 1000"));
        cases.add(get("huge limit", GAMES + ACTIVE + "/events?limit=1000000", 400, "limit", "between 1 and 1000"));
        cases.add(get("non-numeric minPosition", GAMES + ACTIVE + "/state?minPosition=soon", 400, "minPosition",
                "must be an integer"));

        // Read-model parameters
        cases.add(get("unknown synergy sort", "/api/v1/synergies?sort=luck", 400, "sort",
                "must be one of winRate, wilson, avgScore, games, hands, was 'luck'"));
        cases.add(get("unknown synergy size", "/api/v1/synergies?size=quad", 400, "size", "must be one of single, pair, set"));
        cases.add(get("negative synergy limit", "/api/v1/synergies?limit=-1", 400, "limit", "between 1 and 1000"));
        cases.add(get("huge synergy limit", "/api/v1/synergies?limit=99999999999999999999", 400, "limit",
                "between 1 and 1000"));
        cases.add(get("negative minGames", "/api/v1/synergies?minGames=-3", 400, "minGames", "must be an integer ≥ 0"));
        cases.add(get("unknown leaderboard sort", "/api/v1/strategies/leaderboard?sort=name", 400, "sort",
                "must be one of wilson, winRate"));
        cases.add(get("non-numeric minWins", "/api/v1/strategies/winning-builds?minWins=many", 400, "minWins",
                "must be an integer"));
        cases.add(get("zero winning-games limit", "/api/v1/strategies/winning-games?limit=0", 400, "limit",
                "between 1 and 1000"));
        cases.add(get("garbage cursor", "/api/v1/games?cursor=!!!", 400, "cursor", "is malformed"));
        cases.add(get("forged cursor", "/api/v1/games?cursor=" + java.util.Base64.getUrlEncoder()
                .encodeToString("v1:../../etc".getBytes(StandardCharsets.UTF_8)), 400, "cursor", "is malformed"));
        cases.add(get("unknown status", "/api/v1/games?status=DONE", 400, "status",
                "must be one of ACTIVE, WON (or WIN), LOST (or LOSS), ABANDONED"));
        cases.add(get("non-numeric minPosition on a read model", "/api/v1/stats/antes?minPosition=abc", 400,
                "minPosition", "must be an integer"));
        cases.add(get("negative minPosition on a read model", "/api/v1/synergies?minPosition=-1", 400,
                "minPosition", "must be an integer ≥ 0"));
        cases.add(get("unknown strategy", "/api/v1/strategies/nobody-at-all", 404, null, "strategy nobody-at-all not found"));
        cases.add(new Case("unknown projection replay", "POST", "/api/v1/admin/projections/everything/replay", ADMIN,
                JSON, bytes(""), 400, "name", "unknown projection 'everything'"));
        cases.add(new Case("researcher replaying", "POST", "/api/v1/admin/projections/synergies/replay", RESEARCHER,
                JSON, bytes(""), 403, null, "may not POST"));
        cases.add(new Case("agent archiving", "POST", "/api/v1/admin/retention?olderThan=0s", AGENT, JSON, bytes(""),
                403, null, "may not POST"));
        cases.add(new Case("retention without olderThan", "POST", "/api/v1/admin/retention", ADMIN, JSON, bytes(""),
                400, null, "olderThan"));
        cases.add(new Case("retention olderThan not a duration", "POST", "/api/v1/admin/retention?olderThan=soon",
                ADMIN, JSON, bytes(""), 400, "olderThan", "got 'soon'"));
        cases.add(new Case("retention olderThan negative", "POST", "/api/v1/admin/retention?olderThan=-1d", ADMIN,
                JSON, bytes(""), 400, "olderThan", "from 0s to 36500d"));
        cases.add(new Case("retention olderThan overflowing", "POST",
                "/api/v1/admin/retention?olderThan=99999999999999d", ADMIN, JSON, bytes(""), 400, "olderThan",
                "got '99999999999999d'"));
        cases.add(new Case("retention olderThan over a century", "POST", "/api/v1/admin/retention?olderThan=36501d",
                ADMIN, JSON, bytes(""), 400, "olderThan", "from 0s to 36500d"));
        cases.add(new Case("retention olderThan padded", "POST", "/api/v1/admin/retention?olderThan=" + "9".repeat(5000)
                + "d", ADMIN, JSON, bytes(""), 400, "olderThan", "…"));
        return cases.stream();
    }

    private static Case raw(String name, String path, String body, int status, String field, String message) {
        return new Case(name, "POST", path, AGENT, JSON, bytes(body), status, field, message);
    }

    private static Case rawEnv(String name, String path, String body, String field, String message) {
        return new Case(name, "POST", path, AGENT, JSON, bytes(body), 400, field, message);
    }

    private static Case env(String name, Map<String, Object> envelope, String field, String message) {
        return env(name, List.of(envelope), field, message);
    }

    private static Case env(String name, List<Map<String, Object>> events, String field, String message) {
        return new Case(name, "POST", GAMES + "fresh-game/events", AGENT, JSON, bytes(json(events)), 400, field, message);
    }

    private static Case ndjson(String name, String body, String field, String message) {
        return new Case(name, "POST", "/api/v1/events", AGENT, NDJSON, bytes(body), 400, field, message);
    }

    private static Case get(String name, String path, int status, String field, String message) {
        return new Case(name, "GET", path, RESEARCHER, null, null, status, field, message);
    }

    private static Map<String, Object> decision(String key, Object value) {
        Map<String, Object> e = Games.envelope("DecisionMade", data("ante", 1, "phase", "SHOP", "decisionType", "buy",
                "optionsAvailable", List.of("Joker", "skip"), "optionSelected", "Joker", "usedLlm", false,
                "timeToDecisionMs", 12));
        return dataWith(e, key, value);
    }

    private static Map<String, Object> with(Map<String, Object> envelope, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(envelope);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> envelope, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(envelope);
        copy.remove(key);
        return copy;
    }

    private static Map<String, Object> dataWith(Map<String, Object> envelope, String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>(cast((Map<?, ?>) envelope.get("data")));
        data.put(key, value);
        return with(envelope, "data", data);
    }

    private static Map<String, Object> dataWithout(Map<String, Object> envelope, String key) {
        Map<String, Object> data = new LinkedHashMap<>(cast((Map<?, ?>) envelope.get("data")));
        data.remove(key);
        return with(envelope, "data", data);
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
