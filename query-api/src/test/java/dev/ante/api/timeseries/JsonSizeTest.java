package dev.ante.api.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON size estimate that bounds research results: never below what Jackson writes. */
class JsonSizeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void givenValuesNeedingEscapes_whenEstimated_thenAtLeastJacksonsBytes() throws Exception {
        for (Object value : Arrays.asList(null, "plain", "quote \" and \\ backslash", "tab\tnew\nline\u0001",
                "é ü", "€ 日本", "😀", 42L, -1.5e300, true, "")) {
            assertThat(JsonSize.of(value)).as(String.valueOf(value))
                    .isGreaterThanOrEqualTo(MAPPER.writeValueAsBytes(value).length);
        }
    }

    @Test
    void givenARowLargerThanTheBudget_whenCut_thenItsTextFitsAndKeepsItsStart() throws Exception {
        JsonSize size = new JsonSize(1_000);
        String big = "a" + "b".repeat(10_000);
        List<Object> cut = size.cut(Arrays.asList(big, 7L, null, "short"));
        assertThat(MAPPER.writeValueAsBytes(cut).length).isLessThanOrEqualTo(1_000);
        assertThat((String) cut.get(0)).startsWith("abbb").hasSizeLessThan(1_000);
        assertThat(cut.subList(1, 4)).containsExactly(7L, null, "short");
    }

    @Test
    void givenASurrogatePairAtTheCut_whenCut_thenItIsNotSplit() {
        JsonSize size = new JsonSize(100);
        String emoji = "😀".repeat(100);
        String cut = (String) size.cut(List.of(emoji)).get(0);
        assertThat(cut.length() % 2).isZero();
        assertThat(cut).isNotEmpty();
    }
}
