package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTest {

    @Test
    void givenABody_whenSplit_thenLinesAreWhatSplittingOnNewlinesGives() throws IOException {
        for (String body : List.of("", "a", "a\n", "a\r\nb", "a\n\nb\n\n", "\n", "{\"x\":1}\n{\"y\":2}")) {
            assertThat(lines(body, 100)).as(body).containsExactly(body.split("\n", -1));
        }
    }

    @Test
    void givenALineReadOnlyInPart_whenTheNextIsAsked_thenTheRestIsSkipped() throws IOException {
        NdjsonLines lines = new NdjsonLines(stream("abcdef\nxyz"), 100);
        assertThat((char) lines.next().read()).isEqualTo('a');
        assertThat(new String(lines.next().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("xyz");
        assertThat(lines.index()).isEqualTo(1);
        assertThat(lines.next()).isNull();
    }

    @Test
    void givenALineOverTheLimit_whenRead_thenRefusedNamingTheLine() throws IOException {
        NdjsonLines lines = new NdjsonLines(stream("ok\n" + "x".repeat(20_000) + "\n"), 10_000);
        lines.next().readAllBytes();
        InputStream second = lines.next();
        assertThatThrownBy(second::readAllBytes).isInstanceOf(PayloadTooLargeException.class)
                .hasMessage("line 1 is longer than the limit of 10000 bytes");
    }

    private static List<String> lines(String body, long max) throws IOException {
        NdjsonLines lines = new NdjsonLines(stream(body), max);
        List<String> out = new ArrayList<>();
        for (InputStream line = lines.next(); line != null; line = lines.next()) {
            out.add(new String(line.readAllBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
