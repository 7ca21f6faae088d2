package dev.ante.api.timeseries;

import dev.ante.projections.timeseries.EmbeddedServerSettings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddedQuestDbTest {

    @Test
    void givenAServerConfKey_whenPassedThrough_thenItIsQuestDbsEnvironmentName() {
        assertThat(EmbeddedServerSettings.environmentName("shared.worker.sleep.threshold"))
                .isEqualTo("QDB_SHARED_WORKER_SLEEP_THRESHOLD");
        assertThat(EmbeddedServerSettings.environmentName(" http.keep-alive.timeout ")).isEqualTo("QDB_HTTP_KEEP_ALIVE_TIMEOUT");
    }
}
