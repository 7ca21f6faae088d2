package dev.ante.api;

import static dev.ante.api.Games.data;
import static dev.ante.api.Games.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/jokers} over real HTTP: exact counts, and the same after an ADMIN replay. */
class JokerTierIT extends ApiTestBase {

    @Test
    void givenAGameWithShopsAndAWin_whenTheTierListIsRead_thenItsJokersAreCountedExactlyAndSurviveAReplay()
            throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String mine = "Tier Joker " + tag;
        String other = "Other Joker " + tag;
        String game = "tier-" + tag;
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Games.started());
        events.add(envelope("ShopEntered", data("ante", 1, "money", 10, "rerollCost", 5, "items", List.of(
                Map.of("slot", 0, "itemType", "JOKER", "name", mine, "cost", 4),
                Map.of("slot", 1, "itemType", "JOKER", "name", other, "cost", 6)))));
        events.add(envelope("ItemPurchased", data("ante", 1, "itemType", "JOKER", "name", mine, "cost", 4,
                "moneyAfter", 6)));
        events.add(envelope("ShopEntered", data("ante", 2, "money", 8, "rerollCost", 5, "items", List.of(
                Map.of("slot", 0, "itemType", "JOKER", "name", other, "cost", 6)))));
        events.add(envelope("JokerSold", data("ante", 2, "name", mine, "sellValue", 2, "moneyAfter", 10)));
        events.add(envelope("GameCompleted", data("outcome", "WIN", "finalAnte", 2, "finalMoney", 10,
                "bestHandScore", 100, "jokers", List.of(mine, mine))));
        Http.Response posted = http.postJson("/api/v1/games/" + game + "/events", AGENT, events);
        assertThat(posted.status()).as(posted.text()).isEqualTo(200);
        long position = posted.json().get("position").asLong();

        JsonNode before = tiers(position);
        JsonNode tier = find(before, mine);
        assertThat(tier.get("offered").asLong()).isEqualTo(1);
        assertThat(tier.get("bought").asLong()).isEqualTo(1);
        assertThat(tier.get("pickRate").asDouble()).isEqualTo(1.0);
        assertThat(tier.get("sold").asLong()).isEqualTo(1);
        assertThat(tier.get("games").asLong()).isEqualTo(1);
        assertThat(tier.get("wins").asLong()).isEqualTo(1);
        assertThat(tier.get("winRate").asDouble()).isEqualTo(1.0);
        JsonNode otherTier = find(before, other);
        assertThat(otherTier.get("offered").asLong()).isEqualTo(2);
        assertThat(otherTier.get("bought").asLong()).isZero();
        assertThat(otherTier.get("pickRate").asDouble()).isZero();
        assertThat(otherTier.get("games").asLong()).isZero();
        assertThat(otherTier.get("winRate").isNull()).isTrue();

        assertThat(http.postJson("/api/v1/admin/projections/jokers/replay", ADMIN, Map.of()).status()).isEqualTo(202);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode item = null;
            for (JsonNode i : http.get("/api/v1/projections", ADMIN).json().get("items")) {
                if (i.get("name").asText().equals("jokers")) {
                    item = i;
                }
            }
            assertThat(item).isNotNull();
            if (!item.get("replaying").asBoolean() && item.get("lag").asLong() == 0) {
                break;
            }
            assertThat(System.nanoTime()).as("the replay finishes").isLessThan(deadline);
            Thread.sleep(50);
        }
        JsonNode after = tiers(position);
        assertThat(find(after, mine)).isEqualTo(tier);
        assertThat(find(after, other)).isEqualTo(otherTier);
    }

    @Test
    void givenABadSort_whenTheTierListIsRead_thenTheSortsAreNamed() {
        Http.Response r = http.get("/api/v1/jokers?sort=best", RESEARCHER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("pickRate").contains("wilson");
    }

    private JsonNode tiers(long position) {
        Http.Response r = http.get("/api/v1/jokers?minGames=0&sort=games&limit=1000&minPosition=" + position,
                RESEARCHER);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("items");
    }

    private static JsonNode find(JsonNode items, String joker) {
        for (JsonNode item : items) {
            if (item.get("joker").asText().equals(joker)) {
                return item;
            }
        }
        throw new AssertionError(joker + " is not in the tier list");
    }
}
