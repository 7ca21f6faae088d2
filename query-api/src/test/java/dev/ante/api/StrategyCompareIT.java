package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/strategies/compare} over real HTTP against values computed by hand from the games
 * posted: unpaired over every won or lost game, paired over the first completed game per seed.
 */
class StrategyCompareIT extends ApiTestBase {

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String a = "cmp-a-" + tag;
    private final String b = "cmp-b-" + tag;
    private long lastPosition;

    @Test
    void givenTwoStrategiesOnSharedSeeds_whenCompared_thenUnpairedAndPairedResultsAreTheHandComputedOnes() {
        Instant t = Games.t0();
        // A: seeds s1..s5 won, won, lost, won, lost; a later loss on s1 counts unpaired but not as s1's pair.
        game(a, "s1", "WIN", t);
        game(a, "s2", "WIN", t);
        game(a, "s3", "LOSS", t);
        game(a, "s4", "WIN", t);
        game(a, "s5", "LOSS", t);
        game(a, "s1", "LOSS", t.plus(Duration.ofHours(1)));
        game(a, "s2", "ABANDONED", t);
        // B: seeds s1..s4 lost, won, lost, lost; s9 won (no pair).
        game(b, "s1", "LOSS", t);
        game(b, "s2", "WIN", t);
        game(b, "s3", "LOSS", t);
        game(b, "s4", "LOSS", t);
        game(b, "s9", "WIN", t);

        // Unpaired: A 3 of 6, B 2 of 5.
        JsonNode unpaired = compare("a=" + a + "&b=" + b);
        assertSide(unpaired.get("a"), a, 6, 3, 3, 0.5, 0.1876128);
        assertSide(unpaired.get("b"), b, 5, 2, 3, 0.4, 0.1176182);
        assertThat(unpaired.get("difference").asDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(unpaired.get("ci95").get(0).asDouble()).isCloseTo(-0.3836874, within(1e-6));
        assertThat(unpaired.get("ci95").get(1).asDouble()).isCloseTo(0.5211000, within(1e-6));
        assertThat(unpaired.get("pValue").asDouble()).isCloseTo(0.7401441, within(1e-6));
        assertThat(unpaired.get("method").asText()).contains("z-test").contains("Newcombe");
        assertThat(unpaired.get("pairs").isNull()).isTrue();

        // Paired on s1..s4: both won s2; only A won s1 and s4; neither s3.
        JsonNode paired = compare("a=" + a + "&b=" + b + "&pairedBySeed=true");
        assertThat(paired.get("pairs").asLong()).isEqualTo(4);
        assertSide(paired.get("a"), a, 4, 3, 1, 0.75, 0.3006361);
        assertSide(paired.get("b"), b, 4, 1, 3, 0.25, 0.0455861);
        assertThat(paired.get("difference").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(paired.get("pValue").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(paired.get("ci95").get(0).asDouble()).isCloseTo(-0.0188808, within(1e-6));
        assertThat(paired.get("ci95").get(1).asDouble()).isCloseTo(0.7360369, within(1e-6));
        assertThat(paired.get("method").asText()).contains("McNemar");

        // A strategy against itself: no difference.
        JsonNode itself = compare("a=" + a + "&b=" + a + "&pairedBySeed=true");
        assertThat(itself.get("difference").asDouble()).isZero();
        assertThat(itself.get("pValue").asDouble()).isEqualTo(1.0);
    }

    @Test
    void givenAStrategyWithoutGames_whenCompared_thenThereIsNoDifferenceToReport() {
        game(a, "s1", "WIN", Games.t0());
        JsonNode result = compare("a=" + a + "&b=nobody-" + tag);
        assertThat(result.get("b").get("games").asLong()).isZero();
        assertThat(result.get("b").get("winRate").isNull()).isTrue();
        assertThat(result.get("difference").isNull()).isTrue();
        assertThat(result.get("ci95").isNull()).isTrue();
        assertThat(result.get("pValue").isNull()).isTrue();
    }

    @Test
    void givenBadParameters_whenCompared_thenEachIsNamed() {
        Http.Response r = http.get("/api/v1/strategies/compare?a=bad/id&pairedBySeed=maybe", RESEARCHER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("a", "b",
                "pairedBySeed");
    }

    private JsonNode compare(String query) {
        Http.Response r = http.get("/api/v1/strategies/compare?" + query + "&minPosition=" + lastPosition, RESEARCHER);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static void assertSide(JsonNode side, String id, long games, long wins, long losses, double winRate,
                                   double wilson) {
        assertThat(side.get("strategyId").asText()).isEqualTo(id);
        assertThat(side.get("games").asLong()).isEqualTo(games);
        assertThat(side.get("wins").asLong()).isEqualTo(wins);
        assertThat(side.get("losses").asLong()).isEqualTo(losses);
        assertThat(side.get("winRate").asDouble()).isCloseTo(winRate, within(1e-9));
        assertThat(side.get("wilson").asDouble()).isCloseTo(wilson, within(1e-6));
    }

    private void game(String strategy, String seed, String outcome, Instant at) {
        String id = "cmp-" + UUID.randomUUID();
        List<Map<String, Object>> events = List.of(
                envelope(UUID.randomUUID(), "GameStarted", at, data("agentId", "agent-cmp", "strategyId", strategy,
                        "seed", seed, "deck", "Red Deck", "stake", "White", "startingMoney", 4)),
                envelope(UUID.randomUUID(), "GameCompleted", at.plusSeconds(60), data("outcome", outcome,
                        "finalAnte", 2, "finalMoney", 3, "bestHandScore", 100, "jokers", List.of())));
        Http.Response r = http.postJson("/api/v1/games/" + id + "/events", AGENT, events);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        lastPosition = Math.max(lastPosition, r.json().get("position").asLong());
    }
}
