package dev.ante.infra.store.kurrent;

import static dev.ante.infra.store.StreamStoreArguments.requireEvents;
import static dev.ante.infra.store.StreamStoreArguments.requireFromRevision;
import static dev.ante.infra.store.StreamStoreArguments.requireMaxCount;
import static dev.ante.infra.store.StreamStoreArguments.requireStreamName;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.ReadResult;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamDeletedException;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WriteResult;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Appends to and reads of single streams for {@link KurrentStreamStore}. Appends send each
 * {@link NewEvent#eventId()} as the KurrentDB event id, which makes repeating an append idempotent.
 */
final class KurrentStreams {

    private static final byte[] EMPTY_JSON_OBJECT = {'{', '}'};

    private final KurrentConnection connection;
    private final KurrentStoreOptions options;

    KurrentStreams(KurrentConnection connection, KurrentStoreOptions options) {
        this.connection = connection;
        this.options = options;
    }

    AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
        requireStreamName(stream);
        Objects.requireNonNull(expected, "expected");
        requireEvents(events);
        List<EventData> data = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            data.add(EventData.builderAsJson(event.eventId(), event.type(), event.data())
                    .metadataAsBytes(event.metadata()).build());
        }
        AppendToStreamOptions appendOptions = connection.authenticated(AppendToStreamOptions.get())
                .streamState(streamStateOf(expected))
                .deadline(options.appendDeadline().toMillis());
        WriteResult written;
        try {
            written = connection.write("append " + events.size() + " event(s) to " + stream,
                    options.appendDeadline(), c -> c.appendToStream(stream, appendOptions, data.iterator()));
        } catch (WrongExpectedVersionException e) {
            throw new WrongExpectedRevisionException(stream, expected, revisionOf(e.getActualState()));
        } catch (StreamDeletedException e) {
            throw new IllegalStateException("stream " + stream + " has been deleted in KurrentDB at "
                    + connection.server(), e);
        }
        long lastRevision = written.getNextExpectedRevision().toRawLong();
        long firstRevision = lastRevision - events.size() + 1;
        // An append recognised as a repeat may come back without a position, depending on the server version.
        long lastPosition = written.getLogPosition() != null
                ? written.getLogPosition().getCommitUnsigned()
                : positionOfRevision(stream, lastRevision);
        return new AppendResult(stream, firstRevision, lastRevision, lastPosition);
    }

    private long positionOfRevision(String stream, long revision) {
        StreamRead read = readStream(stream, revision, 1, Direction.FORWARDS);
        if (read instanceof StreamRead.Found found && !found.events().isEmpty()) {
            return found.events().get(0).position();
        }
        throw new StoreUnavailableException(connection.prefix() + "acknowledged revision " + revision + " of " + stream
                + " but the event cannot be read back", null);
    }

    private static StreamState streamStateOf(ExpectedRevision expected) {
        if (expected instanceof ExpectedRevision.Exact exact) {
            return StreamState.streamRevision(exact.revision());
        }
        return expected instanceof ExpectedRevision.NoStream ? StreamState.noStream() : StreamState.any();
    }

    private static long revisionOf(StreamState actual) {
        long raw = actual == null ? -1 : actual.toRawLong();
        return Math.max(raw, -1);
    }

    StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
        requireStreamName(stream);
        Objects.requireNonNull(direction, "direction");
        requireFromRevision(fromRevision);
        requireMaxCount(maxCount);
        boolean forwards = direction == Direction.FORWARDS;
        List<RecordedEvent> events = new ArrayList<>(Math.min(maxCount, options.readPageSize()));
        long lastRevision = -1;
        long next = fromRevision;
        int remaining = maxCount;
        // Paged, so that each request stays small enough for its deadline however long the stream is.
        while (true) {
            int pageSize = Math.min(remaining, options.readPageSize());
            ReadStreamOptions readOptions = connection.authenticated(ReadStreamOptions.get())
                    .direction(forwards ? io.kurrent.dbclient.Direction.Forwards
                            : io.kurrent.dbclient.Direction.Backwards)
                    .fromRevision(next)
                    .maxCount(pageSize)
                    .deadline(options.readDeadline().toMillis());
            ReadResult page;
            try {
                page = connection.call("read " + stream, options.readDeadline(),
                        c -> c.readStream(stream, readOptions));
            } catch (StreamNotFoundException | StreamDeletedException e) {
                if (events.isEmpty()) {
                    return new StreamRead.NotFound(stream);
                }
                break;
            }
            List<ResolvedEvent> pageEvents = page.getEvents();
            // Current servers report the stream's last revision after every read; it is 0 when they do not.
            lastRevision = Math.max(lastRevision, page.getLastStreamPosition());
            for (ResolvedEvent resolved : pageEvents) {
                RecordedEvent event = toRecordedEvent(resolved.getOriginalEvent());
                events.add(event);
                lastRevision = Math.max(lastRevision, event.revision());
            }
            remaining -= pageEvents.size();
            if (pageEvents.size() < pageSize || remaining == 0) {
                break;
            }
            long lastRead = pageEvents.get(pageEvents.size() - 1).getOriginalEvent().getRevision();
            next = forwards ? lastRead + 1 : lastRead - 1;
            if (next < 0) {
                break;
            }
        }
        return new StreamRead.Found(stream, List.copyOf(events), lastRevision);
    }

    Optional<Long> lastRevision(String stream) {
        requireStreamName(stream);
        return lastEvent(stream).map(io.kurrent.dbclient.RecordedEvent::getRevision);
    }

    Optional<io.kurrent.dbclient.RecordedEvent> lastEvent(String stream) {
        ReadStreamOptions readOptions = connection.authenticated(ReadStreamOptions.get())
                .backwards().fromEnd().maxCount(1).deadline(options.readDeadline().toMillis());
        try {
            ReadResult result = connection.call("read the last event of " + stream, options.readDeadline(),
                    c -> c.readStream(stream, readOptions));
            return result.getEvents().stream().findFirst().map(ResolvedEvent::getOriginalEvent);
        } catch (StreamNotFoundException | StreamDeletedException e) {
            return Optional.empty();
        }
    }

    /** The store's view of a KurrentDB event; metadata the event lacks reads as an empty JSON object. */
    static RecordedEvent toRecordedEvent(io.kurrent.dbclient.RecordedEvent event) {
        byte[] metadata = event.getUserMetadata();
        return new RecordedEvent(event.getStreamId(), event.getEventId(), event.getEventType(), event.getRevision(),
                event.getPosition().getCommitUnsigned(), event.getCreated(), event.getEventData(),
                metadata == null || metadata.length == 0 ? EMPTY_JSON_OBJECT.clone() : metadata);
    }
}
