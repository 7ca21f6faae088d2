package dev.ante.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpectedRevisionTest {

    @Test
    void givenEachExpectation_whenAStreamIsAbsentOrAtARevision_thenOnlyTheMatchingOnesAreMet() {
        assertThat(ExpectedRevision.any().isMetBy(-1)).isTrue();
        assertThat(ExpectedRevision.any().isMetBy(7)).isTrue();
        assertThat(ExpectedRevision.noStream().isMetBy(-1)).isTrue();
        assertThat(ExpectedRevision.noStream().isMetBy(0)).isFalse();
        assertThat(ExpectedRevision.exact(0).isMetBy(0)).isTrue();
        assertThat(ExpectedRevision.exact(0).isMetBy(-1)).isFalse();
        assertThat(ExpectedRevision.exact(3).isMetBy(2)).isFalse();
        assertThat(ExpectedRevision.exact(3).isMetBy(4)).isFalse();
    }

    @Test
    void givenTheApiNumber_whenConverted_thenMinusOneIsNoStreamAndTheRestAreExact() {
        assertThat(ExpectedRevision.of(-1)).isEqualTo(ExpectedRevision.noStream());
        assertThat(ExpectedRevision.of(0)).isEqualTo(ExpectedRevision.exact(0));
        assertThat(ExpectedRevision.of(42)).isEqualTo(ExpectedRevision.exact(42));
        assertThatThrownBy(() -> ExpectedRevision.of(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an expected revision is -1 (no stream) or >= 0, was -2");
        assertThatThrownBy(() -> ExpectedRevision.exact(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAFirstRevision_whenTheAppendExpectationIsDerived_thenItIsTheRevisionBefore() {
        assertThat(ExpectedRevision.before(0)).isEqualTo(ExpectedRevision.noStream());
        assertThat(ExpectedRevision.before(1)).isEqualTo(ExpectedRevision.exact(0));
        assertThat(ExpectedRevision.before(10)).isEqualTo(ExpectedRevision.exact(9));
    }

    @Test
    void givenAMismatch_whenReported_thenTheMessageWritesTheExpectationAsTheApiDoes() {
        assertThat(new WrongExpectedRevisionException("game-g1", ExpectedRevision.exact(7), 2))
                .hasMessage("stream game-g1 is at revision 2, not at the expected revision 7");
        assertThat(new WrongExpectedRevisionException("game-g1", ExpectedRevision.noStream(), 0))
                .hasMessage("stream game-g1 is at revision 0, not at the expected revision -1");
        assertThat(new WrongExpectedRevisionException("game-g1", ExpectedRevision.exact(0), -1))
                .hasMessage("stream game-g1 is at revision none (no stream), not at the expected revision 0");
        assertThat(ExpectedRevision.any().asText()).isEqualTo("any");
    }
}
