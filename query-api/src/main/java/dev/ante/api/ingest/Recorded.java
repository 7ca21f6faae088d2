package dev.ante.api.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ante.domain.AppendOutcome;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a recording command answers once its unit of work has committed: the aggregate's
 * {@link AppendOutcome} and the global position of the last event it appended. The outcome is decided
 * before the commit and the events are appended during it, so {@link AppendPositions} hands this out
 * first and fills in the position after the commit, from what the storage engine's append returned.
 * The position stays empty when nothing was appended (every event was a duplicate).
 */
public final class Recorded {

    private final AppendOutcome outcome;
    private volatile Long position;

    Recorded(AppendOutcome outcome) {
        this(outcome, null);
    }

    /** Also how a result routed between instances is read back. */
    @JsonCreator
    Recorded(@JsonProperty("outcome") AppendOutcome outcome, @JsonProperty("position") Long position) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.position = position;
    }

    @JsonProperty("outcome")
    public AppendOutcome outcome() {
        return outcome;
    }

    /** The global position of the stream's last event as appended by this command; empty when it appended nothing. */
    public OptionalLong position() {
        Long landed = position;
        return landed == null ? OptionalLong.empty() : OptionalLong.of(landed);
    }

    @JsonProperty("position")
    Long positionOrNull() {
        return position;
    }

    void landedAt(long position) {
        this.position = position;
    }

    @Override
    public String toString() {
        return "Recorded[outcome=" + outcome + ", position=" + position + "]";
    }
}
