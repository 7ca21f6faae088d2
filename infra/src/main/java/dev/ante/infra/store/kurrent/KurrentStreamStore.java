package dev.ante.infra.store.kurrent;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.ConnectionSettingsBuilder;
import io.kurrent.dbclient.ConnectionShutdownException;
import io.kurrent.dbclient.Endpoint;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBClientSettings;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.NoClusterNodeFoundException;
import io.kurrent.dbclient.NotLeaderException;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadResult;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamDeletedException;
import io.kurrent.dbclient.StreamMetadata;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.SubscribeToAllOptions;
import io.kurrent.dbclient.Subscription;
import io.kurrent.dbclient.SubscriptionFilter;
import io.kurrent.dbclient.SubscriptionListener;
import io.kurrent.dbclient.UserCredentials;
import io.kurrent.dbclient.WriteResult;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * <p>Beyond the port, {@link #tail} follows the log live through a filtered {@code $all} subscription.
 *
 * <p>Thread-safe.
 */
public final class KurrentStreamStore implements StreamStore {

    private static final Logger log = LoggerFactory.getLogger(KurrentStreamStore.class);

    private static final byte[] EMPTY_JSON_OBJECT = {'{', '}'};
    private static final int SNAPSHOT_STREAMS_REMEMBERED = 10_000;
    private static final int SCAN_HINTS_REMEMBERED = 256;
    private static final int PROBE_TIMEOUT_MS = 1_000;
    // A new client loads its TLS provider and Netty before its first attempt, which takes a second or two.
    private static final long CONNECT_SLACK_MS = 5_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    private static final String TAIL_HEADER_NAME = "ante-tail";
    private static final Metadata.Key<String> TAIL_HEADER =
            Metadata.Key.of(TAIL_HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);

    private final KurrentDBClientSettings settings;
    private final KurrentStoreOptions options;
    private final UserCredentials credentials;
    private final String server;
    private final Predicate<String> inLog;
    private final String logStreamRegex;
    // How long the client may spend (re)connecting before a request even starts; see ConnectionService.
    private final long connectBudgetMillis;

    private final Object lock = new Object();
    private KurrentDBClient client;
    private long nextClientNotBefore;
    private long retryDelayNanos;
    private String lastConnectionFailure = "no connection yet";
    private boolean closed;

    private final Set<String> snapshotStreamsWithMaxCount = Collections.newSetFromMap(
            Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > SNAPSHOT_STREAMS_REMEMBERED;
                }
            }));
    // $all only grows at its end, so a stretch found to hold no events of the log never will. Remembering how
    // far such a scan got from a given position spares pollers that are caught up (Axon asks about once a
    // second) from reading other streams' events, and snapshots, again and again.
    private final Map<Long, Position> scannedPast = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Position> eldest) {
                    return size() > SCAN_HINTS_REMEMBERED;
                }
            });
    // The same for the head: the newest $all event the last search saw, and the head it found then.
    private volatile HeadHint headHint;
    private final Map<String, LiveTail> tails = new ConcurrentHashMap<>();
    private final AtomicLong tailIds = new AtomicLong();
    private final ScheduledExecutorService retries;

    private KurrentStreamStore(KurrentDBClientSettings parsed, KurrentStoreOptions options) {
        this.settings = withInterceptor(parsed, new SubscriptionEndWatcher());
        this.options = options;
        this.credentials = options.hasCredentials()
                ? new UserCredentials(options.username(), options.password()) : null;
        this.server = describeHosts(parsed);
        List<String> prefixes = options.streamPrefixes();
        this.inLog = stream -> !stream.startsWith("$") && !stream.startsWith(KurrentStoreOptions.SNAPSHOT_PREFIX)
                && prefixes.stream().anyMatch(stream::startsWith);
        this.logStreamRegex = prefixes.stream().map(KurrentStreamStore::escapeRegex)
                .collect(Collectors.joining("|", "^(", ")"));
        this.connectBudgetMillis = (long) Math.max(1, settings.getMaxDiscoverAttempts())
                * (settings.getGossipTimeout() + settings.getDiscoveryInterval()) + CONNECT_SLACK_MS;
        this.retryDelayNanos = options.minRetryDelay().toNanos();
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ante-kurrent-retry");
            thread.setDaemon(true);
            return thread;
        });
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
        KurrentDBClientSettings settings;
        try {
            settings = KurrentDBConnectionString.parseOrThrow(connectionString);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid KurrentDB connection string: "
                    + redact(connectionString) + " (" + redact(String.valueOf(e.getMessage())) + ")", e);
        }
        KurrentStreamStore store = new KurrentStreamStore(settings, options);
        try {
            store.call("connect (reading the end of $all)", options.readDeadline(),
                    c -> c.readAll(store.authenticated(ReadAllOptions.get().backwards().fromEnd().maxCount(1))
                            .deadline(options.readDeadline().toMillis())));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        log.info("Connected to KurrentDB at {}", store.server);
        return store;
    }

    /** The server(s) this store talks to, as {@code host:port}, for messages and logs. */
    public String server() {
        return server;
    }

    // --- appends ------------------------------------------------------------------------------------------

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
        requireStreamName(stream);
        Objects.requireNonNull(expected, "expected");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one event");
        }
        List<EventData> data = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            data.add(EventData.builderAsJson(event.eventId(), event.type(), event.data())
                    .metadataAsBytes(event.metadata()).build());
        }
        AppendToStreamOptions appendOptions = authenticated(AppendToStreamOptions.get())
                .streamState(streamStateOf(expected))
                .deadline(options.appendDeadline().toMillis());
        WriteResult written;
        try {
            written = write("append " + events.size() + " event(s) to " + stream, options.appendDeadline(),
                    c -> c.appendToStream(stream, appendOptions, data.iterator()));
        } catch (WrongExpectedVersionException e) {
            throw new WrongExpectedRevisionException(stream, expected, revisionOf(e.getActualState()));
        } catch (StreamDeletedException e) {
            throw new IllegalStateException("stream " + stream + " has been deleted in KurrentDB at " + server, e);
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
        throw new StoreUnavailableException(prefix() + "acknowledged revision " + revision + " of " + stream
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

    // --- reading streams ----------------------------------------------------------------------------------

    @Override
    public StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
        requireStreamName(stream);
        Objects.requireNonNull(direction, "direction");
        if (fromRevision < 0) {
            throw new IllegalArgumentException("fromRevision must be >= 0, was " + fromRevision);
        }
        requireMaxCount(maxCount);
        boolean forwards = direction == Direction.FORWARDS;
        List<RecordedEvent> events = new ArrayList<>(Math.min(maxCount, options.readPageSize()));
        long lastRevision = -1;
        long next = fromRevision;
        int remaining = maxCount;
        // Paged, so that each request stays small enough for its deadline however long the stream is.
        while (true) {
            int pageSize = Math.min(remaining, options.readPageSize());
            ReadStreamOptions readOptions = authenticated(ReadStreamOptions.get())
                    .direction(forwards ? io.kurrent.dbclient.Direction.Forwards
                            : io.kurrent.dbclient.Direction.Backwards)
                    .fromRevision(next)
                    .maxCount(pageSize)
                    .deadline(options.readDeadline().toMillis());
            ReadResult page;
            try {
                page = call("read " + stream, options.readDeadline(), c -> c.readStream(stream, readOptions));
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

    @Override
    public Optional<Long> lastRevision(String stream) {
        requireStreamName(stream);
        return lastEvent(stream).map(io.kurrent.dbclient.RecordedEvent::getRevision);
    }

    private Optional<io.kurrent.dbclient.RecordedEvent> lastEvent(String stream) {
        ReadStreamOptions readOptions = authenticated(ReadStreamOptions.get())
                .backwards().fromEnd().maxCount(1).deadline(options.readDeadline().toMillis());
        try {
            ReadResult result = call("read the last event of " + stream, options.readDeadline(),
                    c -> c.readStream(stream, readOptions));
            return result.getEvents().stream().findFirst().map(ResolvedEvent::getOriginalEvent);
        } catch (StreamNotFoundException | StreamDeletedException e) {
            return Optional.empty();
        }
    }

    // --- the log ------------------------------------------------------------------------------------------

    @Override
    public List<RecordedEvent> readAll(long afterPosition, int maxCount) {
        if (afterPosition < START) {
            throw new IllegalArgumentException("afterPosition must be >= " + START + ", was " + afterPosition);
        }
        requireMaxCount(maxCount);
        List<RecordedEvent> events = new ArrayList<>();
        // Full (commit, prepare) positions from here on: other applications' events written in explicit
        // transactions share a commit position, and only the pair is a valid place to continue from.
        Position start = afterPosition == START ? null : new Position(afterPosition, afterPosition);
        Position skipTo = scannedPast.get(afterPosition);
        Position last = skipTo != null ? skipTo : start;
        // The first page is sized for the request (+1: a read from a position includes the event there); once
        // a page turns out to hold other streams' events, full pages skip them faster.
        int pageSize = (int) Math.min(options.readPageSize(), (long) maxCount + 1);
        while (true) {
            ReadAllOptions readOptions = authenticated(ReadAllOptions.get())
                    .forwards().maxCount(pageSize).deadline(options.readDeadline().toMillis());
            if (last == null) {
                readOptions.fromStart();
            } else {
                readOptions.fromPosition(last);
            }
            String what = "read $all after position " + (last == null ? START : last.getCommitUnsigned());
            List<ResolvedEvent> page;
            try {
                page = call(what, options.readDeadline(), c -> c.readAll(readOptions)).getEvents();
            } catch (IllegalArgumentException e) {
                if (skipTo == null || !skipTo.equals(last)) {
                    throw e;
                }
                // The remembered event is gone (scavenged, say): scan from the caller's position after all.
                scannedPast.remove(afterPosition);
                skipTo = null;
                last = start;
                continue;
            }
            for (ResolvedEvent resolved : page) {
                io.kurrent.dbclient.RecordedEvent event = resolved.getOriginalEvent();
                if (last != null && event.getPosition().compareTo(last) <= 0) {
                    continue;
                }
                last = event.getPosition();
                if (inLog.test(event.getStreamId())) {
                    events.add(toRecordedEvent(event));
                    if (events.size() == maxCount) {
                        return List.copyOf(events);
                    }
                }
            }
            if (page.size() < pageSize || !events.isEmpty()) {
                if (events.isEmpty() && last != null && !last.equals(start)) {
                    scannedPast.put(afterPosition, last);
                }
                return List.copyOf(events);
            }
            pageSize = options.readPageSize();
        }
    }

    @Override
    public long headPosition() {
        HeadHint known = headHint;
        HeadHint found = scanBackwards("find the head of the log", event -> true, known);
        if (found.newestSeen() != null) {
            headHint = found;
        }
        return found.head();
    }

    @Override
    public long positionBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        // KurrentDB keeps no index by time: walk back from the end, which is short for the recent instants
        // that replays and resets usually ask for.
        return scanBackwards("find the position before " + instant,
                event -> event.getCreated().isBefore(instant), null).head();
    }

    /** The newest event of $all seen by a backwards search, and the position that search found. */
    private record HeadHint(Position newestSeen, long head) {
    }

    // Walks $all back from its end to the newest log event that is wanted; a search that reaches events an
    // earlier one already saw (known) ends with that search's answer.
    private HeadHint scanBackwards(String what, Predicate<io.kurrent.dbclient.RecordedEvent> wanted,
                                   HeadHint known) {
        Position before = null;
        Position newestSeen = null;
        // With an earlier answer to build on, the first events usually settle it: start small, then grow.
        int pageSize = known == null ? options.readPageSize() : 2;
        while (true) {
            ReadAllOptions readOptions = authenticated(ReadAllOptions.get())
                    .backwards().maxCount(pageSize).deadline(options.readDeadline().toMillis());
            if (before == null) {
                readOptions.fromEnd();
            } else {
                readOptions.fromPosition(before);
            }
            List<ResolvedEvent> page = call(what, options.readDeadline(), c -> c.readAll(readOptions)).getEvents();
            for (ResolvedEvent resolved : page) {
                io.kurrent.dbclient.RecordedEvent event = resolved.getOriginalEvent();
                // Backwards reads start before the given position; the check only guards against a server that
                // would include it.
                if (before != null && event.getPosition().compareTo(before) >= 0) {
                    continue;
                }
                if (newestSeen == null) {
                    newestSeen = event.getPosition();
                }
                if (known != null && event.getPosition().compareTo(known.newestSeen()) <= 0) {
                    return new HeadHint(newestSeen, known.head());
                }
                if (inLog.test(event.getStreamId()) && wanted.test(event)) {
                    return new HeadHint(newestSeen, event.getPosition().getCommitUnsigned());
                }
            }
            if (page.size() < pageSize) {
                return new HeadHint(newestSeen, START);
            }
            before = page.get(page.size() - 1).getOriginalEvent().getPosition();
            pageSize = Math.min(pageSize * 2, options.readPageSize());
        }
    }

    // --- snapshots ----------------------------------------------------------------------------------------

    @Override
    public void storeSnapshot(String stream, long revision, NewEvent snapshot) {
        requireStreamName(stream);
        Objects.requireNonNull(snapshot, "snapshot");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, was " + revision);
        }
        String snapshotStream = KurrentStoreOptions.SNAPSHOT_PREFIX + stream;
        keepOnlyTheLatestEvent(snapshotStream);
        EventData data = EventData.builderAsJson(snapshot.eventId(), snapshot.type(), snapshot.data())
                .metadataAsBytes(SnapshotMetadata.wrap(revision, snapshot.metadata())).build();
        AppendToStreamOptions appendOptions = authenticated(AppendToStreamOptions.get())
                .streamState(StreamState.any()).deadline(options.appendDeadline().toMillis());
        try {
            write("store the snapshot of " + stream, options.appendDeadline(),
                    c -> c.appendToStream(snapshotStream, appendOptions, data));
        } catch (WrongExpectedVersionException | StreamDeletedException e) {
            throw new IllegalStateException("cannot store the snapshot of " + stream + " in " + snapshotStream
                    + " on KurrentDB at " + server, e);
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
        AppendToStreamOptions appendOptions = authenticated(AppendToStreamOptions.get())
                .streamState(StreamState.noStream()).deadline(options.appendDeadline().toMillis());
        try {
            write("set $maxCount on " + snapshotStream, options.appendDeadline(),
                    c -> c.setStreamMetadata(snapshotStream, appendOptions, metadata));
        } catch (WrongExpectedVersionException alreadySet) {
            // Metadata written earlier, by this or another instance: it is the one we would write.
        } catch (StreamDeletedException e) {
            throw new IllegalStateException(snapshotStream + " has been deleted in KurrentDB at " + server, e);
        }
        snapshotStreamsWithMaxCount.add(snapshotStream);
    }

    @Override
    public Optional<RecordedEvent> readSnapshot(String stream) {
        requireStreamName(stream);
        String snapshotStream = KurrentStoreOptions.SNAPSHOT_PREFIX + stream;
        Optional<io.kurrent.dbclient.RecordedEvent> last = lastEvent(snapshotStream);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        io.kurrent.dbclient.RecordedEvent event = last.get();
        Optional<SnapshotMetadata.Unwrapped> unwrapped = SnapshotMetadata.unwrap(event.getUserMetadata());
        if (unwrapped.isEmpty()) {
            log.warn("Ignoring the last event of {} on KurrentDB at {}: its metadata carries no covered revision",
                    snapshotStream, server);
            return Optional.empty();
        }
        return Optional.of(new RecordedEvent(stream, event.getEventId(), event.getEventType(),
                unwrapped.get().coveredRevision(), START, event.getCreated(), event.getEventData(),
                unwrapped.get().metadata()));
    }

    // --- live tail ----------------------------------------------------------------------------------------

    /**
     * A live feed of the log; see {@link KurrentStreamStore#tail}. Closing it stops the feed: once
     * {@link #close()} has returned, the consumer is not called again.
     */
    public interface Tail extends AutoCloseable {

        /** The position of the last event the tail has passed (delivered or skipped), or where it started. */
        long lastPosition();

        @Override
        void close();
    }

    /**
     * Follows the log from after {@code afterPosition}: every event of the log's streams with a greater position
     * is passed to {@code consumer} once, in log order, now and as it is appended.
     *
     * <p>The feed is a filtered {@code $all} subscription. When it drops (the server ends it, the connection
     * breaks), it is resumed from the last position passed, after a pause that doubles from
     * {@link KurrentStoreOptions#minRetryDelay()} to {@link KurrentStoreOptions#maxRetryDelay()}, so nothing is
     * lost or repeated. If {@code consumer} throws, the event does not count as passed: the tail resubscribes in
     * the same way and offers it again.
     *
     * <p>{@code consumer} is called on a client thread, one event at a time; while it runs, the feed waits.
     */
    public Tail tail(long afterPosition, Consumer<RecordedEvent> consumer) {
        if (afterPosition < START) {
            throw new IllegalArgumentException("afterPosition must be >= " + START + ", was " + afterPosition);
        }
        Objects.requireNonNull(consumer, "consumer");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the store for KurrentDB at " + server + " is closed");
            }
        }
        LiveTail tail = new LiveTail(Long.toString(tailIds.incrementAndGet()), afterPosition, consumer);
        tails.put(tail.id, tail);
        tail.subscribe();
        return tail;
    }

    private final class LiveTail implements Tail {

        private final String id;
        private final Consumer<RecordedEvent> consumer;
        // Each subscription attempt gets a new generation; callbacks of older attempts are ignored.
        private final AtomicInteger generation = new AtomicInteger();
        private long lastPosition;
        // Where to resume: the full position of the last event passed, or null before the first one.
        private Position resumeAfter;
        private boolean stopped;
        private Subscription subscription;
        private long retryDelayNanos = options.minRetryDelay().toNanos();

        LiveTail(String id, long afterPosition, Consumer<RecordedEvent> consumer) {
            this.id = id;
            this.lastPosition = afterPosition;
            this.resumeAfter = afterPosition == START ? null : new Position(afterPosition, afterPosition);
            this.consumer = consumer;
        }

        @Override
        public synchronized long lastPosition() {
            return lastPosition;
        }

        // Lets the interceptor skip describing (and probing for) the ends the tail caused itself.
        synchronized boolean isCurrent(int attempt) {
            return !stopped && attempt == generation.get();
        }

        void subscribe() {
            int attempt;
            Position from;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                attempt = generation.incrementAndGet();
                from = resumeAfter;
            }
            SubscriptionFilter filter = SubscriptionFilter.newBuilder()
                    .withStreamNameRegularExpression(logStreamRegex).build();
            SubscribeToAllOptions subscribeOptions = authenticated(SubscribeToAllOptions.get()).filter(filter)
                    .header(TAIL_HEADER_NAME, id + ":" + attempt);
            if (from == null) {
                subscribeOptions.fromStart();
            } else {
                subscribeOptions.fromPosition(from);
            }
            KurrentDBClient current;
            try {
                current = client();
            } catch (StoreUnavailableException e) {
                dropped(attempt, e.getMessage());
                return;
            }
            CompletableFuture<Subscription> subscribed;
            try {
                subscribed = current.subscribeToAll(new Listener(attempt), subscribeOptions);
            } catch (RuntimeException e) {
                dropped(attempt, noteFailure(current, e));
                return;
            }
            subscribed.whenComplete((started, error) -> {
                if (error != null) {
                    dropped(attempt, noteFailure(current, unwrap(error)));
                    return;
                }
                synchronized (this) {
                    if (stopped || attempt != generation.get()) {
                        started.stop();
                    } else {
                        subscription = started;
                    }
                }
            });
        }

        private synchronized void deliver(int attempt, ResolvedEvent resolved) {
            if (stopped || attempt != generation.get()) {
                return;
            }
            io.kurrent.dbclient.RecordedEvent event = resolved.getOriginalEvent();
            if (resumeAfter != null && event.getPosition().compareTo(resumeAfter) <= 0) {
                return;
            }
            if (inLog.test(event.getStreamId())) {
                try {
                    consumer.accept(toRecordedEvent(event));
                } catch (RuntimeException e) {
                    dropped(attempt, "the consumer failed: " + e);
                    return;
                }
            }
            resumeAfter = event.getPosition();
            lastPosition = resumeAfter.getCommitUnsigned();
            retryDelayNanos = options.minRetryDelay().toNanos();
        }

        void dropped(int attempt, String reason) {
            long delay;
            long from;
            synchronized (this) {
                if (stopped || attempt != generation.get()) {
                    return;
                }
                generation.incrementAndGet();
                if (subscription != null) {
                    subscription.stop();
                    subscription = null;
                }
                delay = retryDelayNanos;
                retryDelayNanos = Math.min(retryDelayNanos * 2, options.maxRetryDelay().toNanos());
                from = lastPosition;
            }
            log.warn("Live tail of KurrentDB at {} dropped ({}); resubscribing after position {} in {} ms",
                    server, reason, from, TimeUnit.NANOSECONDS.toMillis(delay));
            try {
                retries.schedule(this::subscribe, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException storeClosed) {
                close();
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
                generation.incrementAndGet();
                if (subscription != null) {
                    subscription.stop();
                    subscription = null;
                }
            }
            tails.remove(id);
        }

        private final class Listener extends SubscriptionListener {

            private final int attempt;

            Listener(int attempt) {
                this.attempt = attempt;
            }

            @Override
            public void onEvent(Subscription subscription, ResolvedEvent event) {
                deliver(attempt, event);
            }

            @Override
            public void onCancelled(Subscription subscription, Throwable exception) {
                dropped(attempt, exception == null ? "the server ended the subscription" : describe(exception));
            }
        }
    }

    // The 1.1.0 client tells a subscription's listener nothing when the call ends with CANCELLED (a server
    // resetting its streams on shutdown) or ends without an error. Every tail call is tagged with a header, and
    // this interceptor reports how each one ended; ends the tail caused itself belong to stale attempts and are
    // ignored there.
    private final class SubscriptionEndWatcher implements ClientInterceptor {

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions callOptions,
                                                     Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    String tag = headers.get(TAIL_HEADER);
                    if (tag == null) {
                        super.start(listener, headers);
                        return;
                    }
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            try {
                                super.onClose(status, trailers);
                            } finally {
                                subscriptionEnded(tag, status);
                            }
                        }
                    }, headers);
                }
            };
        }
    }

    private void subscriptionEnded(String tag, Status status) {
        int colon = tag.lastIndexOf(':');
        LiveTail tail = colon < 0 ? null : tails.get(tag.substring(0, colon));
        if (tail != null) {
            int attempt = Integer.parseInt(tag.substring(colon + 1));
            if (tail.isCurrent(attempt)) {
                tail.dropped(attempt, status.isOk() ? "the server ended the subscription"
                        : describe(status.asRuntimeException()));
            }
        }
    }

    // The parsed settings plus one interceptor, through the public builder: the settings object is immutable.
    private static KurrentDBClientSettings withInterceptor(KurrentDBClientSettings parsed,
                                                           ClientInterceptor interceptor) {
        ConnectionSettingsBuilder builder = KurrentDBClientSettings.builder()
                .dnsDiscover(parsed.isDnsDiscover())
                .maxDiscoverAttempts(parsed.getMaxDiscoverAttempts())
                .discoveryInterval(parsed.getDiscoveryInterval())
                .gossipTimeout(parsed.getGossipTimeout())
                .nodePreference(parsed.getNodePreference())
                .tls(parsed.isTls())
                .tlsVerifyCert(parsed.isTlsVerifyCert())
                .keepAliveTimeout(parsed.getKeepAliveTimeout())
                .keepAliveInterval(parsed.getKeepAliveInterval());
        for (Endpoint host : parsed.getHosts()) {
            builder.addHost(host.getHost(), host.getPort());
        }
        if (parsed.getDefaultCredentials() != null) {
            builder.defaultCredentials(parsed.getDefaultCredentials());
        }
        if (parsed.getDefaultClientCertificate() != null) {
            builder.defaultClientCertificate(parsed.getDefaultClientCertificate());
        }
        if (parsed.getDefaultDeadline() != null) {
            builder.defaultDeadline(parsed.getDefaultDeadline());
        }
        if (parsed.getTlsCaFile() != null) {
            builder.tlsCaFile(parsed.getTlsCaFile());
        }
        parsed.getInterceptors().forEach(builder::addInterceptor);
        parsed.getFeatures().forEach(builder::feature);
        builder.addInterceptor(interceptor);
        return builder.buildConnectionSettings();
    }

    // --- lifecycle ----------------------------------------------------------------------------------------

    @Override
    public void close() {
        KurrentDBClient current;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            current = client;
            client = null;
        }
        List.copyOf(tails.values()).forEach(LiveTail::close);
        retries.shutdownNow();
        if (current != null && !current.isShutdown()) {
            try {
                current.shutdown().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("KurrentDB client for {} did not shut down cleanly", server, e);
            }
        }
    }

    @Override
    public String toString() {
        return "KurrentStreamStore[" + server + "]";
    }

    // --- requests and failures ----------------------------------------------------------------------------

    // One overload per request type: the options share a base class, but the client does not make it public.
    private AppendToStreamOptions authenticated(AppendToStreamOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    private ReadStreamOptions authenticated(ReadStreamOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    private ReadAllOptions authenticated(ReadAllOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    private SubscribeToAllOptions authenticated(SubscribeToAllOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    /**
     * Runs one request with a local timeout beyond the request's own deadline, covering the time the client
     * may spend connecting first. Returns the client's domain exceptions (wrong expected version, stream not
     * found or deleted) as they are, for the caller to interpret; everything else becomes
     * {@link StoreUnavailableException} or, for requests the server calls invalid, {@link IllegalArgumentException}.
     */
    private <T> T call(String what, Duration deadline, Function<KurrentDBClient, CompletableFuture<T>> request) {
        return call(what, false, deadline, request);
    }

    private <T> T write(String what, Duration deadline, Function<KurrentDBClient, CompletableFuture<T>> request) {
        return call(what, true, deadline, request);
    }

    private <T> T call(String what, boolean write, Duration deadline,
                       Function<KurrentDBClient, CompletableFuture<T>> request) {
        KurrentDBClient current = client();
        CompletableFuture<T> future = null;
        try {
            future = request.apply(current);
            T result = future.get(deadline.toMillis() + connectBudgetMillis, TimeUnit.MILLISECONDS);
            succeeded();
            return result;
        } catch (ExecutionException | CompletionException e) {
            throw translate(what, write, current, unwrap(e));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, write, "no answer within " + (deadline.toMillis() + connectBudgetMillis) + " ms",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (future != null) {
                future.cancel(true);
            }
            throw unavailable(what, write, "interrupted while waiting for the answer", e);
        } catch (RuntimeException e) {
            throw translate(what, write, current, unwrap(e));
        }
    }

    private RuntimeException translate(String what, boolean write, KurrentDBClient current, Throwable failure) {
        if (failure instanceof WrongExpectedVersionException || failure instanceof StreamNotFoundException
                || failure instanceof StreamDeletedException) {
            succeeded();
            return (RuntimeException) failure;
        }
        if (failure instanceof StatusRuntimeException status
                && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
            return new IllegalArgumentException(prefix() + "rejected the request to " + what + ": "
                    + status.getStatus().getDescription(), failure);
        }
        String reason = noteFailure(current, failure);
        // A client that gave up on connecting fails its queued requests before sending them.
        return unavailable(what, write && !(failure instanceof ConnectionShutdownException), reason, failure);
    }

    private StoreUnavailableException unavailable(String what, boolean outcomeUnknown, String reason,
                                                  Throwable cause) {
        String message = prefix() + "cannot " + what + ": " + reason;
        if (outcomeUnknown) {
            message += "; the write may or may not have been made, and repeating it with the same event ids is safe";
        }
        return new StoreUnavailableException(message, cause);
    }

    private String describe(Throwable failure) {
        if (failure instanceof ConnectionShutdownException) {
            synchronized (lock) {
                if (closed) {
                    return "the store has been closed";
                }
            }
            return "no connection could be made (" + probe() + ")";
        }
        if (failure instanceof NotLeaderException notLeader) {
            return "the node is not the leader; the leader is " + notLeader.getLeaderEndpoint();
        }
        if (failure instanceof NoClusterNodeFoundException) {
            return "no cluster node could be found (" + probe() + ")";
        }
        if (failure instanceof StatusRuntimeException status) {
            Status s = status.getStatus();
            String detail = s.getDescription() == null ? "" : " (" + s.getDescription() + ")";
            return switch (s.getCode()) {
                case UNAVAILABLE -> "the server is unavailable" + detail;
                case DEADLINE_EXCEEDED -> "no answer before the deadline" + detail;
                case UNAUTHENTICATED -> "authentication failed; check the username and password" + detail;
                case PERMISSION_DENIED -> "access denied; the user needs read and write access to Ante's streams"
                        + " and read access to $all" + detail;
                default -> s.getCode() + detail;
            };
        }
        return String.valueOf(failure);
    }

    // Tells a refused port from an unknown host from a silent one: the client only reports that it gave up.
    private String probe() {
        List<String> results = new ArrayList<>();
        for (Endpoint endpoint : settings.getHosts()) {
            String where = endpoint.getHost() + ":" + endpoint.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), PROBE_TIMEOUT_MS);
                results.add(where + " accepts TCP connections but did not answer as a KurrentDB node (tls="
                        + settings.isTls() + " in the connection string: is that what the server expects?)");
            } catch (UnknownHostException e) {
                results.add("unknown host " + endpoint.getHost());
            } catch (ConnectException e) {
                results.add(where + " refused the connection");
            } catch (SocketTimeoutException e) {
                results.add(where + " did not answer within " + PROBE_TIMEOUT_MS + " ms");
            } catch (IOException | RuntimeException e) {
                results.add(where + ": " + e.getMessage());
            }
        }
        return results.isEmpty() ? "no hosts configured" : String.join("; ", results);
    }

    private String prefix() {
        return "KurrentDB at " + server + ": ";
    }

    // --- the client ---------------------------------------------------------------------------------------

    // The 1.1.0 client shuts itself down for good after a few failed connection attempts, so a dead client is
    // replaced; the retry delay spaces replacements out (each dead client also leaves an idle thread behind).
    private KurrentDBClient client() {
        synchronized (lock) {
            if (closed) {
                throw new StoreUnavailableException(prefix() + "the store has been closed", null);
            }
            if (client != null && !client.isShutdown()) {
                return client;
            }
            long now = System.nanoTime();
            if (client != null && now - nextClientNotBefore < 0) {
                throw new StoreUnavailableException(prefix() + "unreachable (" + lastConnectionFailure
                        + "); next connection attempt in "
                        + TimeUnit.NANOSECONDS.toMillis(nextClientNotBefore - now) + " ms", null);
            }
            client = KurrentDBClient.create(settings);
            nextClientNotBefore = now + retryDelayNanos;
            retryDelayNanos = Math.min(retryDelayNanos * 2, options.maxRetryDelay().toNanos());
            return client;
        }
    }

    private void succeeded() {
        synchronized (lock) {
            retryDelayNanos = options.minRetryDelay().toNanos();
        }
    }

    /** Describes the failure and, when it cost the client its connection, remembers the description. */
    private String noteFailure(KurrentDBClient failed, Throwable failure) {
        String reason = describe(failure);
        if (failed.isShutdown()) {
            synchronized (lock) {
                lastConnectionFailure = reason;
            }
        }
        return reason;
    }

    // --- conversions --------------------------------------------------------------------------------------

    private static RecordedEvent toRecordedEvent(io.kurrent.dbclient.RecordedEvent event) {
        byte[] metadata = event.getUserMetadata();
        return new RecordedEvent(event.getStreamId(), event.getEventId(), event.getEventType(), event.getRevision(),
                event.getPosition().getCommitUnsigned(), event.getCreated(), event.getEventData(),
                metadata == null || metadata.length == 0 ? EMPTY_JSON_OBJECT.clone() : metadata);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describeHosts(KurrentDBClientSettings settings) {
        String hosts = Arrays.stream(settings.getHosts())
                .map(endpoint -> endpoint.getHost() + ":" + endpoint.getPort())
                .collect(Collectors.joining(","));
        return settings.isDnsDiscover() ? hosts + " (discovery)" : hosts;
    }

    // The server is .NET: escape by hand rather than with \Q...\E, which .NET regular expressions lack.
    private static String escapeRegex(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length() + 4);
        for (char c : literal.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static String redact(String text) {
        return text.replaceAll("//[^/@\\s]*@", "//***@");
    }

    private static void requireStreamName(String stream) {
        if (stream == null || stream.isEmpty()) {
            throw new IllegalArgumentException("a stream name is required");
        }
    }

    private static void requireMaxCount(int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be >= 1, was " + maxCount);
        }
    }
}
