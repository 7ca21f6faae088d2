package dev.ante.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ReadModelBatchTest {

    @Test
    void givenFailuresOfTheDatabaseRatherThanTheEvent_whenClassified_thenTransient() {
        assertThat(ReadModelBatch.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
        assertThat(ReadModelBatch.isTransient(new CannotAcquireLockException("lock"))).isTrue();
        assertThat(ReadModelBatch.isTransient(new RuntimeException(new SQLTimeoutException("slow")))).isTrue();
        assertThat(ReadModelBatch.isTransient(new SQLNonTransientConnectionException("closed"))).isTrue();
    }

    @Test
    void givenFailuresOfTheEventsValues_whenClassified_thenNotTransient() {
        assertThat(ReadModelBatch.isTransient(new DataIntegrityViolationException("check",
                new SQLIntegrityConstraintViolationException("refused")))).isFalse();
        assertThat(ReadModelBatch.isTransient(new IllegalStateException("two keys share a hash"))).isFalse();
    }

    @Test
    void givenParkedEventsRetried_whenIsolated_thenEveryReadModelWritesEventByEventOnlyMeanwhile() {
        Object readModel = new Object();
        assertThat(ReadModelBatch.isIsolating(readModel)).isFalse();
        assertThat(ReadModelBatch.isolated(() -> ReadModelBatch.isIsolating(readModel))).isTrue();
        assertThat(ReadModelBatch.isIsolating(readModel)).isFalse();
    }
}
