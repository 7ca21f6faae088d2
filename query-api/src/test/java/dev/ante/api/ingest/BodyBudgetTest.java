package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ante.api.error.ServiceBusyException;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    @Test
    void givenABudget_whenChargedPastIt_thenRefusedAndReleasedOnClose() {
        BodyBudget budget = new BodyBudget(BodyBudget.CHUNK * 2L);
        BodyBudget.Lease first = budget.lease();
        first.charge(BodyBudget.CHUNK + 1);
        assertThat(budget.available()).isEqualTo(BodyBudget.CHUNK - 1);
        try (BodyBudget.Lease second = budget.lease()) {
            assertThatThrownBy(() -> second.charge(1)).isInstanceOf(ServiceBusyException.class);
        }
        first.close();
        assertThat(budget.available()).isEqualTo(budget.total());
    }
}
