package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void givenIndexAndField_whenRendered_thenBothPrefixTheMessage() {
        assertThat(new Violation(3, "data.ante", "must be ≥ 1").render()).isEqualTo("[3].data.ante: must be ≥ 1");
    }

    @Test
    void givenOnlyAnIndexOrOnlyAField_whenRendered_thenTheOtherIsLeftOut() {
        assertThat(new Violation(2, null, "unknown type").render()).isEqualTo("[2]: unknown type");
        assertThat(new Violation(null, "expectedRevision", "must be ≥ -1").render())
                .isEqualTo("expectedRevision: must be ≥ -1");
    }

    @Test
    void givenNeitherIndexNorField_whenRendered_thenOnlyTheMessageRemains() {
        assertThat(new Violation(null, null, "empty batch").render()).isEqualTo("empty batch");
    }

    @Test
    void givenSeveralViolations_whenRejected_thenTheExceptionKeepsThemAllInOrder() {
        Violation first = new Violation(0, "type", "must be GameStarted");
        Violation second = new Violation(4, "data.ante", "is lower");

        RejectedEventsException rejection = new RejectedEventsException(List.of(first, second));

        assertThat(rejection.violations()).containsExactly(first, second);
        assertThat(rejection.getMessage()).isEqualTo("[0].type: must be GameStarted; [4].data.ante: is lower");
    }
}
