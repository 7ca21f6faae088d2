package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.JokerEffect;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.strategy.StrategyRegistered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Equal content, equal digest; any difference the events' equality sees, a different digest. */
class ContentDigestTest {

    @Test
    void givenEqualRecords_whenDigested_thenEqualDigests() {
        StrategyRegistered a = registered(Map.of("epsilon", 0.1, "layers", List.of(64, 64), "name", "dqn"));
        StrategyRegistered b = registered(new HashMap<>(Map.of("layers", new ArrayList<>(List.of(64, 64)),
                "name", "dqn", "epsilon", 0.1)));

        assertThat(a).isEqualTo(b);
        assertThat(ContentDigest.of(a)).isEqualTo(ContentDigest.of(b));
    }

    @Test
    void givenMapsInAnotherOrder_whenDigested_thenTheOrderDoesNotMatter() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("a", 1);
        one.put("b", null);
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("b", null);
        other.put("a", 1);

        assertThat(ContentDigest.of(one)).isEqualTo(ContentDigest.of(other));
    }

    @Test
    void givenAnyDifference_whenDigested_thenDifferentDigests() {
        List<Object> values = List.of(
                registered(Map.of("epsilon", 0.1)),
                registered(Map.of("epsilon", 0.2)),
                registered(Map.of("epsilon", "0.1")),
                registered(Map.of("Epsilon", 0.1)),
                registered(Map.of()),
                new StrategyRegistered("dqn", "agent-2", null, Map.of()),
                new StrategyRegistered("dqn", "agent-1", "v1", Map.of()),
                new JokerEffect("Blueprint", "mult", 2.0),
                new JokerEffect("Blueprint", "mult", -0.0),
                new JokerEffect("Blueprint", "mult", 0.0),
                new JokerEffect("Blue", "printmult", 2.0),
                List.of("a", "b"),
                List.of("b", "a"),
                List.of("ab"),
                Arrays.asList("a", null),
                Arrays.asList(null, "a"),
                "",
                List.of(),
                Map.of());
        List<ContentDigest> digests = values.stream().map(ContentDigest::of).toList();

        assertThat(digests).doesNotHaveDuplicates();
    }

    @Test
    void givenNumbersOfDifferentBoxes_whenTheyHoldTheSameValue_thenTheSameDigest() {
        // JSON numbers arrive as Integer or Long depending on their size; the value is what counts.
        assertThat(ContentDigest.of(Map.of("n", 7))).isEqualTo(ContentDigest.of(Map.of("n", 7L)));
        assertThat(ContentDigest.of(Map.of("n", 7))).isNotEqualTo(ContentDigest.of(Map.of("n", 7.0)));
    }

    @Test
    void givenNestedMapsAndSetsInAnotherOrder_whenDigested_thenTheOrderDoesNotMatterAtAnyDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("x", List.of(1, 2));
        inner.put("y", java.util.Set.of("p", "q"));
        Map<String, Object> innerReversed = new LinkedHashMap<>();
        innerReversed.put("y", new java.util.LinkedHashSet<>(List.of("q", "p")));
        innerReversed.put("x", List.of(1, 2));

        assertThat(ContentDigest.of(Map.of("outer", inner, "n", 1)))
                .isEqualTo(ContentDigest.of(Map.of("n", 1, "outer", innerReversed)));
        assertThat(ContentDigest.of(Map.of("outer", inner)))
                .isNotEqualTo(ContentDigest.of(Map.of("outer", Map.of("x", List.of(2, 1), "y", java.util.Set.of("p", "q")))));
    }

    @Test
    void givenContentLargerThanTheBuffer_whenDigested_thenEveryByteCounts() {
        String big = "j".repeat(100_000);
        String bigToo = "j".repeat(99_999) + "k";

        assertThat(ContentDigest.of(List.of(big, 1))).isEqualTo(ContentDigest.of(List.of(new String(big), 1)));
        assertThat(ContentDigest.of(List.of(big, 1))).isNotEqualTo(ContentDigest.of(List.of(bigToo, 1)));
        // the buffer shrinks back after a large value and still digests small ones alike
        assertThat(ContentDigest.of("a")).isEqualTo(ContentDigest.of("a"));
    }

    @Test
    void givenKnownValues_whenDigested_thenTheDigestsAreThoseSnapshotsHold() {
        // Digests are kept in snapshots' ledgers: a change of encoding would make retried events look like
        // conflicts. These were taken from the encoding as first released.
        JokerEffect effect = new JokerEffect("Blueprint", "mult", 2.5);
        assertThat(ContentDigest.of("plain ascii"))
                .isEqualTo(new ContentDigest(4743579869640436356L, 1312728278427530740L));
        assertThat(ContentDigest.of("naïve café ✓ 😀"))
                .isEqualTo(new ContentDigest(-1947155828515350817L, 5248145804425448628L));
        assertThat(ContentDigest.of(List.of("a", "b", effect)))
                .isEqualTo(new ContentDigest(-6152140232473739227L, 990093585163387908L));
        assertThat(ContentDigest.of(Map.of("k", 1, "n", List.of(Outcome.WIN))))
                .isEqualTo(new ContentDigest(6472249259318672406L, 2187146303417808966L));
        assertThat(ContentDigest.of(Outcome.WIN))
                .isEqualTo(new ContentDigest(-930372555141444095L, -5266157576129421598L));
        assertThat(ContentDigest.of("")).isEqualTo(new ContentDigest(-6541854230042973636L, 2251240539213401615L));
    }

    private static StrategyRegistered registered(Map<String, Object> parameters) {
        return new StrategyRegistered("dqn", "agent-1", null, parameters);
    }
}
