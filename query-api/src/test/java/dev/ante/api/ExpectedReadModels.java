package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read models of docs/read-models.md computed by hand from the events, with no code shared with the
 * projections, and compared field by field with what the API answers.
 */
final class ExpectedReadModels {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long HIGH_SCORE = 10_000;

    private final Map<String, List<JsonNode>> games;
    private final Map<String, String> strategyNames;

    /**
     * @param games         game id → its events ({@code type}, {@code occurredAt}, {@code data}) in order
     * @param strategyNames strategy id → the name it was registered with
     */
    ExpectedReadModels(Map<String, List<JsonNode>> games, Map<String, String> strategyNames) {
        this.games = games;
        this.strategyNames = strategyNames;
    }

    static List<JsonNode> tree(List<Map<String, Object>> envelopes) {
        return envelopes.stream().map(e -> (JsonNode) MAPPER.valueToTree(e)).toList();
    }

    private static String outcome(List<JsonNode> events) {
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("GameCompleted")) {
                return e.get("data").get("outcome").asText();
            }
        }
        return null;
    }

    /** Stored events carry absent optional fields as JSON null; agents may leave them out. */
    private static boolean hasValue(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double wilson(long wins, long losses) {
        long n = wins + losses;
        if (n == 0 || wins == 0) {
            // With no wins the bound is exactly 0 by hand (centre and margin are both z²/2n).
            return 0.0;
        }
        double z = 1.96;
        double phat = (double) wins / n;
        return (phat + z * z / (2.0 * n) - z * Math.sqrt(phat * (1 - phat) / n + z * z / (4.0 * n * n))) / (1 + z * z / n);
    }

    // ---- game summaries -------------------------------------------------------------------------

    void checkSummaries(Http http, String key) {
        Map<String, JsonNode> actual = new HashMap<>();
        String cursor = null;
        do {
            Http.Response page = http.get("/api/v1/games?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("items").forEach(item -> actual.put(item.get("gameId").asText(), item));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(games.keySet());
        games.forEach((gameId, events) -> {
            JsonNode row = actual.get(gameId);
            JsonNode start = events.get(0).get("data");
            String outcome = outcome(events);
            Integer ante = null;
            int money = start.get("startingMoney").asInt();
            long best = 0;
            int hands = 0;
            for (JsonNode e : events) {
                JsonNode d = e.get("data");
                if (hasValue(d, "ante")) {
                    ante = d.get("ante").asInt();
                }
                if (d.has("moneyAfter") && !d.get("moneyAfter").isNull()) {
                    money = d.get("moneyAfter").asInt();
                }
                if (e.get("type").asText().equals("HandPlayed")) {
                    hands++;
                    best = Math.max(best, d.get("finalScore").asLong());
                }
                if (e.get("type").asText().equals("GameCompleted")) {
                    ante = d.get("finalAnte").asInt();
                    money = d.get("finalMoney").asInt();
                }
            }
            String status = outcome == null ? "ACTIVE" : Map.of("WIN", "WON", "LOSS", "LOST", "ABANDONED", "ABANDONED").get(outcome);
            assertThat(row.get("status").asText()).as(gameId).isEqualTo(status);
            assertThat(row.get("agentId").asText()).isEqualTo(start.get("agentId").asText());
            assertThat(row.get("strategyId").isNull() ? null : row.get("strategyId").asText())
                    .isEqualTo(hasValue(start, "strategyId") ? start.get("strategyId").asText() : null);
            assertThat(row.get("deck").asText()).isEqualTo(start.get("deck").asText());
            assertThat(row.get("stake").asText()).isEqualTo(start.get("stake").asText());
            assertThat(row.get("ante").isNull() ? null : row.get("ante").asInt()).as(gameId).isEqualTo(ante);
            assertThat(row.get("money").asInt()).as(gameId).isEqualTo(money);
            assertThat(row.get("handsPlayed").asInt()).as(gameId).isEqualTo(hands);
            assertThat(row.get("bestHandScore").asLong()).as(gameId).isEqualTo(best);
            assertThat(row.get("revision").asLong()).as(gameId).isEqualTo(events.size() - 1);
            assertThat(row.get("startedAt").asText()).isEqualTo(events.get(0).get("occurredAt").asText());
            if (outcome == null) {
                assertThat(row.get("completedAt").isNull()).isTrue();
            } else {
                assertThat(row.get("completedAt").asText()).isEqualTo(events.get(events.size() - 1).get("occurredAt").asText());
            }
        });
        // The status filter takes the stored words and the outcomes' (WIN, LOSS), in any case.
        for (String[] filter : new String[][] {{"WON", "WON"}, {"win", "WON"}, {"LOST", "LOST"}, {"Loss", "LOST"}}) {
            List<String> expected = actual.values().stream().filter(r -> r.get("status").asText().equals(filter[1]))
                    .map(r -> r.get("gameId").asText()).toList();
            Http.Response filtered = http.get("/api/v1/games?limit=1000&status=" + filter[0], key);
            assertThat(filtered.status()).as(filtered.text()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            filtered.json().get("items").forEach(item -> ids.add(item.get("gameId").asText()));
            assertThat(ids).as("status=" + filter[0]).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    // ---- synergies ------------------------------------------------------------------------------

    private static final class KeyStats {
        long hands;
        long scoreSum;
        long high;
        final Set<String> games = new LinkedHashSet<>();
    }

    void checkSynergies(Http http, String key) {
        for (String size : List.of("single", "pair", "set")) {
            Map<String, KeyStats> expected = new TreeMap<>();
            games.forEach((gameId, events) -> {
                for (JsonNode hand : ofType(events, "HandPlayed")) {
                    TreeSet<String> set = new TreeSet<>();
                    hand.get("data").get("jokers").forEach(j -> set.add(j.asText()));
                    if (set.isEmpty()) {
                        continue;
                    }
                    List<String> names = new ArrayList<>(set);
                    List<String> keys = new ArrayList<>();
                    if (size.equals("single")) {
                        keys.addAll(names);
                    } else if (size.equals("pair")) {
                        for (int i = 0; i < names.size(); i++) {
                            for (int j = i + 1; j < names.size(); j++) {
                                keys.add(names.get(i) + "+" + names.get(j));
                            }
                        }
                    } else {
                        keys.add(String.join("+", names));
                    }
                    long score = hand.get("data").get("finalScore").asLong();
                    for (String k : keys) {
                        KeyStats s = expected.computeIfAbsent(k, x -> new KeyStats());
                        s.hands++;
                        s.scoreSum += score;
                        s.high += score > HIGH_SCORE ? 1 : 0;
                        s.games.add(gameId);
                    }
                }
            });
            Http.Response response = http.get("/api/v1/synergies?size=" + size + "&minGames=0&sort=games&limit=1000", key);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            Map<String, JsonNode> actual = new HashMap<>();
            List<String> order = new ArrayList<>();
            response.json().get("items").forEach(item -> {
                actual.put(item.get("key").asText(), item);
                order.add(item.get("key").asText());
            });
            assertThat(expected.size()).as(size + " keys fit one page").isLessThanOrEqualTo(1000);
            assertThat(actual.keySet()).as(size).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((k, s) -> {
                long wins = s.games.stream().filter(g -> "WIN".equals(outcome(games.get(g)))).count();
                long losses = s.games.stream().filter(g -> "LOSS".equals(outcome(games.get(g)))).count();
                JsonNode row = actual.get(k);
                assertThat(row.get("hands").asLong()).as(size + " " + k).isEqualTo(s.hands);
                assertThat(row.get("avgScore").asDouble()).as(size + " " + k).isEqualTo((double) s.scoreSum / s.hands);
                assertThat(row.get("highScoreHands").asLong()).as(size + " " + k).isEqualTo(s.high);
                assertThat(row.get("games").asLong()).as(size + " " + k).isEqualTo(s.games.size());
                assertThat(row.get("wins").asLong()).as(size + " " + k).isEqualTo(wins);
                assertThat(row.get("losses").asLong()).as(size + " " + k).isEqualTo(losses);
                if (wins + losses == 0) {
                    assertThat(row.get("winRate").isNull()).isTrue();
                } else {
                    assertThat(row.get("winRate").asDouble()).isEqualTo((double) wins / (wins + losses));
                }
                assertThat(row.get("wilson").asDouble()).as(size + " " + k).isEqualTo(wilson(wins, losses));
                List<String> jokers = new ArrayList<>();
                row.get("jokers").forEach(j -> jokers.add(j.asText()));
                assertThat(String.join("+", jokers)).isEqualTo(k);
            });
            // Checked after the values, so that a wrong count is reported as such rather than as an order.
            // Most games first; ties in the order of the SHA-256 hex of the key (docs/api.md).
            assertThat(order).as(size + " order").containsExactlyElementsOf(expected.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, KeyStats> e) -> e.getValue().games.size())
                            .reversed().thenComparing(e -> sha256Hex(e.getKey())))
                    .map(Map.Entry::getKey).toList());
        }
    }

    // ---- strategies -----------------------------------------------------------------------------

    void checkLeaderboard(Http http, String key) {
        Map<String, long[]> expected = new TreeMap<>(); // games, completed, wins, losses, anteSum, best
        games.forEach((gameId, events) -> {
            JsonNode start = events.get(0).get("data");
            if (!hasValue(start, "strategyId")) {
                return;
            }
            long[] s = expected.computeIfAbsent(start.get("strategyId").asText(), x -> new long[6]);
            s[0]++;
            for (JsonNode hand : ofType(events, "HandPlayed")) {
                s[5] = Math.max(s[5], hand.get("data").get("finalScore").asLong());
            }
            for (JsonNode done : ofType(events, "GameCompleted")) {
                s[1]++;
                s[4] += done.get("data").get("finalAnte").asLong();
                String outcome = done.get("data").get("outcome").asText();
                s[2] += outcome.equals("WIN") ? 1 : 0;
                s[3] += outcome.equals("LOSS") ? 1 : 0;
            }
        });
        Http.Response response = http.get("/api/v1/strategies/leaderboard?minGames=0&limit=1000", key);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        Map<String, JsonNode> actual = new HashMap<>();
        response.json().get("items").forEach(item -> actual.put(item.get("strategyId").asText(), item));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, s) -> {
            JsonNode row = actual.get(id);
            assertThat(row.get("games").asLong()).as(id).isEqualTo(s[0]);
            assertThat(row.get("completed").asLong()).as(id).isEqualTo(s[1]);
            assertThat(row.get("wins").asLong()).as(id).isEqualTo(s[2]);
            assertThat(row.get("losses").asLong()).as(id).isEqualTo(s[3]);
            assertThat(row.get("avgFinalAnte").asDouble()).as(id).isEqualTo((double) s[4] / s[1]);
            assertThat(row.get("bestHandScore").asLong()).as(id).isEqualTo(s[5]);
            assertThat(row.get("wilson").asDouble()).as(id).isEqualTo(wilson(s[2], s[3]));
            assertThat(row.get("name").isNull() ? null : row.get("name").asText()).as(id).isEqualTo(strategyNames.get(id));
        });
        List<Double> wilsons = new ArrayList<>();
        response.json().get("items").forEach(item -> wilsons.add(item.get("wilson").asDouble()));
        assertThat(wilsons).isSortedAccordingTo(Comparator.reverseOrder());
    }

    // ---- winning games and builds ------------------------------------------------------------------

    void checkWinning(Http http, String key) {
        Map<String, JsonNode> wins = new TreeMap<>();
        Map<String, long[]> builds = new TreeMap<>(); // wins, anteSum
        games.forEach((gameId, events) -> {
            if (!"WIN".equals(outcome(events))) {
                return;
            }
            JsonNode done = events.get(events.size() - 1).get("data");
            wins.put(gameId, done);
            TreeSet<String> set = new TreeSet<>();
            done.get("jokers").forEach(j -> set.add(j.asText()));
            long[] b = builds.computeIfAbsent(String.join("+", set), x -> new long[2]);
            b[0]++;
            b[1] += done.get("finalAnte").asLong();
        });
        Http.Response response = http.get("/api/v1/strategies/winning-games?limit=1000", key);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        Map<String, JsonNode> actual = new HashMap<>();
        response.json().get("items").forEach(item -> actual.put(item.get("gameId").asText(), item));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(wins.keySet());
        wins.forEach((gameId, done) -> {
            JsonNode row = actual.get(gameId);
            List<JsonNode> events = games.get(gameId);
            JsonNode start = events.get(0).get("data");
            long best = ofType(events, "HandPlayed").stream().mapToLong(h -> h.get("data").get("finalScore").asLong())
                    .max().orElse(0);
            assertThat(row.get("finalAnte").asInt()).isEqualTo(done.get("finalAnte").asInt());
            assertThat(row.get("bestHandScore").asLong()).isEqualTo(best);
            assertThat(row.get("jokers")).isEqualTo(done.get("jokers"));
            assertThat(row.get("deck").asText()).isEqualTo(start.get("deck").asText());
            assertThat(row.get("agentId").asText()).isEqualTo(start.get("agentId").asText());
            assertThat(row.get("completedAt").asText()).isEqualTo(events.get(events.size() - 1).get("occurredAt").asText());
        });
        Http.Response buildResponse = http.get("/api/v1/strategies/winning-builds?minWins=1&limit=1000", key);
        assertThat(buildResponse.status()).as(buildResponse.text()).isEqualTo(200);
        Map<String, JsonNode> actualBuilds = new HashMap<>();
        buildResponse.json().get("items").forEach(item -> actualBuilds.put(item.get("key").asText(), item));
        assertThat(actualBuilds.keySet()).containsExactlyInAnyOrderElementsOf(builds.keySet());
        builds.forEach((k, b) -> {
            assertThat(actualBuilds.get(k).get("wins").asLong()).as(k).isEqualTo(b[0]);
            assertThat(actualBuilds.get(k).get("avgFinalAnte").asDouble()).as(k).isEqualTo((double) b[1] / b[0]);
        });
    }

    // ---- ante stats -----------------------------------------------------------------------------

    void checkAnteStats(Http http, String key) {
        Map<Integer, long[]> expected = new TreeMap<>();
        int top = 0;
        List<JsonNode> completed = new ArrayList<>();
        for (List<JsonNode> events : games.values()) {
            String outcome = outcome(events);
            if ("WIN".equals(outcome) || "LOSS".equals(outcome)) {
                completed.add(events.get(events.size() - 1).get("data"));
                top = Math.max(top, events.get(events.size() - 1).get("data").get("finalAnte").asInt());
            }
        }
        for (int a = 1; a <= top; a++) {
            int ante = a;
            long reached = completed.stream().filter(d -> d.get("finalAnte").asInt() >= ante).count();
            long lost = completed.stream().filter(d -> d.get("finalAnte").asInt() == ante
                    && d.get("outcome").asText().equals("LOSS")).count();
            expected.put(a, new long[] {reached, lost});
        }
        Http.Response response = http.get("/api/v1/stats/antes", key);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.json().get("items")).hasSize(expected.size());
        response.json().get("items").forEach(item -> {
            long[] e = expected.get(item.get("ante").asInt());
            assertThat(item.get("reached").asLong()).as("ante " + item.get("ante")).isEqualTo(e[0]);
            assertThat(item.get("lostAt").asLong()).as("ante " + item.get("ante")).isEqualTo(e[1]);
        });
    }

    void checkAll(Http http, String key) {
        checkSummaries(http, key);
        checkSynergies(http, key);
        checkLeaderboard(http, key);
        checkWinning(http, key);
        checkAnteStats(http, key);
    }
}
