package dev.ante.replay.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which games an export keeps: started in {@code [since, until)}, by one of {@code agents}, playing one of
 * {@code strategies}, ending in one of {@code outcomes} (ACTIVE for a game not completed). A null bound or an
 * empty set keeps every game.
 */
public record GameFilter(Instant since, Instant until, Set<String> agents, Set<String> strategies,
                         Set<String> outcomes) {

    public GameFilter {
        agents = Set.copyOf(agents);
        strategies = Set.copyOf(strategies);
        outcomes = Set.copyOf(outcomes);
    }

    /** Every game. */
    public static GameFilter all() {
        return new GameFilter(null, null, Set.of(), Set.of(), Set.of());
    }

    /**
     * The SQL condition over the staged GameStarted row {@code s} and GameCompleted row {@code c}, starting with
     * {@code WHERE} (empty when it keeps every game); its parameters are added to {@code parameters}.
     */
    String where(List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (since != null) {
            conditions.add("s.occurred_at >= make_timestamp(?::BIGINT)::TIMESTAMPTZ");
            parameters.add(ChronoUnit.MICROS.between(Instant.EPOCH, since));
        }
        if (until != null) {
            conditions.add("s.occurred_at < make_timestamp(?::BIGINT)::TIMESTAMPTZ");
            parameters.add(ChronoUnit.MICROS.between(Instant.EPOCH, until));
        }
        in(conditions, parameters, "s.j->>'$.agentId'", agents);
        in(conditions, parameters, "s.j->>'$.strategyId'", strategies);
        in(conditions, parameters, "COALESCE(c.j->>'$.outcome', 'ACTIVE')", outcomes);
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }

    private static void in(List<String> conditions, List<Object> parameters, String column, Set<String> values) {
        if (values.isEmpty()) {
            return;
        }
        conditions.add(column + " IN (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
        parameters.addAll(values);
    }
}
