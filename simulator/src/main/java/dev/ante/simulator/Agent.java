package dev.ante.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ante.domain.game.Outcome;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.domain.strategy.StrategyEvaluated;
import dev.ante.domain.strategy.StrategyRegistered;
import dev.ante.domain.strategy.StrategyRetired;
import dev.ante.domain.strategy.StrategyRevised;
import dev.ante.simulator.game.DeckType;
import dev.ante.simulator.game.GamePlay;
import dev.ante.simulator.game.Joker;
import dev.ante.simulator.game.PlayStyle;
import dev.ante.simulator.game.SimClock;
import dev.ante.simulator.game.TimedEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One simulated learning agent: it registers a strategy, plays its games one after the other, records a
 * training step's metrics after each, evaluates its strategy every few games and revises it (a lower
 * temperature, a different joker preference) or retires it for a fresh one. Its timeline of batches is
 * produced lazily, in the order the agent would post them.
 */
final class Agent implements Iterator<StreamBatch> {

    private final SimulationConfig config;
    private final int number;
    private final String agentId;
    private final StreamRef run;
    private final SplittableRandom random;
    private final SimClock clock;
    private final Map<String, Long> revisions = new HashMap<>();
    private final ArrayDeque<StreamBatch> pending = new ArrayDeque<>();
    private final int gamesToPlay;

    private StrategyPlan strategy;
    private int generation;
    private int gamesPlayed;
    private int strategyGames;
    private int strategyWins;
    private int strategyCompleted;
    private double strategyAnteSum;
    private int windowGames;
    private int windowWins;
    private double windowAnteSum;
    private double winRateEma;

