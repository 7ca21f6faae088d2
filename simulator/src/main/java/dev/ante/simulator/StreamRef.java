package dev.ante.simulator;

import dev.ante.domain.GameId;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import java.util.Objects;

/** A stream the simulation writes to: a game, a strategy or a learning run, by its id. */
public record StreamRef(Kind kind, String id) {

    /** The three kinds of stream of the catalog. */
    public enum Kind {
        GAME, STRATEGY, LEARNING
    }

    public StreamRef {
        Objects.requireNonNull(kind, "kind");
        // Validates the id the same way the platform does.
        streamName(kind, id);
    }

    public static StreamRef game(String gameId) {
        return new StreamRef(Kind.GAME, gameId);
    }

    public static StreamRef strategy(String strategyId) {
        return new StreamRef(Kind.STRATEGY, strategyId);
    }

    public static StreamRef learning(String runId) {
        return new StreamRef(Kind.LEARNING, runId);
    }

    /** The stream name, built by the domain's id records. */
    public String streamName() {
        return streamName(kind, id);
    }

    /** The NDJSON field naming this stream's id. */
    public String idField() {
        return switch (kind) {
            case GAME -> "gameId";
            case STRATEGY -> "strategyId";
            case LEARNING -> "runId";
        };
    }

    /** The path of this stream's JSON batch endpoint, below {@code /api/v1}. */
    public String batchPath() {
        return switch (kind) {
            case GAME -> "/games/" + id + "/events";
            case STRATEGY -> "/strategies/" + id + "/events";
            case LEARNING -> "/learning/" + id + "/metrics";
        };
    }

    private static String streamName(Kind kind, String id) {
        return switch (kind) {
            case GAME -> GameId.of(id).streamName();
            case STRATEGY -> StrategyId.of(id).streamName();
            case LEARNING -> RunId.of(id).streamName();
        };
    }
}
