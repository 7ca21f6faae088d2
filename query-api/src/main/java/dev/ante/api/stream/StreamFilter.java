package dev.ante.api.stream;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.GameId;
import dev.ante.domain.InvalidIdException;
import dev.ante.domain.Printable;
import dev.ante.domain.RunId;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import dev.ante.domain.catalog.EventCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which events a stream client wants; every condition given must hold (docs/api.md, "Live stream").
 * {@code agentId} and {@code strategyId} also select a game's events by the agent and strategy its
 * {@code GameStarted} names, and a strategy's events by the agent its {@code StrategyRegistered} names.
 *
 * @param category   {@code game}, {@code strategy} or {@code learning}; null for all
 * @param stream     the one game stream wanted ({@code gameId=}); null for all
 * @param strategyId null for all
 * @param agentId    null for all
 * @param types      event types wanted; empty for all
 */
public record StreamFilter(String category, String stream, String strategyId, String agentId, Set<String> types) {

    /** Longest agent id a filter may name; agent ids are free text in the catalog. */
    static final int MAX_AGENT_ID = 256;

    /** Everything. */
    public static final StreamFilter ALL = new StreamFilter(null, null, null, null, Set.of());

    public StreamFilter {
        types = Set.copyOf(types);
    }

    /** The filter the query parameters describe; every parameter that is wrong is reported at once. */
    public static StreamFilter parse(String category, String gameId, String strategyId, String agentId,
                                     String types) {
        List<Violation> violations = new ArrayList<>();
        String wantedCategory = null;
        if (category != null) {
            wantedCategory = category.toLowerCase(Locale.ROOT);
            if (!List.of("game", "strategy", "learning").contains(wantedCategory)) {
                violations.add(new Violation(null, "category", "must be game, strategy or learning"));
            }
        }
        String stream = null;
        if (gameId != null) {
            try {
                stream = GameId.of(gameId).streamName();
            } catch (InvalidIdException e) {
                violations.add(new Violation(null, "gameId", e.getMessage()));
            }
        }
        if (strategyId != null) {
            try {
                StrategyId.of(strategyId);
            } catch (InvalidIdException e) {
                violations.add(new Violation(null, "strategyId", e.getMessage()));
            }
        }
        if (agentId != null && (agentId.isEmpty() || agentId.length() > MAX_AGENT_ID)) {
            violations.add(new Violation(null, "agentId", "must be 1 to " + MAX_AGENT_ID + " characters"));
        }
        Set<String> wantedTypes = new LinkedHashSet<>();
        if (types != null) {
            for (String type : types.split(",", -1)) {
                String name = type.trim();
                if (EventCatalog.classOf(name).isEmpty()) {
                    violations.add(new Violation(null, "types", "'" + Printable.of(name)
                            + "' is not an event type of the catalog"));
                } else {
                    wantedTypes.add(name);
                }
                if (violations.size() > 20) {
                    break;
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid parameter", violations);
        }
        return new StreamFilter(wantedCategory, stream, strategyId, agentId, wantedTypes);
    }

    /** Whether the filter needs to know which agent and strategy a stream belongs to. */
    boolean needsTags() {
        return strategyId != null || agentId != null;
    }

    /**
     * Whether {@code event} passes. {@code tags} gives the agent and strategy of the event's stream; it is
     * asked only when the event's stream, category and type already pass.
     */
    boolean matches(String eventStream, String type, StreamTags.Resolver tags) {
        if (stream != null && !stream.equals(eventStream)) {
            return false;
        }
        if (category != null && !eventStream.startsWith(category + "-")) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(type)) {
            return false;
        }
        if (!needsTags()) {
            return true;
        }
        StreamTags.Tags t = tags.tags();
        return (strategyId == null || strategyId.equals(t.strategyId()))
                && (agentId == null || agentId.equals(t.agentId()));
    }

    /** Whether a stream name is a stream of the log at all (game, strategy or learning). */
    static boolean inLog(String stream) {
        return stream.startsWith(GameId.STREAM_PREFIX) || stream.startsWith(StrategyId.STREAM_PREFIX)
                || stream.startsWith(RunId.STREAM_PREFIX);
    }
}
