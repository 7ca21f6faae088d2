package dev.ante.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate. Everything generated is a function of these values alone.
 *
 * @param seed          the seed of every random choice
 * @param agents        agents playing side by side, each with its own strategy and learning run
 * @param games         games in total, shared out among the agents
 * @param idPrefix      prefix of every agent, game, strategy and run id, so that runs with other seeds or
 *                      prefixes never touch the same streams
 * @param startTime     when the agents start playing
 * @param timeScale     factor applied to simulated durations (1: real pace; 0.01: a hundred times faster)
 * @param evaluateEvery games between a strategy's evaluations (and possible revisions)
 * @param crashRate     share of games whose agent dies part-way, leaving the game unfinished
 */
public record SimulationConfig(long seed, int agents, int games, String idPrefix, Instant startTime,
                               double timeScale, int evaluateEvery, double crashRate) {

    /** The default start: a fixed instant, so that the same seed always yields the same bytes. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-23T09:00:00Z");

    public SimulationConfig {
        if (agents < 1) {
            throw new IllegalArgumentException("agents must be >= 1, was " + agents);
        }
        if (games < 0) {
            throw new IllegalArgumentException("games must be >= 0, was " + games);
        }
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(startTime, "startTime");
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0, was " + timeScale);
        }
        if (evaluateEvery < 1) {
            throw new IllegalArgumentException("evaluateEvery must be >= 1, was " + evaluateEvery);
        }
        if (crashRate < 0 || crashRate > 1) {
            throw new IllegalArgumentException("crashRate must be within 0..1, was " + crashRate);
        }
    }

    /** {@code games} games by {@code agents} agents from {@code seed}, with the defaults for the rest. */
    public static SimulationConfig of(long seed, int agents, int games) {
        return new SimulationConfig(seed, agents, games, "s" + Long.toUnsignedString(seed, 36), DEFAULT_START, 1.0,
                10, 0.025);
    }

    public SimulationConfig withIdPrefix(String value) {
        return new SimulationConfig(seed, agents, games, value, startTime, timeScale, evaluateEvery, crashRate);
    }

    public SimulationConfig withStartTime(Instant value) {
        return new SimulationConfig(seed, agents, games, idPrefix, value, timeScale, evaluateEvery, crashRate);
    }

    public SimulationConfig withTimeScale(double value) {
        return new SimulationConfig(seed, agents, games, idPrefix, startTime, value, evaluateEvery, crashRate);
    }

    public SimulationConfig withEvaluateEvery(int value) {
        return new SimulationConfig(seed, agents, games, idPrefix, startTime, timeScale, value, crashRate);
    }

    public SimulationConfig withCrashRate(double value) {
        return new SimulationConfig(seed, agents, games, idPrefix, startTime, timeScale, evaluateEvery, value);
    }

    /** How many games agent {@code index} (0-based) plays. */
    public int gamesOf(int index) {
        return games / agents + (index < games % agents ? 1 : 0);
    }
}
