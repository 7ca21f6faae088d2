package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IdsTest {

    /** The three id types share one syntax, so every case runs against each of them. */
    enum Kind {
        GAME("game-", GameId::of, id -> ((GameId) id).streamName(), GameId::fromStreamName),
        STRATEGY("strategy-", StrategyId::of, id -> ((StrategyId) id).streamName(), StrategyId::fromStreamName),
        LEARNING("learning-", RunId::of, id -> ((RunId) id).streamName(), RunId::fromStreamName);

        final String prefix;
        final Function<String, Object> create;
        final Function<Object, String> streamName;
        final Function<String, Object> fromStreamName;

        Kind(String prefix, Function<String, Object> create, Function<Object, String> streamName,
             Function<String, Object> fromStreamName) {
            this.prefix = prefix;
            this.create = create;
            this.streamName = streamName;
            this.fromStreamName = fromStreamName;
        }
    }

    static final List<String> VALID = List.of(
            "a", "g-1", "Game_2026.11.23", "UPPER", "0", "...", ".hidden", "-leading-dash", "x".repeat(64),
            "3f2b9c1e-8d4a-4c2e-9b1f-6a7d5e4c3b2a");

    static final List<String> INVALID = List.of(
            "", "x".repeat(65), "../x", "a/b", "a\\b", "é", "日本", "naïve", "a b", " a", "a ", "x';DROP",
            "x';DROP TABLE games;--", ".", "..", "a\nb", "a\tb", "a:b", "a%2Fb", "a\u0000b");

    static Stream<Arguments> validIds() {
        return Stream.of(Kind.values()).flatMap(kind -> VALID.stream().map(value -> Arguments.of(kind, value)));
    }

    static Stream<Arguments> invalidIds() {
        return Stream.of(Kind.values()).flatMap(kind -> INVALID.stream().map(value -> Arguments.of(kind, value)));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("validIds")
    void givenValidValue_whenIdCreated_thenItKeepsTheValueAndBuildsItsStreamName(Kind kind, String value) {
        Object id = kind.create.apply(value);

        assertThat(id.toString()).isEqualTo(value);
        assertThat(kind.streamName.apply(id)).isEqualTo(kind.prefix + value);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("validIds")
    void givenValidId_whenItsStreamNameIsParsed_thenTheSameIdComesBack(Kind kind, String value) {
        Object id = kind.create.apply(value);

        assertThat(kind.fromStreamName.apply(kind.streamName.apply(id))).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("invalidIds")
    void givenInvalidValue_whenIdCreated_thenRejected(Kind kind, String value) {
        assertThatThrownBy(() -> kind.create.apply(value)).isInstanceOf(InvalidIdException.class);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("invalidIds")
    void givenStreamNameWithInvalidId_whenParsed_thenRejected(Kind kind, String value) {
        assertThatThrownBy(() -> kind.fromStreamName.apply(kind.prefix + value))
                .isInstanceOf(InvalidIdException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givenNull_whenIdCreated_thenRejected(Kind kind) {
        assertThatThrownBy(() -> kind.create.apply(null)).isInstanceOf(InvalidIdException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givenNullOrForeignStreamName_whenParsed_thenRejected(Kind kind) {
        assertThatThrownBy(() -> kind.fromStreamName.apply(null)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> kind.fromStreamName.apply("abc")).isInstanceOf(InvalidIdException.class);
        for (Kind other : Kind.values()) {
            if (other != kind) {
                assertThatThrownBy(() -> kind.fromStreamName.apply(other.prefix + "abc"))
                        .isInstanceOf(InvalidIdException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givenIdWithControlCharacters_whenRejected_thenTheMessageShowsThemEscaped(Kind kind) {
        // ids end up in logs and problem reports; raw control characters would forge or break lines
        assertThatThrownBy(() -> kind.create.apply("evil\nFAKE LOG LINE\u0007"))
                .isInstanceOf(InvalidIdException.class)
                .message()
                .doesNotContain("\n", "\u0007")
                .contains("\\u000a", "\\u0007");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givenHugeId_whenRejected_thenTheMessageStaysShort(Kind kind) {
        assertThatThrownBy(() -> kind.create.apply("x".repeat(100_000)))
                .isInstanceOf(InvalidIdException.class)
                .message()
                .hasSizeLessThan(300);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void givenEqualValues_whenIdsCreated_thenTheyAreEqual(Kind kind) {
        assertThat(kind.create.apply("same")).isEqualTo(kind.create.apply("same"));
        assertThat(kind.create.apply("same")).isNotEqualTo(kind.create.apply("Same"));
    }

    @Test
    void givenIdTextsAndNearMisses_whenChecked_thenTheAnswerIsThatOfThePattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
        java.util.Random random = new java.util.Random(11);
        String alphabet = "azAZ09._-/\\ :+\u00e9\u0000\u007f`{@[";
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(70);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(8) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            boolean expected = pattern.matcher(text).matches();
            assertThat(StreamIds.isIdText(text.toString())).as(text.toString()).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isBetween(500, 19_000);
    }
}
