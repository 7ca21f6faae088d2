package dev.ante.api.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ante.domain.AppendOutcome;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a recording command answers once its events are stored: the stream's {@link AppendOutcome} and the
 * global position of the last event it appended, as the store's append returned it. The position is empty
 * when nothing was appended (every event was a duplicate).
 */
public final class Recorded {

    private final AppendOutcome outcome;
    private final Long position;

    Recorded(AppendOutcome outcome) {
        this(outcome, null);
    }

    Recorded(AppendOutcome outcome, long position) {
        this(outcome, Long.valueOf(position));
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

    @Override
    public String toString() {
        return "Recorded[outcome=" + outcome + ", position=" + position + "]";
    }
}
