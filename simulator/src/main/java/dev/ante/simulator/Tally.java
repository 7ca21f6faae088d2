package dev.ante.simulator;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.Outcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Counts what went through a sink: batches, events, games started and how the completed ones ended. */
public final class Tally {

    private long batches;
    private long events;
    private long gamesStarted;
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

    /** Counts one batch. Not thread-safe: one tally per sending thread, or synchronise around it. */
    public void add(StreamBatch batch) {
        batches++;
        events += batch.events().size();
        for (Envelope e : batch.events()) {
            if (e.data() instanceof GameStarted) {
                gamesStarted++;
            } else if (e.data() instanceof GameCompleted completed) {
                outcomes.merge(completed.outcome(), 1L, Long::sum);
            }
        }
    }

    public long batches() {
        return batches;
    }

    public long events() {
        return events;
    }

    public long gamesStarted() {
        return gamesStarted;
    }

    public long completed(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }

    /** Games started and not (yet) completed. */
    public long unfinished() {
        return gamesStarted - outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d games (%d won, %d lost, %d abandoned, %d unfinished), %d events in %d"
                        + " batches", gamesStarted, completed(Outcome.WIN), completed(Outcome.LOSS),
                completed(Outcome.ABANDONED), unfinished(), events, batches);
    }
}
