package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void givenControlCharacters_whenShown_thenTheyAreEscaped() {
        assertThat(Printable.of("a\u0000b\nc")).isEqualTo("a\\u0000b\\u000ac");
    }

    @Test
    void givenALongValue_whenShown_thenItIsCutWithAnEllipsis() {
        assertThat(Printable.of("x".repeat(200))).isEqualTo("x".repeat(Printable.MAX) + "…");
        assertThat(Printable.of("short")).isEqualTo("short");
    }
}
