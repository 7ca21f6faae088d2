package dev.ante.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.simulator.Envelope;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.StreamRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorpusTest {

    private static final List<List<StreamBatch>> CORPUS = Corpus.generate(SimulationConfig.of(3, 2, 6), 1_000, 2);

    @Test
    void givenAgentsTimelines_whenMerged_thenNoTwoNeighboursShareAStreamAndNoBatchIsTooLarge() {
        for (List<StreamBatch> agent : CORPUS) {
            for (int i = 1; i < agent.size(); i++) {
                assertThat(agent.get(i).stream()).isNotEqualTo(agent.get(i - 1).stream());
            }
            assertThat(agent).allSatisfy(b -> assertThat(b.events()).hasSizeLessThanOrEqualTo(1_000));
        }
    }

    @Test
    void givenACorpus_whenReplicated_thenStreamsAndEventIdsAreNewAndTheDataIsTheSame() {
        List<List<StreamBatch>> copy = Corpus.replica(CORPUS, "-r1");

        StreamBatch original = CORPUS.get(0).get(1);
        StreamBatch replica = copy.get(0).get(1);
        assertThat(replica.stream()).isEqualTo(new StreamRef(original.stream().kind(), original.stream().id() + "-r1"));
        assertThat(replica.events()).extracting(Envelope::data)
                .containsExactlyElementsOf(original.events().stream().map(Envelope::data).toList());
        Set<Object> ids = new HashSet<>();
        CORPUS.forEach(a -> a.forEach(b -> b.events().forEach(e -> ids.add(e.eventId()))));
        copy.forEach(a -> a.forEach(b -> b.events().forEach(e -> assertThat(ids.add(e.eventId())).isTrue())));
        assertThat(Corpus.events(copy)).isEqualTo(Corpus.events(CORPUS));
    }
}
