package dev.ante.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.Outcome;
import dev.ante.projections.GameEvents;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.ReadModelDatabase;
import dev.ante.projections.antes.AnteStat;
import dev.ante.projections.antes.AnteStats;
import dev.ante.projections.antes.AnteStatsProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A rebuild replaces the live read model with one built from the whole log and moves the processor's token
 * with it; a rebuild that fails changes nothing live. Runs on H2 with the real migrations and Axon's own
 * event store over its in-memory engine.
 */
class ShadowRebuildTest {

    private ReadModelDatabase db;
    private EmbeddedEventStore log;
    private final RecordedProcessor live = new RecordedProcessor();

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        log = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        int revision = 0;
        for (int finalAnte : new int[] {3, 1, 5, 3}) {
            GameCompleted completed = GameEvents.completed(Outcome.LOSS, finalAnte);
            log.publish(new GenericDomainEventMessage<>("Game", "game-g" + revision, 0, completed));
            revision++;
        }
    }

    @AfterEach
    void tearDown() {
        log.shutDown();
        db.close();
    }

    @Test
    void givenALiveReadModelThatIsWrong_whenRebuilt_thenItHoldsWhatTheLogSaysAndTheTokenIsAtTheLastEvent() {
        // A row the log does not support, a row with wrong counts, and a right one.
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (9, 99, 99)");
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (1, 0, 0)");
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (3, 2, 2)");

        ShadowRebuild rebuild = rebuild(AnteStatsProjection::new, 2);
        rebuild.run();

        assertThat(rebuild.error()).isNull();
        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.DONE);
        assertThat(new AnteStats(db.jdbc()).all()).containsExactly(
                new AnteStat(1, 4, 1), new AnteStat(2, 3, 0), new AnteStat(3, 3, 2), new AnteStat(4, 1, 0),
                new AnteStat(5, 1, 1));
        assertThat(live.calls).containsExactly("pause", "storeToken 3", "resume");
        assertThat(rebuild.position()).isEqualTo(3);
        assertShadowTablesGone();
    }

    @Test
    void givenAProjectionThatFails_whenRebuilt_thenTheLiveRowsAndTokenAreLeftAsTheyWere() {
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (9, 99, 99)");

        ShadowRebuild rebuild = rebuild(jdbc -> new Failing(), 2);
        rebuild.run();

        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.FAILED);
        assertThat(rebuild.error()).contains("no such ante");
        assertThat(db.count("ante_outcome")).isEqualTo(1);
        assertThat(live.calls).doesNotContain("storeToken 3").doesNotContain("pause");
        assertShadowTablesGone();
    }

    private ShadowRebuild rebuild(java.util.function.Function<org.springframework.jdbc.core.JdbcTemplate, Object> projection,
                                  int batchSize) {
        return new ShadowRebuild(List.of(new ShadowRebuild.Target(ProjectionNames.ANTE_STATS, projection, live)),
                db.jdbc().getDataSource(), new DataSourceTransactionManager(db.jdbc().getDataSource()), log,
                () -> 3L, batchSize);
    }

    private void assertShadowTablesGone() {
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                + "WHERE LOWER(TABLE_SCHEMA) = 'rebuild'", Long.class)).isZero();
    }

    /** The live processor's side, as the rebuild drives it. */
    private static final class RecordedProcessor implements ShadowRebuild.LiveProcessor {
        final List<String> calls = new ArrayList<>();

        @Override
        public CompletableFuture<Void> pause() {
            calls.add("pause");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void storeToken(TrackingToken token) {
            calls.add("storeToken " + ((GlobalSequenceTrackingToken) token).getGlobalIndex());
        }
    }

    /** A projection whose handler throws on the third event. */
    private static final class Failing {
        private int seen;

        @EventHandler
        void on(GameCompleted completed) {
            if (++seen == 3) {
                throw new IllegalStateException("no such ante");
            }
        }
    }
}
