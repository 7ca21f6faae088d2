package dev.ante.infra.store.kurrent;

import static dev.ante.infra.store.StreamStore.START;
import static dev.ante.infra.store.StreamStoreArguments.requireRevision;
import static dev.ante.infra.store.StreamStoreArguments.requireStreamName;

import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.StreamDeletedException;
import io.kurrent.dbclient.StreamMetadata;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots for {@link KurrentStreamStore}: each in {@code snapshot-<stream>}, which is given
 * {@code $maxCount = 1} before its first snapshot; the covered revision travels in the snapshot event's
 * metadata ({@link SnapshotMetadata}).
 */
final class KurrentSnapshots {

    private static final Logger log = LoggerFactory.getLogger(KurrentStreamStore.class);

    private static final int SNAPSHOT_STREAMS_REMEMBERED = 10_000;

    private final KurrentConnection connection;
    private final KurrentStoreOptions options;
    private final KurrentStreams streams;

    private final Set<String> snapshotStreamsWithMaxCount = Collections.newSetFromMap(
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > SNAPSHOT_STREAMS_REMEMBERED;
                }
            }));

    KurrentSnapshots(KurrentConnection connection, KurrentStoreOptions options, KurrentStreams streams) {
        this.connection = connection;
        this.options = options;
        this.streams = streams;
    }

    void storeSnapshot(String stream, long revision, NewEvent snapshot) {
        requireStreamName(stream);
        Objects.requireNonNull(snapshot, "snapshot");
        requireRevision(revision);
        String snapshotStream = KurrentStoreOptions.SNAPSHOT_PREFIX + stream;
        keepOnlyTheLatestEvent(snapshotStream);
        EventData data = EventData.builderAsJson(snapshot.eventId(), snapshot.type(), snapshot.data())
                .metadataAsBytes(SnapshotMetadata.wrap(revision, snapshot.metadata())).build();
        AppendToStreamOptions appendOptions = connection.authenticated(AppendToStreamOptions.get())
                .streamState(StreamState.any()).deadline(options.appendDeadline().toMillis());
        try {
            connection.write("store the snapshot of " + stream, options.appendDeadline(),
                    c -> c.appendToStream(snapshotStream, appendOptions, data));
        } catch (WrongExpectedVersionException | StreamDeletedException e) {
            throw new IllegalStateException("cannot store the snapshot of " + stream + " in " + snapshotStream
                    + " on KurrentDB at " + connection.server(), e);
        }
    }

    // Setting the metadata before the first snapshot (rather than after) means a crash in between can never
    // leave a snapshot stream that grows without bound.
    private void keepOnlyTheLatestEvent(String snapshotStream) {
        if (snapshotStreamsWithMaxCount.contains(snapshotStream)) {
            return;
        }
        StreamMetadata metadata = new StreamMetadata();
        metadata.setMaxCount(1L);
        AppendToStreamOptions appendOptions = connection.authenticated(AppendToStreamOptions.get())
                .streamState(StreamState.noStream()).deadline(options.appendDeadline().toMillis());
        try {
            connection.write("set $maxCount on " + snapshotStream, options.appendDeadline(),
                    c -> c.setStreamMetadata(snapshotStream, appendOptions, metadata));
        } catch (WrongExpectedVersionException alreadySet) {
            // Metadata written earlier, by this or another instance: it is the one we would write.
        } catch (StreamDeletedException e) {
            throw new IllegalStateException(snapshotStream + " has been deleted in KurrentDB at "
                    + connection.server(), e);
        }
        snapshotStreamsWithMaxCount.add(snapshotStream);
    }

    Optional<RecordedEvent> readSnapshot(String stream) {
        requireStreamName(stream);
        String snapshotStream = KurrentStoreOptions.SNAPSHOT_PREFIX + stream;
        Optional<io.kurrent.dbclient.RecordedEvent> last = streams.lastEvent(snapshotStream);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        io.kurrent.dbclient.RecordedEvent event = last.get();
        Optional<SnapshotMetadata.Unwrapped> unwrapped = SnapshotMetadata.unwrap(event.getUserMetadata());
        if (unwrapped.isEmpty()) {
            log.warn("Ignoring the last event of {} on KurrentDB at {}: its metadata carries no covered revision",
                    snapshotStream, connection.server());
            return Optional.empty();
        }
        return Optional.of(new RecordedEvent(stream, event.getEventId(), event.getEventType(),
                unwrapped.get().coveredRevision(), START, event.getCreated(), event.getEventData(),
                unwrapped.get().metadata()));
    }
}
