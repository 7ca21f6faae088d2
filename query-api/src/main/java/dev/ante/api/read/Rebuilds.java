package dev.ante.api.read;

import dev.ante.infra.store.StreamStore;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.antes.AnteStatsProjection;
import dev.ante.projections.rebuild.ReadModelTables;
import dev.ante.projections.rebuild.ShadowRebuild;
import dev.ante.projections.strategies.StrategyProjection;
import dev.ante.projections.summary.GameSummaryProjection;
import dev.ante.projections.synergy.SynergyProjection;
import dev.ante.projections.winning.WinningProjection;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.sql.DataSource;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Blue/green rebuilds of the SQL read models ({@link ShadowRebuild}): at most one per read model at a time,
 * each on a thread of its own, so that all of them can rebuild in parallel while the live ones keep
 * answering.
 */
@Service
public class Rebuilds {

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;
    private final EventStore events;
    private final StreamStore store;
    private final TokenStore tokens;
    private final int batchSize;
    private final Map<String, Function<JdbcTemplate, Object>> projections;
    private final Map<String, ShadowRebuild> latest = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public Rebuilds(DataSource dataSource, PlatformTransactionManager transactions, EventStore events,
                    StreamStore store, TokenStore tokens,
                    @Value("${ante.read-models.rebuild-batch:10000}") int batchSize,
                    @Value("${ante.read-models.high-score-threshold:10000}") long highScoreThreshold) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.events = events;
        this.store = store;
        this.tokens = tokens;
        this.batchSize = batchSize;
        this.projections = Map.of(
                ProjectionNames.GAME_SUMMARIES, GameSummaryProjection::new,
                ProjectionNames.SYNERGIES, jdbc -> new SynergyProjection(jdbc, highScoreThreshold),
                ProjectionNames.STRATEGIES, StrategyProjection::new,
                ProjectionNames.WINNING, WinningProjection::new,
                ProjectionNames.ANTE_STATS, AnteStatsProjection::new);
    }

    /** True for read models rebuilt beside the live one; the others are reset and replayed in place. */
    public boolean shadowed(String name) {
        return projections.containsKey(name) && !ReadModelTables.of(name).isEmpty();
    }

    /** Starts a rebuild of {@code name}, or returns the one already running. */
    public synchronized ShadowRebuild start(String name, StreamingEventProcessor processor) {
        ShadowRebuild running = latest.get(name);
        if (running != null && running.state() == ShadowRebuild.State.RUNNING) {
            return running;
        }
        ShadowRebuild rebuild = new ShadowRebuild(name, dataSource, transactions, projections.get(name), events,
                store::headPosition, live(name, processor), batchSize);
        latest.put(name, rebuild);
        threads.execute(rebuild);
        return rebuild;
    }

    /** The latest rebuild of {@code name}, running or finished; empty if none was started since the start. */
    public Optional<ShadowRebuild> latest(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    private ShadowRebuild.LiveProcessor live(String name, StreamingEventProcessor processor) {
        return new ShadowRebuild.LiveProcessor() {
            @Override
            public void pause() {
                processor.shutDown();
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
        };
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
