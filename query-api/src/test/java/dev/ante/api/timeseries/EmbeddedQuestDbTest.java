package dev.ante.api.timeseries;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

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

    @Test
    void givenItsHttpPortTaken_whenStarted_thenAPortInUseFailureNamingTheSetting(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            EmbeddedQuestDb questDb = new EmbeddedQuestDb(dir.resolve("questdb"), "127.0.0.1", port, 0, 10,
                    new QuestDbCredentials("admin", "admin-password", "user", "user-password"), Map.of());
            assertThatThrownBy(questDb::start).isInstanceOfSatisfying(QuestDbPortInUseException.class, e -> {
                assertThat(e.address()).isEqualTo("127.0.0.1:" + port);
                assertThat(e.property()).isEqualTo("ante.questdb.http-port");
            });
            assertThat(questDb.running()).isFalse();

            FailureAnalysis analysis = new QuestDbPortInUseFailureAnalyzer().analyze(
                    new IllegalStateException("wrapped by bean creation", new QuestDbPortInUseException("127.0.0.1:" + port,
                            "ante.questdb.http-port", null)));
            assertThat(analysis.getDescription()).contains("127.0.0.1:" + port);
            assertThat(analysis.getAction()).contains("--ante.questdb.http-port=<port>");
        }
    }
}