    Agent(SimulationConfig config, int index) {
        this.config = config;
        this.number = index + 1;
        this.agentId = config.idPrefix() + "-agent-" + number;
        this.run = StreamRef.learning(config.idPrefix() + "-a" + number + "-run1");
        this.random = new SplittableRandom(mix(config.seed(), index));
        this.clock = new SimClock(config.startTime().plusMillis(random.nextInt(30_000)), config.timeScale());
        this.gamesToPlay = config.gamesOf(index);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && gamesPlayed < gamesToPlay) {
            step();
        }
        return !pending.isEmpty();
    }

    @Override
    public StreamBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /** Plays one game and queues everything the agent posts around it. */
    private void step() {
        if (strategy == null) {
            register(1.0);
        }
        gamesPlayed++;
        String gameId = config.idPrefix() + "-a" + number + "-g" + String.format(Locale.ROOT, "%05d", gamesPlayed);
        DeckType deck = random.nextDouble() < 0.8 ? strategy.deck() : DeckType.random(random);
        double crashAt = random.nextDouble() < config.crashRate() ? 0.1 + random.nextDouble() * 0.85 : 0;
        GamePlay.Played played = GamePlay.play(new GamePlay.Setup(gameId, agentId, strategy.id(),
                strategy.modelVersion(), deck, strategy.stake(), strategy.style(), 0, 8, crashAt), random.split(), clock);
        StreamRef game = StreamRef.game(gameId);
        for (List<TimedEvent> chunk : played.chunks()) {
            List<Envelope> events = new ArrayList<>(chunk.size());
            for (TimedEvent e : chunk) {
                events.add(envelope(game, e.occurredAt(), e.event()));
            }
            pending.add(new StreamBatch(game, events));
        }
        record(played);
        clock.advance(played.outcome() == null ? 60_000 : 4_000 + random.nextInt(15_000), random.nextInt(1_000));
    }

    /** Registers a fresh strategy; it keeps what training taught the agent about noise ({@code maxTemperature}). */
    private void register(double maxTemperature) {
        generation++;
        StrategyPlan fresh = StrategyPlan.random(config.idPrefix() + "-a" + number + "-s" + generation, generation,
                random);
        strategy = fresh.revised(fresh.modelVersion(), fresh.style()
                .withTemperature(Math.min(fresh.style().temperature(), maxTemperature)));
        StreamRef ref = StreamRef.strategy(strategy.id());
        pending.add(new StreamBatch(ref, List.of(envelope(ref, clock.advance(500, random.nextInt(1_000)),
                new StrategyRegistered(strategy.name(), agentId, strategy.modelVersion(), strategy.parameters())))));
        strategyGames = 0;
        strategyWins = 0;
        strategyCompleted = 0;
        strategyAnteSum = 0;
        windowGames = 0;
        windowWins = 0;
        windowAnteSum = 0;
    }

    /** The training step after a game: metrics, and every few games an evaluation and perhaps a revision. */
    private void record(GamePlay.Played played) {
        strategyGames++;
        boolean won = played.outcome() == Outcome.WIN;
        if (played.outcome() != null) {
            strategyCompleted++;
            strategyAnteSum += played.finalAnte();
            windowGames++;
            windowAnteSum += played.finalAnte();
            if (won) {
                strategyWins++;
                windowWins++;
            }
        }
        winRateEma = 0.9 * winRateEma + 0.1 * (won ? 1 : 0);
        Instant at = clock.advance(1_500, random.nextInt(1_000));
        double reward = played.finalAnte() + (won ? 4 : 0) + Math.log10(played.bestHandScore() + 1.0) / 2;
        double loss = 2.0 / Math.sqrt(1 + gamesPlayed) * Math.max(0.2, 1 + 0.25 * random.nextGaussian());
        List<Envelope> metrics = List.of(
                envelope(run, at, new MetricRecorded(gamesPlayed, "episode_reward", StrategyPlan.round(reward),
                        strategy.id())),
                envelope(run, at, new MetricRecorded(gamesPlayed, "loss", StrategyPlan.round(loss), strategy.id())),
                envelope(run, at, new MetricRecorded(gamesPlayed, "temperature", strategy.style().temperature(),
                        strategy.id())),
                envelope(run, at, new MetricRecorded(gamesPlayed, "win_rate_ema", StrategyPlan.round(winRateEma),
                        strategy.id())));
        pending.add(new StreamBatch(run, metrics));
        if (strategyGames % config.evaluateEvery() == 0) {
            evaluate();
        }
    }

    private void evaluate() {
        StreamRef ref = StreamRef.strategy(strategy.id());
        List<Envelope> events = new ArrayList<>();
        double avgAnte = strategyCompleted == 0 ? 0 : StrategyPlan.round(strategyAnteSum / strategyCompleted);
        events.add(envelope(ref, clock.advance(800, random.nextInt(1_000)),
                new StrategyEvaluated(strategyGames, strategyWins, avgAnte)));
        double windowAnte = windowGames == 0 ? 0 : windowAnteSum / windowGames;
        boolean failing = strategyGames >= 3 * config.evaluateEvery() && strategyWins == 0 && avgAnte < 4.5;
        if (failing) {
            events.add(envelope(ref, clock.advance(300, random.nextInt(1_000)), new StrategyRetired(String.format(
                    Locale.ROOT, "underperforming: %d wins in %d games, average final ante %.2f", strategyWins,
                    strategyGames, avgAnte))));
            pending.add(new StreamBatch(ref, events));
            register(strategy.style().temperature());
            return;
        }
        PlayStyle style = strategy.style();
        String reason = null;
        if (random.nextDouble() < 0.6 && style.temperature() > 0.04) {
            double cooler = StrategyPlan.round(Math.max(0.03, style.temperature() * 0.8));
            reason = String.format(Locale.ROOT, "scheduled update: temperature %.3f -> %.3f", style.temperature(),
                    cooler);
            style = style.withTemperature(cooler);
        }
        if (windowAnte < 3.5 && random.nextDouble() < 0.3 && style.preferredKind() != Joker.Kind.XMULT) {
            style = new PlayStyle(style.focus(), style.temperature(), style.interestTarget(), style.rerollBudget(),
                    style.skipAggression(), Joker.Kind.XMULT, style.llmRate(), style.discardEagerness(),
                    style.abandonPropensity());
            reason = String.format(Locale.ROOT, "window average ante %.2f: prefer xmult jokers", windowAnte);
        }
        if (reason != null) {
            String[] version = strategy.modelVersion().split("\\.");
            String next = version[0] + "." + (Integer.parseInt(version[1]) + 1);
            strategy = strategy.revised(next, style);
            events.add(envelope(ref, clock.advance(300, random.nextInt(1_000)),
                    new StrategyRevised(next, strategy.parameters(), reason)));
        }
        pending.add(new StreamBatch(ref, events));
        windowGames = 0;
        windowWins = 0;
        windowAnteSum = 0;
    }

    private Envelope envelope(StreamRef stream, Instant at, Object data) {
        String name = stream.streamName();
        long revision = revisions.merge(name, 1L, Long::sum) - 1;
        return Envelope.of(eventId(config.idPrefix(), name, revision), at, data);
    }

    /** Event ids derive from the stream and revision, so a rerun with the same seed resends the same ids. */
    static UUID eventId(String prefix, String stream, long revision) {
        return UUID.nameUUIDFromBytes(("ante-sim|" + prefix + '|' + stream + '|' + revision).getBytes(UTF_8));
    }

    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
