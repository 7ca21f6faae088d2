package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The time-series writers' ILP-over-HTTP path, the one an external QuestDB gets: the embedded server with
 * {@code ante.questdb.direct-writes=false}, so rows travel as ILP although QuestDB runs in this process.
 * Exact row counts and every kind of column's value, as {@link QuestDbIT} checks them on the direct path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ante.security.agent-keys=agent-key", "ante.security.admin-keys=admin-key", "ante.questdb.mode=embedded",
        "ante.questdb.http-port=0", "ante.questdb.pg-port=0", "ante.questdb.direct-writes=false",
        "ante.questdb.batch-linger=0"})
class QuestDbIlpIT {

    private static final Path DATA_DIR = DataDirs.fresh("ante-questdb-ilp-");
    private static final int GAMES = 6;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    QuestDb questDb;

    @Test
    void givenGames_whenWrittenOverIlp_thenOneRowPerEventWithEveryValue() throws Exception {
        Http http = new Http(port);
        long last = -1;
        for (int n = 0; n < GAMES; n++) {
            Http.Response r = http.postJson("/api/v1/games/ilp-" + n + "/events", "agent-key", QuestDbIT.richGame(n));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            last = Math.max(last, r.json().get("position").asLong());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (position(http) < last) {
            assertThat(System.nanoTime()).as("questdb-games reached the log's end").isLessThan(deadline);
            Thread.sleep(50);
        }
        List<String> tables = List.of("game_metrics", "joker_synergies", "decision_points", "economic_flow",
                "game_outcomes");
        questDb.awaitApplied(tables, Duration.ofSeconds(20));
        long[] expected = {GAMES * 3L, GAMES * 6L, GAMES, GAMES * 5L, GAMES};
        try (Connection c = questDb.readOnly(); Statement st = c.createStatement()) {
            for (int i = 0; i < tables.size(); i++) {
                ResultSet rs = st.executeQuery("SELECT count() FROM " + tables.get(i) + " WHERE game_id LIKE 'ilp-%'");
                rs.next();
                assertThat(rs.getLong(1)).as(tables.get(i)).isEqualTo(expected[i]);
            }
        }
        QuestDbIT.assertRowValues(questDb, "ilp-1");
    }

    private static long position(Http http) {
        for (JsonNode item : http.get("/api/v1/projections", "admin-key").json().get("items")) {
            if (item.get("name").asText().equals(GameSeriesProjection.NAME)) {
                return item.get("position").asLong();
            }
        }
        throw new AssertionError("no " + GameSeriesProjection.NAME + " processor");
    }
}
