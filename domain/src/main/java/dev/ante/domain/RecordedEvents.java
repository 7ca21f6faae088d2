package dev.ante.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A stream's recorded events, read back one revision at a time: how a decision checks an event id that comes
 * back against what was recorded under it. The ledger keeps only ids and revisions, so the write path reads the
 * log only for ids it has seen before (a retry, or a reused id).
 */
@FunctionalInterface
public interface RecordedEvents {

    /** An event as its stream holds it; {@code occurredAt} is null for one recorded without a time. */
    record Recorded(UUID eventId, Instant occurredAt, Object data) {
    }

    /**
     * The event recorded at {@code revision}, which the stream has.
     *
     * @throws IllegalStateException when the stream holds no event there
     */
    Recorded at(long revision);

    /** For streams none of whose ids come back: any lookup is a failure of the caller's. */
    RecordedEvents NONE = revision -> {
        throw new IllegalStateException("no recorded events to look up revision " + revision + " in");
    };
}
