package dev.ante.infra.store;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The event store port. It has EventStoreDB's semantics so that every backend behaves the same:
 * appends are atomic per stream, revisions start at 0 and are dense, global positions are
 * monotonic (gaps allowed), and a missing stream is a distinct result rather than an empty list.
 *
 * <p>Snapshots are kept beside, not inside, the event log: {@link #storeSnapshot} keeps only the
 * latest snapshot of a stream and snapshots are never returned by {@link #readAll}.
 */
public interface StreamStore extends AutoCloseable {

    /** Position meaning "before the first event"; {@code readAll(START, n)} reads from the start. */
    long START = -1L;

    /**
     * Appends {@code events} to {@code stream} atomically.
     *
     * @throws WrongExpectedRevisionException when {@code expected} does not match the stream
     * @throws IllegalArgumentException when {@code events} is empty
     */
    AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events);

    /**
     * Appends as {@link #append(String, ExpectedRevision, List)} does and, when this store gives an append's
     * events consecutive positions, tells {@code committed} once they are durable and before any later append
     * commits, so that appends are told in the order of their positions. A store that cannot promise both tells
     * nothing (the default): whoever listens then finds the events in the log.
     */
    default AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events,
                                Consumer<CommittedAppend> committed) {
        return append(stream, expected, events);
    }

    /** Reads up to {@code maxCount} events of one stream starting at {@code fromRevision} (inclusive). */
    StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction);

    /**
     * Reads up to {@code maxCount} events of all streams with a position greater than {@code afterPosition}, which
     * is {@link #START} or a position this store returned (KurrentDB rejects positions that start no event).
     */
    List<RecordedEvent> readAll(long afterPosition, int maxCount);

    /** The position of the last stored event, or {@link #START} when the store is empty. */
    long headPosition();

    /**
     * The greatest position whose event was recorded strictly before {@code instant}, or {@link #START}
     * when there is none: reading after it yields the events recorded at or after {@code instant}.
     */
    long positionBefore(Instant instant);

    /** The last revision of {@code stream}, empty when the stream does not exist. */
    Optional<Long> lastRevision(String stream);

    /** Replaces the snapshot of {@code stream} (kept in {@code snapshot-<stream>}) with {@code snapshot}. */
    void storeSnapshot(String stream, long revision, NewEvent snapshot);

    /** The latest snapshot of {@code stream}; its {@link RecordedEvent#revision()} is the revision it covers. */
    Optional<RecordedEvent> readSnapshot(String stream);

    @Override
    void close();
}
