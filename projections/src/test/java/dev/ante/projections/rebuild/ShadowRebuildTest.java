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
import dev.ante.projections.synergy.Synergies;
import dev.ante.projections.synergy.Synergy;
import dev.ante.projections.synergy.SynergyProjection;
import dev.ante.projections.synergy.SynergySize;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
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
        // Letters the replaced read model had parked go with it.
        assertThat(live.calls).containsExactly("pause", "storeToken 3", "deadLetters []", "resume");
        assertThat(rebuild.position()).isEqualTo(3);
        assertShadowTablesGone();
    }

    @Test
    void givenAnEventTheProjectionCannotTake_whenRebuilt_thenItIsParkedAndTheRestIsSwappedIn() {
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (9, 99, 99)");

        ShadowRebuild rebuild = rebuild(jdbc -> new Failing(jdbc), 2);
        rebuild.run();

        assertThat(rebuild.error()).isNull();
        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.DONE);
        // game-g2's event (ante 5) is parked; the three others are in (a row per ante, as Failing writes them).
        assertThat(db.jdbc().queryForList("SELECT final_ante FROM ante_outcome ORDER BY final_ante", Integer.class))
                .containsExactly(1, 3);
        assertThat(live.calls).containsExactly("pause", "storeToken 3", "deadLetters [game-g2: no such ante]",
                "resume");
        assertThat(rebuild.parked()).containsEntry(ProjectionNames.ANTE_STATS, 1);
        assertShadowTablesGone();
    }

    @Test
    void givenAParkedEvent_whenItsStreamHasLaterEvents_thenTheyWaitBehindItWithoutACause() {
        log.publish(new GenericDomainEventMessage<>("Game", "game-g2", 1, GameEvents.completed(Outcome.WIN, 7)));
        log.publish(new GenericDomainEventMessage<>("Game", "game-g9", 0, GameEvents.completed(Outcome.WIN, 8)));
        // An event the read model does not handle never reaches it, as its processor ignores it: not parked.
        log.publish(new GenericDomainEventMessage<>("Game", "game-g2", 2, GameEvents.hand(100, "Mime")));

        ShadowRebuild rebuild = new ShadowRebuild(List.of(new ShadowRebuild.Target(ProjectionNames.ANTE_STATS,
                jdbc -> new Failing(jdbc), live)), db.jdbc().getDataSource(),
                new DataSourceTransactionManager(db.jdbc().getDataSource()), log, () -> 6L, 3);
        rebuild.run();

        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.DONE);
        assertThat(live.calls).containsExactly("pause", "storeToken 6",
                "deadLetters [game-g2: no such ante, game-g2]", "resume");
        assertThat(db.jdbc().queryForList("SELECT final_ante FROM ante_outcome ORDER BY final_ante", Integer.class))
                .containsExactly(1, 3, 8);
    }

    @Test
    void givenATransientFailure_whenRebuilt_thenNothingIsParkedAndTheLiveRowsAndTokenAreLeftAsTheyWere() {
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (9, 99, 99)");

        ShadowRebuild rebuild = rebuild(jdbc -> new Unreachable(), 2);
        rebuild.run();

        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.FAILED);
        assertThat(rebuild.error()).contains("database gone");
        assertThat(db.count("ante_outcome")).isEqualTo(1);
        assertThat(live.calls).doesNotContain("storeToken 3").doesNotContain("pause");
        assertShadowTablesGone();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} keys held")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 1_000})
    void givenAProjectionThatHoldsItsChanges_whenRebuilt_thenWhatItHeldIsWrittenBeforeTheSwap(int heldKeys) {
        log.publish(new GenericDomainEventMessage<>("Game", "game-h1", 0, GameEvents.hand(500, "Mime", "Baron")));
        log.publish(new GenericDomainEventMessage<>("Game", "game-h2", 0, GameEvents.hand(300, "Mime")));
        log.publish(new GenericDomainEventMessage<>("Game", "game-h1", 1, GameEvents.hand(100, "Baron")));
        log.publish(new GenericDomainEventMessage<>("Game", "game-h1", 2, GameEvents.completed(Outcome.WIN, 4)));
        // Live rows the log does not support: Mime with wrong counts, and a key no hand played.
        String insert = "INSERT INTO synergy (size, key_hash, joker_key, jokers, hands, score_sum, avg_score, "
                + "high_score_hands, games, wins, losses, win_rate, wilson) VALUES ('SINGLE', ?, ?, ?, 9, 900, 100, 0, "
                + "9, 9, 0, 1.0, 0.5)";
        db.jdbc().update(insert, dev.ante.projections.support.JokerKeys.hash("Mime"), "Mime", "[\"Mime\"]");
        db.jdbc().update(insert, dev.ante.projections.support.JokerKeys.hash("Egg"), "Egg", "[\"Egg\"]");

        ShadowRebuild rebuild = new ShadowRebuild(List.of(new ShadowRebuild.Target(ProjectionNames.SYNERGIES,
                jdbc -> SynergyProjection.holding(jdbc, 10_000, heldKeys), live)), db.jdbc().getDataSource(),
                new DataSourceTransactionManager(db.jdbc().getDataSource()), log, () -> 7L, 2);
        rebuild.run();

        assertThat(rebuild.error()).isNull();
        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.DONE);
        assertThat(new Synergies(db.jdbc()).top(SynergySize.SINGLE, 0, Synergies.Sort.HANDS, 10))
                .extracting(Synergy::key, Synergy::hands, Synergy::games, Synergy::wins)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Mime", 2L, 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("Baron", 2L, 1L, 1L));
        // game-h2 is still running: its single and its set wait for its outcome.
        assertThat(db.count("synergy_game_key")).isEqualTo(2);
        assertThat(live.calls).containsExactly("pause", "storeToken 7", "deadLetters []", "resume");
        assertShadowTablesGone();
    }

    @Test
    void givenHeldChangesThatCannotBeWritten_whenRebuilt_thenItFailsAndTheLiveRowsAndTokenAreLeftAsTheyWere() {
        db.jdbc().update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (9, 99, 99)");

        ShadowRebuild rebuild = rebuild(jdbc -> new UnwritableHeld(), 2);
        rebuild.run();

        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.FAILED);
        assertThat(rebuild.error()).contains("held rows refused");
        assertThat(db.count("ante_outcome")).isEqualTo(1);
        assertThat(live.calls).doesNotContain("storeToken 3");
        assertShadowTablesGone();
    }

    @Test
    void givenAProcessorRebuiltInPlace_whenRebuiltWithAShadowedOne_thenItIsResetFirstAndStoresItsTokenAndParkedEventsEachUnit() {
        RecordedProcessor inPlace = new RecordedProcessor();
        ShadowRebuild rebuild = rebuiltWithAnteStats(inPlace, null);

        // Paused and reset before any event; until it has passed the head the rebuild started at, its token says
        // it is replaying, so that the processor says so too should it have to carry on alone.
        assertThat(inPlace.calls).containsExactly("pause", "reset", "handle game-g0", "handle game-g1",
                "storeToken 1 replaying", "park []", "handle game-g3", "storeToken 3",
                "park [game-g2: no such ante]", "resume");
        assertThat(db.jdbc().queryForList("SELECT game_id FROM ts_game_context ORDER BY game_id", String.class))
                .containsExactly("game-g0", "game-g1", "game-g3");
        assertThat(rebuild.parked()).containsEntry("questdb-games", 1);
        assertShadowTablesGone();
    }

    @Test
    void givenAProcessorRebuiltInPlaceThatFails_whenRebuilt_thenItCarriesOnAloneFromItsLastUnitAndTheRestIsSwappedIn() {
        RecordedProcessor inPlace = new RecordedProcessor();
        ShadowRebuild rebuild = rebuiltWithAnteStats(inPlace, "game-g3");

        // The failed unit (game-g2 parked, game-g3 failing) was rolled back: its processor resumes from the first.
        assertThat(inPlace.calls).containsExactly("pause", "reset", "handle game-g0", "handle game-g1",
                "storeToken 1 replaying", "park []", "resume");
        assertThat(db.jdbc().queryForList("SELECT game_id FROM ts_game_context ORDER BY game_id", String.class))
                .containsExactly("game-g0", "game-g1");
        assertThat(rebuild.builds("questdb-games")).isFalse();
        assertThat(rebuild.builds(ProjectionNames.ANTE_STATS)).isTrue();
    }

    /**
     * Rebuilds ante-stats beside the live one and, in place, {@link InPlace} failing from {@code failFrom}, in units
     * of two events; the ante-stats side always succeeds.
     */
    private ShadowRebuild rebuiltWithAnteStats(RecordedProcessor inPlace, String failFrom) {
        List<String> calls = java.util.Collections.synchronizedList(inPlace.calls);
        ShadowRebuild rebuild = new ShadowRebuild(List.of(
                new ShadowRebuild.Target(ProjectionNames.ANTE_STATS, AnteStatsProjection::new, live),
                ShadowRebuild.Target.inPlace("questdb-games", jdbc -> new InPlace(jdbc, calls, failFrom), inPlace)),
                db.jdbc().getDataSource(), new DataSourceTransactionManager(db.jdbc().getDataSource()), log,
                () -> 3L, 2);
        rebuild.run();
        assertThat(rebuild.error()).isNull();
        assertThat(rebuild.state()).isEqualTo(ShadowRebuild.State.DONE);
        assertThat(new AnteStats(db.jdbc()).all()).hasSize(5);
        assertThat(live.calls).containsExactly("pause", "storeToken 3", "deadLetters []", "resume");
        return rebuild;
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
            calls.add("storeToken " + token.position().orElseThrow()
                    + (org.axonframework.eventhandling.ReplayToken.isReplay(token) ? " replaying" : ""));
        }

        @Override
        public void replaceDeadLetters(List<ShadowRebuild.Parked> parked) {
            calls.add("deadLetters " + letters(parked));
        }

        @Override
        public void reset() {
            calls.add("reset");
        }

        @Override
        public void park(List<ShadowRebuild.Parked> parked) {
            calls.add("park " + letters(parked));
        }

        private static List<String> letters(List<ShadowRebuild.Parked> parked) {
            return parked.stream().map(p -> p.sequence() + (p.cause() == null ? "" : ": " + p.cause().getMessage()))
                    .toList();
        }
    }

    /**
     * Rebuilt in place, as the time-series writers are: a row per game in {@code ts_game_context}, in the live
     * schema; refuses game-g2's event, and fails outright (as if its store were gone) from {@code failFrom} on.
     */
    private static final class InPlace {
        private final org.springframework.jdbc.core.JdbcTemplate jdbc;
        private final List<String> calls;
        private final String failFrom;

        InPlace(org.springframework.jdbc.core.JdbcTemplate jdbc, List<String> calls, String failFrom) {
            this.jdbc = jdbc;
            this.calls = calls;
            this.failFrom = failFrom;
        }

        @EventHandler
        void on(GameCompleted completed, @SourceId String stream) {
            if (stream.equals(failFrom)) {
                throw new TransientDataAccessResourceException("store gone");
            }
            if (stream.equals("game-g2")) {
                throw new IllegalStateException("no such ante");
            }
            calls.add("handle " + stream);
            jdbc.update("INSERT INTO ts_game_context (game_id) VALUES (?)", stream);
        }
    }

    /** A projection that writes one row per event, and cannot take game-g2's. */
    private static final class Failing {
        private final org.springframework.jdbc.core.JdbcTemplate jdbc;

        Failing(org.springframework.jdbc.core.JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(GameCompleted completed, @SourceId String stream) {
            if (stream.equals("game-g2")) {
                throw new IllegalStateException("no such ante");
            }
            jdbc.update("INSERT INTO ante_outcome (final_ante, completed, lost) VALUES (?, 1, 0)"
                    + " ON CONFLICT DO NOTHING", completed.finalAnte());
        }
    }

    /** A projection that holds its changes and cannot write them. */
    private static final class UnwritableHeld implements dev.ante.projections.support.HeldWrites {
        @EventHandler
        void on(GameCompleted completed) {
            // held
        }

        @Override
        public boolean full() {
            return false;
        }

        @Override
        public void writeHeld() {
            throw new IllegalStateException("held rows refused");
        }
    }

    /** A projection whose database is gone. */
    private static final class Unreachable {
        @EventHandler
        void on(GameCompleted completed) {
            throw new TransientDataAccessResourceException("database gone");
        }
    }
}
