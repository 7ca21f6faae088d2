package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.EventCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedJsonReaderTest {

    private final EnvelopeParser parser = new EnvelopeParser(IngestJson.strict().mapper());

    private static String parameters(int values) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < values; i++) {
            json.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static String registered(String parameters) {
        return """
                {"eventId": "8d0e2a4c-2f7b-4d51-9a3e-6c1b0f5e7a21", "type": "StrategyRegistered",
                 "occurredAt": "2026-12-05T12:00:00Z", "ignored": {"deep": [1, 2, {"x": 3}]},
                 "data": {"name": "s", "agentId": "a", "parameters": %s}}""".formatted(parameters);
    }

    private JsonNode read(String json, String path, List<Violation> out) throws Exception {
        BoundedJsonReader reader = new BoundedJsonReader(new BodyBudget(64L << 20).lease());
        try (JsonParser p = parser.parser(new java.io.ByteArrayInputStream(json.getBytes()))) {
            p.nextToken();
            return reader.read(p, CatalogShape.envelope(EventCatalog.STRATEGY), 4, path, out);
        }
    }

    @Test
    void readsANameThatRecursAsTheOneStringItReadBefore() throws Exception {
        String json = registered("{\"style\": \"aggressive\"}");

        JsonNode first = read(json, null, new ArrayList<>());
        JsonNode second = read(json, null, new ArrayList<>());

        assertThat(second.path("data").path("parameters").path("style").textValue())
                .isEqualTo("aggressive")
                .isSameAs(first.path("data").path("parameters").path("style").textValue());
    }

    @Test
    void keepsWhatTheCatalogReadsAndSkipsTheRest() throws Exception {
        List<Violation> out = new ArrayList<>();
        JsonNode node = read(registered(parameters(3)), null, out);

        assertThat(out).isEmpty();
        assertThat(node.has("ignored")).isFalse();
        assertThat(node.path("data").path("parameters").path("p2").asInt()).isEqualTo(2);
    }

    @Test
    void namesTheFreeFormValueThatHoldsTooMuchByItsPath() throws Exception {
        List<Violation> out = new ArrayList<>();
        read(registered(parameters(BoundedJsonReader.MAX_FREE_FORM_VALUES)), null, out);

        assertThat(out).containsExactly(new Violation(4, "data.parameters", "must hold at most "
                + BoundedJsonReader.MAX_FREE_FORM_VALUES + " values, nested ones included"));
    }

    @Test
    void prefixesThePathItWasGiven() throws Exception {
        List<Violation> out = new ArrayList<>();
        read(registered(parameters(BoundedJsonReader.MAX_FREE_FORM_VALUES)), "[2]", out);

        assertThat(out).extracting(Violation::field).containsExactly("[2].data.parameters");
    }

    @Test
    void aReaderReadsOneValueAfterAnotherWithTheirOwnPaths() throws Exception {
        BoundedJsonReader reader = new BoundedJsonReader(new BodyBudget(64L << 20).lease());
        List<Violation> out = new ArrayList<>();
        String body = "[" + registered(parameters(3)) + "," + registered(parameters(1200)) + "]";
        try (JsonParser p = parser.parser(new java.io.ByteArrayInputStream(body.getBytes()))) {
            p.nextToken();
            p.nextToken();
            reader.read(p, CatalogShape.envelope(EventCatalog.STRATEGY), 0, null, out);
            p.nextToken();
            reader.read(p, CatalogShape.envelope(EventCatalog.STRATEGY), 1, null, out);
        }
        assertThat(out).containsExactly(new Violation(1, "data.parameters", "must hold at most "
                + BoundedJsonReader.MAX_FREE_FORM_VALUES + " values, nested ones included"));
    }
}
