package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.Violation;
import dev.ante.domain.game.HandPlayed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSchemaTest {

    private static final ObjectMapper JSON = IngestJson.strict().mapper();

    private static final String HAND = """
            {"ante": 1, "blindType": "SMALL", "handNumber": 1, "cards": ["AH", "AS"], "handType": "Pair",
             "jokers": ["Joker"], "baseChips": 10, "baseMult": 2.0, "finalChips": 32, "finalMult": 9.0,
             "finalScore": 288%s}""";

    private static List<Violation> check(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        List<Violation> out = new ArrayList<>();
        RecordSchema.check(node, HandPlayed.class, 3, "data", out);
        return out;
    }

    private static List<String> rendered(List<Violation> violations) {
        return violations.stream().map(Violation::render).toList();
    }

    @Test
    void givenAValidHandWithUnknownFields_whenChecked_thenNothingIsReported() throws Exception {
        assertThat(check(HAND.formatted(", \"pad\": [{\"a\": 1}], \"moneyAfter\": 4"))).isEmpty();
    }

    @Test
    void givenMissingMistypedAndOutOfRangeFields_whenChecked_thenEveryProblemIsListedWithItsPath() throws Exception {
        String json = """
                {"ante": "one", "blindType": "HUGE", "handNumber": 0, "cards": ["1", "2", "3", "4", "5", "6"],
                 "jokers": ["Joker", null], "baseChips": 10.5, "baseMult": 2.0, "finalChips": 32, "finalMult": 9.0,
                 "finalScore": -1}""";

        List<Violation> violations = check(json);

        assertThat(violations).allMatch(v -> v.index() == 3);
        assertThat(rendered(violations)).contains(
                "[3].data.ante: must be an integer, was string",
                "[3].data.handNumber: must be ≥ 1, was 0",
                "[3].data.cards: must hold 1 to 5 elements, held 6",
                "[3].data.handType: is required",
                "[3].data.jokers[1]: must not be null",
                "[3].data.baseChips: must be an integer, was number",
                "[3].data.finalScore: must be ≥ 0, was -1");
        assertThat(rendered(violations)).anyMatch(v -> v.startsWith("[3].data.blindType: must be one of SMALL, BIG, BOSS"));
    }

    @Test
    void givenControlCharactersOrBlanks_whenChecked_thenTheFieldAndTheFirstOffenderAreNamed() throws Exception {
        String json = HAND.formatted("").replace("\"Pair\"", "\"Pair\\u0000evil\"")
                .replace("[\"Joker\"]", "[\"Joker\", \"Bad\\u0001\", \" \"]");

        assertThat(rendered(check(json))).containsExactlyInAnyOrder(
                "[3].data.handType: must not contain control characters (U+0000 at 4)",
                "[3].data.jokers[1]: must not contain control characters (U+0001 at 3)",
                "[3].data.jokers[2]: must not be blank");
    }

    @Test
    void givenAStringOverTheLimit_whenChecked_thenItsLengthIsReported() throws Exception {
        String json = HAND.formatted("").replace("\"Pair\"", "\"" + "x".repeat(RecordSchema.DEFAULT_MAX_STRING + 1) + "\"");

        assertThat(rendered(check(json))).containsExactly("[3].data.handType: must be at most "
                + RecordSchema.DEFAULT_MAX_STRING + " characters, was " + (RecordSchema.DEFAULT_MAX_STRING + 1));
    }

    @Test
    void givenAFreeFormNumberTooLargeForADouble_whenChecked_thenItIsNamedWhereverItIsNested() throws Exception {
        JsonNode node = JSON.readTree("""
                {"name": "greedy", "agentId": "a-1", "parameters": {"depth": 3, "huge": 1e400, "ok": 1.5e300,
                 "nested": {"list": [1, -2e999, "1e999"]}}}""");
        List<Violation> out = new ArrayList<>();

        RecordSchema.check(node, dev.ante.domain.strategy.StrategyRegistered.class, 0, "data", out);

        assertThat(rendered(out)).containsExactly(
                "[0].data.parameters.huge: must be a finite number (at most about 1.8e308 in size)",
                "[0].data.parameters.nested.list[1]: must be a finite number (at most about 1.8e308 in size)");
    }
}
