package dev.ante.infra.store.kurrent;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import io.kurrent.dbclient.ReadAllOptions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link StreamStore}: KurrentDB (EventStoreDB) through {@code io.kurrent:kurrentdb-client}.
 *
 * <ul>
 *   <li>Appends send each {@link NewEvent#eventId()} as the KurrentDB event id, so repeating an append whose
 *       outcome is unknown (a deadline passed, the connection broke) is idempotent: the server recognises the
 *       ids and answers with the original result instead of writing twice.</li>
 *   <li>Positions are KurrentDB commit positions. They grow with gaps, and a position handed to
 *       {@link #readAll} must be {@link #START} or one this store returned: KurrentDB rejects positions that do
 *       not start an event, and this store then throws {@link IllegalArgumentException}.</li>
 *   <li>The log is {@code $all} seen through {@link KurrentStoreOptions#streamPrefixes()}: system streams
 *       ({@code $...}), snapshot streams and other applications' streams are skipped on the client, since the
 *       Java client cannot filter {@code $all} reads on the server. {@link #readAll} keeps reading until it has
 *       events of the log or reaches the end, so an empty result always means "nothing more yet".</li>
 *   <li>Snapshots live in {@code snapshot-<stream>}, which is given {@code $maxCount = 1} before its first
 *       snapshot; the covered revision travels in the snapshot event's metadata.</li>
 *   <li>Every request has a deadline. A failure to reach the server, or a missed deadline, is a
 *       {@link StoreUnavailableException} naming the server and the reason; nothing is reported as written
 *       unless the server acknowledged it. When the client gives up on a connection, a fresh client is made on
 *       a later call, no sooner than the retry delay allows.</li>
 * </ul>
 *
 * <p>The work is done by {@link KurrentConnection} (the client, retries, deadlines and failures),
 * {@link KurrentStreams} (appends and stream reads), {@link KurrentLog} (the filtered {@code $all}) and
 * {@link KurrentSnapshots}.
 *
 * <p>Thread-safe.
 */
public final class KurrentStreamStore implements StreamStore {

    private static final Logger log = LoggerFactory.getLogger(KurrentStreamStore.class);

    private final KurrentConnection connection;
    private final KurrentStreams streams;
    private final KurrentLog filteredLog;
    private final KurrentSnapshots snapshots;

    private KurrentStreamStore(KurrentConnection connection, KurrentStoreOptions options) {
        this.connection = connection;
        this.streams = new KurrentStreams(connection, options);
        this.filteredLog = new KurrentLog(connection, options);
        this.snapshots = new KurrentSnapshots(connection, options, streams);
    }

    /** Connects with {@link KurrentStoreOptions#defaults()}; see {@link #connect(String, KurrentStoreOptions)}. */
    public static KurrentStreamStore connect(String connectionString) {
        return connect(connectionString, KurrentStoreOptions.defaults());
    }

    /**
     * Connects to KurrentDB, for instance {@code kurrentdb://127.0.0.1:2113?tls=false} or
     * {@code kurrentdb://admin:changeit@db.example:2113}, and checks that {@code $all} can be read.
     *
     * @throws IllegalArgumentException  when the connection string cannot be parsed
     * @throws StoreUnavailableException when the server cannot be reached or refuses access
     */
    public static KurrentStreamStore connect(String connectionString, KurrentStoreOptions options) {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(options, "options");
        KurrentConnection connection = new KurrentConnection(KurrentConnection.parse(connectionString), options);
        try {
            connection.call("connect (reading the end of $all)", options.readDeadline(),
                    c -> c.readAll(connection.authenticated(ReadAllOptions.get().backwards().fromEnd().maxCount(1))
                            .deadline(options.readDeadline().toMillis())));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        log.info("Connected to KurrentDB at {}", connection.server());
        return new KurrentStreamStore(connection, options);
    }

    /** The server(s) this store talks to, as {@code host:port}, for messages and logs. */
    public String server() {
        return connection.server();
    }

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
        return streams.append(stream, expected, events);
    }

    @Override
    public StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
        return streams.readStream(stream, fromRevision, maxCount, direction);
    }

    @Override
    public Optional<Long> lastRevision(String stream) {
        return streams.lastRevision(stream);
    }

    @Override
    public List<RecordedEvent> readAll(long afterPosition, int maxCount) {
        return filteredLog.readAll(afterPosition, maxCount);
    }

    @Override
    public long headPosition() {
        return filteredLog.headPosition();
    }

    @Override
    public long positionBefore(Instant instant) {
        return filteredLog.positionBefore(instant);
    }

    @Override
    public void storeSnapshot(String stream, long revision, NewEvent snapshot) {
        snapshots.storeSnapshot(stream, revision, snapshot);
    }

    @Override
    public Optional<RecordedEvent> readSnapshot(String stream) {
        return snapshots.readSnapshot(stream);
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "KurrentStreamStore[" + connection.server() + "]";
    }
}
