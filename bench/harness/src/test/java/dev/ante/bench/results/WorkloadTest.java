package dev.ante.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void givenAThroughput_whenComparedWithThePeer_thenTheRatioIsAnteOverPeer() {
        Workload w = Workload.of("ingest.batched.inprocess", "events/s", 150_000).peer("stock", 50_000,
                Workload.Better.HIGHER);

        assertThat(w.ratio()).isEqualTo(3.0);
    }

    @Test
    void givenALatencyOrASize_whenComparedWithThePeer_thenTheRatioIsInvertedSoThatAboveOneIsBetter() {
        Workload w = Workload.of("reconstruct.10k.inprocess", "ms", 20).peer("stock", 40, Workload.Better.LOWER);

        assertThat(w.ratio()).isEqualTo(2.0);
    }

    @Test
    void givenResults_whenWritten_thenTheJsonHasDesignsFieldsAndOmitsAbsentOnes() throws Exception {
        Results results = new Results(new Machine(2, 1L << 34, "jdk", "os", null, 0.5), "quick", "2026-11-23T00:00:00Z",
                1.0, "java -jar ante-bench.jar", List.of(
                        Workload.of("rss", "MB", 900).target("< 2,048 MB", true),
                        Workload.of("reconstruct.10k.inprocess", "ms", 20).percentiles(19, 25)
                                .peer("stock", 40, Workload.Better.LOWER)), List.of());

        JsonNode json = new ObjectMapper().valueToTree(results);

        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("machine").has("memoryBytes")).isTrue();
        assertThat(json.path("mode").asText()).isEqualTo("quick");
        JsonNode rss = json.path("workloads").get(0);
        assertThat(rss.has("peer")).isFalse();
        assertThat(rss.has("p99")).isFalse();
        JsonNode reconstruct = json.path("workloads").get(1);
        assertThat(reconstruct.fieldNames()).toIterable().startsWith("name", "unit", "value", "p50", "p99", "peer",
                "peerValue", "ratio");
    }

    @Test
    void givenResults_whenRendered_thenEveryWorkloadIsARowWithItsRatio() {
        Results results = new Results(new Machine(2, 1L << 34, "jdk", "os", "cpu", 0.5), "quick",
                "2026-11-23T00:00:00Z", 1.0, "cmd", List.of(Workload.of("reconstruct.10k.inprocess", "ms", 20)
                        .peer("stock", 40, Workload.Better.LOWER)), List.of("a note"));

        String table = ResultsTable.render(results);

        assertThat(table).contains("| reconstruct.10k.inprocess").contains("2.00×").contains("- a note");
    }
}
