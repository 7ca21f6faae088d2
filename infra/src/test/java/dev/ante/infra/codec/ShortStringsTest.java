package dev.ante.infra.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.JokerEffect;
import dev.ante.infra.store.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ShortStringsTest {

    private static String of(ShortStrings table, String text) {
        char[] padded = ("<<" + text + ">>").toCharArray();
        return table.of(padded, 2, text.length());
    }

    @Test
    void givenTheSameCharactersTwice_whenLookedUp_thenTheSecondLookupReturnsTheFirstString() {
        ShortStrings table = new ShortStrings(64);

        String first = of(table, "Blueprint");
        String again = of(table, "Blueprint");

        assertThat(first).isEqualTo("Blueprint");
        assertThat(again).isSameAs(first);
        assertThat(table.of(new String("Blueprint"))).isSameAs(first);
    }

    @Test
    void givenLongText_whenLookedUp_thenItIsMadeEachTimeAndNeverHeld() {
        ShortStrings table = new ShortStrings(64);
        String digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        String first = of(table, digest);
        String again = of(table, digest);

        assertThat(again).isEqualTo(digest).isNotSameAs(first);
        assertThat(table.of(digest)).isSameAs(digest);
    }

    @Test
    void givenMoreTextsThanSlots_whenLookedUp_thenEachAnswerHasTheCharactersAskedFor() {
        ShortStrings table = new ShortStrings(4);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                assertThat(of(table, "joker-" + i)).isEqualTo("joker-" + i);
            }
        }
        assertThat(of(table, "")).isEmpty();
    }

    @Test
    void givenTwoTextsWithTheSameHash_whenLookedUpInOneSlot_thenEachAnswerHasItsOwnCharacters() {
        ShortStrings table = new ShortStrings(1);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        String first = of(table, "Aa");
        String other = of(table, "BB");
        String again = of(table, "BB");

        assertThat(first).isEqualTo("Aa");
        assertThat(other).isEqualTo("BB");
        assertThat(again).isSameAs(other);
        assertThat(of(table, "Aa")).isEqualTo("Aa");
    }

    @Test
    void givenManyThreadsLookingUpTheSameNames_whenTheyRace_thenEveryAnswerIsTheTextAskedFor() throws Exception {
        ShortStrings table = new ShortStrings(16);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        String text = "name-" + ((i * 7 + seed) % 40);
                        if (!of(table, text).equals(text)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void givenASizeThatIsNotAPowerOfTwo_whenMade_thenRefused() {
        assertThatThrownBy(() -> new ShortStrings(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShortStrings(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTwoStoredEventsNamingTheSameJokers_whenDecoded_thenTheyShareTheNamesStringsAndReadAsWritten() {
        EventCodec codec = new EventCodec();
        HandPlayed hand = new HandPlayed(1, BlindType.SMALL, 1, List.of("AH", "KH"), "Pair",
                List.of("Joker", "Blueprint"), 10, 2.0, List.of(new JokerEffect("Joker", "+4 mult", 4)), 30, 4.5,
                135, 4, null, null);

        HandPlayed first = (HandPlayed) codec.data(stored(codec, hand, 1));
        HandPlayed second = (HandPlayed) codec.data(stored(codec, hand, 2));

        assertThat(first).isEqualTo(hand);
        assertThat(second).isEqualTo(hand);
        assertThat(second.jokers().get(1)).isSameAs(first.jokers().get(1));
        assertThat(second.handType()).isSameAs(first.handType());
        assertThat(second.jokerEffects().get(0).joker()).isSameAs(first.jokers().get(0));
    }

    private static RecordedEvent stored(EventCodec codec, Object data, long position) {
        var event = codec.encode(UUID.randomUUID(), Instant.parse("2026-12-06T10:00:00Z"), data);
        return new RecordedEvent("game-g1", event.eventId(), event.type(), position - 1, position,
                Instant.parse("2026-12-06T10:00:01Z"), event.data(), event.metadata());
    }
}
