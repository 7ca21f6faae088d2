package dev.ante.api.read;

import dev.ante.infra.store.StreamStore;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.antes.AnteStatsProjection;
import dev.ante.projections.jokers.JokerTierProjection;
import dev.ante.projections.rebuild.ReadModelTables;
import dev.ante.projections.rebuild.ShadowRebuild;
import dev.ante.projections.strategies.StrategyProjection;
import dev.ante.projections.summary.GameSummaryProjection;
import dev.ante.projections.synergy.SynergyProjection;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import dev.ante.projections.winning.WinningProjection;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Rebuilds of the read models from the log ({@link ShadowRebuild}): at most one per read model at a time, each on
 * a thread of its own. The SQL read models are rebuilt beside the live ones, which keep answering until they are
 * swapped; the time-series writers, when QuestDB is on, are rebuilt in place. Read models asked for together are
 * rebuilt by one rebuild, which reads and decodes the log once for all of them.
 */
@Service
public class Rebuilds {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final EventStore events;
    private final StreamStore store;
    private final TokenStore tokens;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final int batchSize;
    private final Map<String, Function<JdbcTemplate, Object>> projections;
    /** The time-series writers' handler objects, by processor name; empty while QuestDB is off. */
    private final Map<String, Object> inPlace = new java.util.HashMap<>();
    private final Map<String, ShadowRebuild> latest = new ConcurrentHashMap<>();
    /**
     * Two rebuilds run at a time; more wait their turn (reported as replaying at position -1). Each holds a
     * database connection per read model it builds, and the live processors and readers need theirs.
     */
    private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public Rebuilds(DataSource dataSource, PlatformTransactionManager transactions, EventStore events,
                    StreamStore store, TokenStore tokens, ObjectProvider<EventProcessingConfiguration> processing,
                    @Value("${ante.read-models.rebuild-batch:1000}") int batchSize,
                    @Value("${ante.read-models.high-score-threshold:10000}") long highScoreThreshold,
                    @Value("${ante.read-models.rebuild-held-synergy-keys:300000}") int heldSynergyKeys,
                    @Value("${ante.read-models.rebuild-held-games:100000}") int heldGames,
                    ObjectProvider<GameSeriesProjection> gameSeries,
                    ObjectProvider<LearningSeriesProjection> learningSeries) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.events = events;
        this.store = store;
        this.tokens = tokens;
        this.processing = processing;
        this.batchSize = batchSize;
        this.projections = Map.of(
                ProjectionNames.GAME_SUMMARIES, jdbc -> heldGames > 0 ? GameSummaryProjection.holding(jdbc, heldGames)
                        : new GameSummaryProjection(jdbc),
                ProjectionNames.SYNERGIES, jdbc -> heldSynergyKeys > 0
                        ? SynergyProjection.holding(jdbc, highScoreThreshold, heldSynergyKeys)
                        : new SynergyProjection(jdbc, highScoreThreshold),
                ProjectionNames.STRATEGIES, jdbc -> heldGames > 0 ? StrategyProjection.holding(jdbc, heldGames)
                        : new StrategyProjection(jdbc),
                ProjectionNames.WINNING, WinningProjection::new,
                ProjectionNames.ANTE_STATS, AnteStatsProjection::new,
                ProjectionNames.JOKERS, JokerTierProjection::new);
        gameSeries.ifAvailable(projection -> inPlace.put(GameSeriesProjection.NAME, projection));
        learningSeries.ifAvailable(projection -> inPlace.put(LearningSeriesProjection.NAME, projection));
    }

    /** True for read models rebuilt beside the live one. */
    public boolean shadowed(String name) {
        return projections.containsKey(name) && !ReadModelTables.of(name).isEmpty();
    }

    /** True for the processors a rebuild can rebuild: the shadowed read models and the time-series writers. */
    public boolean rebuildable(String name) {
        return shadowed(name) || inPlace.containsKey(name);
    }

    /**
     * Rebuilds the read models {@code processors} names, together, in one pass over the log; those already
     * being rebuilt are left to the rebuild that has them. Returns the read models this call started.
     */
    public synchronized List<String> start(Map<String, StreamingEventProcessor> processors) {
        List<ShadowRebuild.Target> targets = new ArrayList<>();
        processors.forEach((name, processor) -> {
            if (!rebuildable(name)) {
                throw new IllegalArgumentException("no rebuild is known for " + name);
            }
            ShadowRebuild running = latest.get(name);
            if (running != null && running.state() == ShadowRebuild.State.RUNNING) {
                return;
            }
            targets.add(shadowed(name)
                    ? new ShadowRebuild.Target(name, projections.get(name), live(name, processor))
                    : ShadowRebuild.Target.inPlace(name, jdbc -> inPlace.get(name), live(name, processor)));
        });
        if (targets.isEmpty()) {
            return List.of();
        }
        ShadowRebuild rebuild = new ShadowRebuild(targets, dataSource, transactions, events, store::headPosition,
                batchSize);
        rebuild.names().forEach(name -> latest.put(name, rebuild));
        threads.execute(rebuild);
        return rebuild.names();
    }

    /** The latest rebuild of {@code name}, running or finished; empty if none was started since the start. */
    public Optional<ShadowRebuild> latest(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    private ShadowRebuild.LiveProcessor live(String name, StreamingEventProcessor processor) {
        return new ShadowRebuild.LiveProcessor() {
            @Override
            public CompletableFuture<Void> pause() {
                return processor.shutdownAsync();
            }

            @Override
            public void resume() {
                processor.start();
            }

            @Override
            public void storeToken(TrackingToken token) {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(token, name, segment);
                }
            }

            @Override
            public void reset() {
                processor.resetTokens();
            }

            @Override
            public void replaceDeadLetters(List<ShadowRebuild.Parked> parked) {
                deadLetters(name, parked).ifPresent(SequencedDeadLetterQueue::clear);
                park(parked);
            }

            @Override
            public void park(List<ShadowRebuild.Parked> parked) {
                Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = deadLetters(name, parked);
                for (ShadowRebuild.Parked letter : parked) {
                    queue.orElseThrow().enqueue(letter.sequence(), letter.cause() == null
                            ? new GenericDeadLetter<>(letter.sequence(), letter.event())
                            : new GenericDeadLetter<>(letter.sequence(), letter.event(), letter.cause()));
                }
            }
        };
    }

    /** The dead-letter queue of {@code name}; refuses to lose {@code parked} if it has none. */
    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> deadLetters(String name,
                                                                          List<ShadowRebuild.Parked> parked) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.getObject().deadLetterQueue(name);
        if (queue.isEmpty() && !parked.isEmpty()) {
            throw new IllegalStateException(name + " has no dead-letter queue for the " + parked.size()
                    + " events its rebuild parked");
        }
        return queue;
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
