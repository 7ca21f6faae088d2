package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast layout against the JDK's own parsing and formatting, on a hundred thousand random instants. */
class IsoInstantsTest {

    private static final long FIRST = LocalDate.of(0, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LAST = LocalDate.of(9999, 12, 31).atTime(23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    private final Random random = new Random(11);

    @Test
    void givenRandomInstants_whenParsed_thenExactlyAsTheJdk() {
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), nanos());
            String jdk = instant.toString();

            assertThat(IsoInstants.parse(jdk)).isEqualTo(instant);
            assertThat(IsoInstants.isCanonical(jdk)).as(jdk).isTrue();
        }
    }

    @Test
    void givenRandomInstants_whenWritten_thenTheJdksTextByteForByte() {
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(FIRST + (long) (random.nextDouble() * (LAST - FIRST)), nanos());
            byte[] out = new byte[40];
            out[0] = '<';

            int end = IsoInstants.writeAscii(instant.getEpochSecond(), instant.getNano(), out, 1);

            assertThat(end).isEqualTo(1 + IsoInstants.asciiLength(instant.getNano()));
            assertThat(new String(out, 1, end - 1, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(instant.toString());
            assertThat(out[0]).isEqualTo((byte) '<');
            assertThat(out[end]).isZero();
        }
    }

    @Test
    void givenTheEdgesOfFourDigitYears_whenWritten_thenWrittenInsideAndRefusedOutside() {
        byte[] out = new byte[40];
        assertThat(IsoInstants.writeAscii(FIRST, 0, out, 0)).isEqualTo(20);
        assertThat(new String(out, 0, 20, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(IsoInstants.writeAscii(LAST, 999_999_999, out, 0)).isEqualTo(30);
        assertThat(new String(out, 0, 30, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("9999-12-31T23:59:59.999999999Z");

        byte[] untouched = new byte[40];
        assertThat(IsoInstants.writeAscii(FIRST - 1, 0, untouched, 0)).isEqualTo(-1);
        assertThat(IsoInstants.writeAscii(LAST + 1, 0, untouched, 0)).isEqualTo(-1);
        assertThat(untouched).containsOnly(0);
    }

    @Test
    void givenAnyFractionLength_whenParsed_thenAsTheJdkAndCanonicalOnlyAsItWritesIt() {
        String base = "2026-11-23T10:15:30";
        for (String fraction : List.of("", ".1", ".12", ".123", ".1234", ".12345", ".123456", ".1234567", ".12345678",
                ".123456789", ".100", ".100000", ".000001", ".000000001", ".000", ".000000", ".120", ".120000")) {
            String text = base + fraction + "Z";
            Instant jdk = Instant.parse(text);
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(jdk);
            assertThat(IsoInstants.isCanonical(text)).as(text).isEqualTo(jdk.toString().equals(text));
        }
    }

    @Test
    void givenOtherLayouts_whenParsed_thenNullAndTheJdkDecides() {
        for (String text : List.of("2026-11-23T10:15:30+01:00", "2026-02-30T10:15:30Z", "2026-13-01T10:15:30Z",
                "2026-11-23T24:00:00Z", "2026-11-23T23:59:60Z", "2026-11-23T10:15:30.Z", "2026-11-23T10:15:30.1234567890Z",
                "+10000-01-01T00:00:00Z", "2026-11-23 10:15:30Z", "2026-11-23t10:15:30z", "yesterday", "", "２０２６-11-23T10:15:30Z",
                "2026-11-23T10:15:3aZ", "-001-11-23T10:15:30Z")) {
            assertThat(IsoInstants.parse(text)).as(text).isNull();
            assertThat(IsoInstants.isCanonical(text)).as(text).isFalse();
            Instant jdk;
            try {
                jdk = Instant.parse(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> IsoInstants.parseAny(text)).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstants.parseAny(text)).as(text).isEqualTo(jdk);
        }
    }

    private int nanos() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
