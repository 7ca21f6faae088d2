package dev.ante.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultCapTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenAnAnswerThatFits_whenCapped_thenItIsReturnedByteForByte() {
        String body = "{ \"items\" : [ {\"key\": \"a\"} ], \"nextCursor\": null }";
        ResultCap.Capped capped = ResultCap.cap(JSON, body, 1_000);
        assertThat(capped.json()).isSameAs(body);
        assertThat(capped.dropped()).isZero();
    }

    @Test
    void givenAPageOverTheLimit_whenCapped_thenLastItemsGoAndItIsMarked() throws Exception {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (int i = 0; i < 500; i++) {
            items.addObject().put("key", "joker-" + i).putArray("jokers").add("Blueprint").add("Brainstorm");
        }
        ResultCap.Capped capped = ResultCap.cap(JSON, page.toString(), 5_000);
        JsonNode cut = JSON.readTree(capped.json());
        assertThat(capped.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(5_000);
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        int kept = cut.get("items").size();
        assertThat(kept).isBetween(1, 499);
        assertThat(capped.dropped()).isEqualTo(500 - kept);
        // The first items, in order, each whole: a row's own lists are never cut.
        for (int i = 0; i < kept; i++) {
            assertThat(cut.get("items").get(i)).isEqualTo(items.get(i));
        }
    }

    @Test
    void givenSqlRows_whenCapped_thenWholeRowsGoAndTheEndpointsOwnFlagIsSet() throws Exception {
        ObjectNode result = JSON.createObjectNode();
        result.putArray("columns").addObject().put("name", "n").put("type", "LONG");
        ArrayNode rows = result.putArray("rows");
        for (int i = 0; i < 2_000; i++) {
            rows.addArray().add(i).add("value-" + i);
        }
        result.put("truncated", false);
        JsonNode cut = JSON.readTree(ResultCap.cap(JSON, result.toString(), 4_000).json());
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("columns")).isEqualTo(result.get("columns"));
        cut.get("rows").forEach(row -> assertThat(row.size()).isEqualTo(2));
    }

    @Test
    void givenCurves_whenCapped_thenBucketsGoBeforeWholeMetrics() throws Exception {
        ObjectNode curves = JSON.createObjectNode();
        ArrayNode metrics = curves.putArray("metrics");
        for (String name : new String[] {"loss", "reward"}) {
            ArrayNode buckets = metrics.addObject().put("name", name).putArray("buckets");
            for (int i = 0; i < 300; i++) {
                buckets.addObject().put("fromStep", i).put("mean", 0.5);
            }
        }
        JsonNode cut = JSON.readTree(ResultCap.cap(JSON, curves.toString(), 6_000).json());
        assertThat(cut.get("metrics")).hasSize(2);
        assertThat(cut.get("metrics").get(0).get("buckets").size()).isBetween(1, 299);
        assertThat(cut.get("metrics").get(1).get("buckets").size()).isBetween(1, 299);
    }

    @Test
    void givenAnAnswerWithNoListToCut_whenOverTheLimit_thenNothingIsReturned() {
        String big = "{\"text\": \"" + "x".repeat(5_000) + "\"}";
        assertThat(ResultCap.cap(JSON, big, 1_000)).isNull();
    }
}
