package dev.ante.api.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedQuestDbTest {

    @Test
    void givenAServerConfKey_whenPassedThrough_thenItIsQuestDbsEnvironmentName() {
        assertThat(EmbeddedQuestDb.environmentName("shared.worker.sleep.threshold"))
                .isEqualTo("QDB_SHARED_WORKER_SLEEP_THRESHOLD");
        assertThat(EmbeddedQuestDb.environmentName(" http.keep-alive.timeout ")).isEqualTo("QDB_HTTP_KEEP_ALIVE_TIMEOUT");
    }
}
