package dev.ante.infra.store.kurrent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kurrent.dbclient.proto.shared.Shared;
import io.kurrent.dbclient.proto.streams.StreamsGrpc;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for a single KurrentDB node, for tests: a real gRPC server on a loopback port,
 * implementing the {@code Streams} service from the client jar's own generated stubs over an in-memory log.
 *
 * <p>It reproduces the behaviour the backend depends on:
 * <ul>
 *   <li>commit positions grow by the size of each record, so they have gaps, and commit equals prepare;</li>
 *   <li>system events ({@code $}-prefixed streams) sit in {@code $all}: a few from "startup", then one after
 *       every third append, plus more on request;</li>
 *   <li>reading {@code $all} forwards from a position includes the event there, backwards excludes it, and a
 *       position inside a record is rejected with {@code INVALID_ARGUMENT}, as the server does;</li>
 *   <li>subscriptions to {@code $all} start after the given position, confirm first, report when they caught
 *       up, apply the stream-name filter, and can be dropped by the test;</li>
 *   <li>appends check the expected revision and answer a mismatch with the actual revision; appends whose
 *       event ids match the events after the expected revision succeed again without writing (idempotence);</li>
 *   <li>reading a stream that was never written answers "stream not found"; {@code $maxCount} in a
 *       {@code $$<stream>} metadata event hides all but the newest events of that stream;</li>
 *   <li>every event read back carries {@code type}, {@code content-type} and {@code created} (.NET ticks since
 *       the Unix epoch) in its system metadata and a structured UUID.</li>
 * </ul>
 * It does not answer {@code ServerFeatures} (the client treats UNIMPLEMENTED as an older server), gossip,
 * {@code BatchAppend}, deletes, stream subscriptions or persistent subscriptions, and has no scavenging, ACLs
 * (beyond optional basic authentication of every call) or clustering.
 */
public final class KurrentStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final int RECORD_OVERHEAD = 100;
    private static final int SYSTEM_EVENT_EVERY_APPENDS = 3;
    private static final int SUBSCRIPTION_BATCH = 64;
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private record Stored(String stream, long revision, UUID id, String type, String contentType, ByteString data,
                          ByteString metadata, long position, long createdTicks) {
    }

    private static final class StreamLog {
        final List<Stored> events = new ArrayList<>();
        Long maxCount;

        long lastRevision() {
            return events.size() - 1;
        }

        int firstVisibleIndex() {
            return maxCount == null ? 0 : (int) Math.max(0, events.size() - maxCount);
        }
    }

    private final Object lock = new Object();
    private final List<Stored> log = new ArrayList<>();
    private final Map<String, StreamLog> streams = new HashMap<>();
    private long nextPosition;
    private long lastTicks;
    private int appends;

    private final Set<SubscriptionPump> pumps = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumpThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kurrent-stand-in-subscription");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger subscriptionsStarted = new AtomicInteger();
    private final AtomicInteger appendRequests = new AtomicInteger();
    private final AtomicInteger allEventsRead = new AtomicInteger();
    private final AtomicBoolean loseNextAppendAcknowledgement = new AtomicBoolean();
    private volatile boolean stallAppends;
    private volatile boolean repeatsWithoutPosition;
    private volatile String requiredAuthorization;

    private int port;
    private Server server;

    private KurrentStandIn() {
        synchronized (lock) {
            // A fresh node already holds a few system events, so $all never starts with an Ante event.
            write("$users", "$UserCreated", 1);
            write("$user-admin", "$User", 1);
            write("$user-ops", "$User", 1);
            write("$scavenges", "$scavengeIndexInitialized", 1);
            write("$settings", "$settings", 1);
        }
    }

    /** Starts a stand-in on a free loopback port. */
    public static KurrentStandIn start() {
        KurrentStandIn standIn = new KurrentStandIn();
        standIn.bind(0);
        return standIn;
    }

    /** The connection string of this stand-in, without TLS. */
    public String connectionString() {
        return "kurrentdb://127.0.0.1:" + port + "?tls=false";
    }

    public int port() {
        return port;
    }

    /** Stops listening, as a server that went away; the log is kept for {@link #restart()}. */
    public void stop() {
        dropSubscriptions();
        Server running;
        synchronized (lock) {
            running = server;
            server = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listens again on the same port, with the same log, as a server that came back. */
    public void restart() {
        stop();
        bind(port);
    }

    @Override
    public void close() {
        stop();
        pumpThreads.shutdownNow();
    }

    // --- test hooks ---------------------------------------------------------------------------------------

    /** Ends every active subscription with UNAVAILABLE, as a server does when it drops a subscriber. */
    public void dropSubscriptions() {
        dropSubscriptions(Status.UNAVAILABLE.withDescription("subscription dropped by the server"));
    }

    /**
     * Ends every active subscription with {@code status}: an error, or for {@link Status#OK} a normal end of the
     * call, which a subscription never has on a healthy server.
     */
    public void dropSubscriptions(Status status) {
        for (SubscriptionPump pump : List.copyOf(pumps)) {
            pump.drop(status);
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** How many subscriptions clients have opened so far. */
    public int subscriptionsStarted() {
        return subscriptionsStarted.get();
    }

    /** How many append requests reached the stand-in, successful or not. */
    public int appendRequests() {
        return appendRequests.get();
    }

    /** How many events reads of {@code $all} (not subscriptions) have returned so far. */
    public int allEventsRead() {
        return allEventsRead.get();
    }

    /** Writes {@code count} events to {@code stream} directly, as another application or the server would. */
    public void writeEvents(String stream, int count) {
        synchronized (lock) {
            write(stream, stream.startsWith("$") ? "$statsCollected" : "ForeignEvent", count);
            lock.notifyAll();
        }
    }

    /** The next append is written but its answer is replaced by UNAVAILABLE, as when a connection breaks. */
    public void loseNextAppendAcknowledgement() {
        loseNextAppendAcknowledgement.set(true);
    }

    /** While set, appends are never answered, so only the client's deadline ends them. */
    public void stallAppends(boolean stall) {
        stallAppends = stall;
    }

    /** While set, appends recognised as repeats are answered without a position, as some servers do. */
    public void answerRepeatsWithoutPosition(boolean withoutPosition) {
        repeatsWithoutPosition = withoutPosition;
    }

    /** Requires HTTP basic credentials on every call, as a secure node does. */
    public void requireCredentials(String username, String password) {
        requiredAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(UTF_8));
    }

    /** The events of {@code stream} as stored, hidden ones included, as {@code type} strings. */
    public List<String> storedTypes(String stream) {
        synchronized (lock) {
            StreamLog s = streams.get(stream);
            return s == null ? List.of() : s.events.stream().map(Stored::type).toList();
        }
    }

    /** The {@code $maxCount} of {@code stream}, or null. */
    public Long maxCountOf(String stream) {
        synchronized (lock) {
            StreamLog s = streams.get(stream);
            return s == null ? null : s.maxCount;
        }
    }

    /** The stream of every record of {@code $all}, in order. */
    public List<String> allStreams() {
        synchronized (lock) {
            return log.stream().map(Stored::stream).toList();
        }
    }

    // --- the log ------------------------------------------------------------------------------------------

    // Callers hold the lock.
    private List<Stored> write(String stream, String type, int count) {
        List<Stored> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] data = ("{\"n\":" + i + "}").getBytes(UTF_8);
            written.add(append(stream, UUID.randomUUID(), type, "application/json", ByteString.copyFrom(data),
                    ByteString.EMPTY));
        }
        return written;
    }

    private Stored append(String stream, UUID id, String type, String contentType, ByteString data,
                          ByteString metadata) {
        StreamLog s = streams.computeIfAbsent(stream, name -> new StreamLog());
        long ticks = Math.max(lastTicks, ticksOf(Instant.now()));
        lastTicks = ticks;
        Stored stored = new Stored(stream, s.events.size(), id, type, contentType, data, metadata, nextPosition,
                ticks);
        nextPosition += RECORD_OVERHEAD + stream.length() + type.length() + data.size() + metadata.size();
        s.events.add(stored);
        log.add(stored);
        if (stream.startsWith("$$") && "$metadata".equals(type)) {
            applyMetadata(stream.substring(2), data);
        }
        return stored;
    }

    private void applyMetadata(String stream, ByteString data) {
        try {
            JsonNode maxCount = JSON.readTree(data.toByteArray()).get("$maxCount");
            streams.computeIfAbsent(stream, name -> new StreamLog()).maxCount =
                    maxCount == null || !maxCount.canConvertToLong() ? null : maxCount.asLong();
        } catch (IOException e) {
            throw Status.INVALID_ARGUMENT.withDescription("stream metadata is not JSON").asRuntimeException();
        }
    }

    private static long ticksOf(Instant instant) {
        return instant.getEpochSecond() * TICKS_PER_SECOND + instant.getNano() / 100;
    }

    // Index of the record at exactly {@code position}, or -(insertion point) - 1.
    private int indexOf(long position) {
        int low = 0;
        int high = log.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long at = log.get(middle).position();
            if (at < position) {
                low = middle + 1;
            } else if (at > position) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    // --- appends ------------------------------------------------------------------------------------------

    private AppendResp handleAppend(AppendReq.Options options, List<AppendReq.ProposedMessage> messages) {
        String stream = options.getStreamIdentifier().getStreamName().toStringUtf8();
        if (stream.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription("a stream name is required").asRuntimeException();
        }
        for (AppendReq.ProposedMessage message : messages) {
            for (String key : List.of("type", "content-type")) {
                if (!message.getMetadataMap().containsKey(key)) {
                    throw Status.INVALID_ARGUMENT.withDescription("Required Metadata Property '" + key
                            + "' is missing").asRuntimeException();
                }
            }
        }
        synchronized (lock) {
            StreamLog existing = streams.get(stream);
            long current = existing == null ? -1 : existing.lastRevision();
            List<UUID> ids = messages.stream().map(m -> uuidOf(m.getId())).toList();
            AppendResp.Builder response = AppendResp.newBuilder();
            switch (options.getExpectedStreamRevisionCase()) {
                case ANY -> {
                    int repeatAt = existing == null || ids.isEmpty() ? -1 : revisionOfId(existing, ids.get(0));
                    if (repeatAt >= 0) {
                        return repeatOrConflict(existing, repeatAt - 1L, ids, options, current, response);
                    }
                }
                case STREAM_EXISTS -> {
                    if (current < 0) {
                        return conflict(options, current, response);
                    }
                }
                case NO_STREAM, REVISION -> {
                    long expected = options.hasRevision() ? options.getRevision() : -1;
                    if (expected != current) {
                        return repeatOrConflict(existing, expected, ids, options, current, response);
                    }
                }
                default -> throw Status.INVALID_ARGUMENT.withDescription("an expected revision is required")
                        .asRuntimeException();
            }
            Stored last = null;
            for (AppendReq.ProposedMessage message : messages) {
                last = append(stream, uuidOf(message.getId()), message.getMetadataMap().get("type"),
                        message.getMetadataMap().get("content-type"), message.getData(),
                        message.getCustomMetadata());
            }
            appends++;
            if (appends % SYSTEM_EVENT_EVERY_APPENDS == 0) {
                write("$stats-127.0.0.1:2113", "$statsCollected", 1);
            }
            lock.notifyAll();
            AppendResp.Success.Builder success = AppendResp.Success.newBuilder();
            if (last == null) {
                success.setNoStream(Shared.Empty.getDefaultInstance());
                success.setNoPosition(Shared.Empty.getDefaultInstance());
            } else {
                success.setCurrentRevision(last.revision());
                success.setPosition(AppendResp.Position.newBuilder()
                        .setCommitPosition(last.position()).setPreparePosition(last.position()));
            }
            return response.setSuccess(success).build();
        }
    }

    // The server's idempotence check: events identical (by id) to those right after the expected revision mean
    // the append was already made, and it succeeds again without writing.
    private AppendResp repeatOrConflict(StreamLog existing, long expected, List<UUID> ids, AppendReq.Options options,
                                        long current, AppendResp.Builder response) {
        if (existing != null && !ids.isEmpty() && expected < current && expected + ids.size() <= current) {
            boolean repeat = true;
            for (int i = 0; i < ids.size(); i++) {
                repeat &= existing.events.get((int) (expected + 1 + i)).id().equals(ids.get(i));
            }
            if (repeat) {
                Stored last = existing.events.get((int) (expected + ids.size()));
                AppendResp.Success.Builder success = AppendResp.Success.newBuilder()
                        .setCurrentRevision(last.revision());
                if (repeatsWithoutPosition) {
                    success.setNoPosition(Shared.Empty.getDefaultInstance());
                } else {
                    success.setPosition(AppendResp.Position.newBuilder()
                            .setCommitPosition(last.position()).setPreparePosition(last.position()));
                }
                return response.setSuccess(success).build();
            }
        }
        return conflict(options, current, response);
    }

    private static int revisionOfId(StreamLog stream, UUID id) {
        for (int i = stream.events.size() - 1; i >= 0; i--) {
            if (stream.events.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static AppendResp conflict(AppendReq.Options options, long current, AppendResp.Builder response) {
        AppendResp.WrongExpectedVersion.Builder wrong = AppendResp.WrongExpectedVersion.newBuilder();
        switch (options.getExpectedStreamRevisionCase()) {
            case ANY -> wrong.setExpectedAny(Shared.Empty.getDefaultInstance())
                    .setAny2060(Shared.Empty.getDefaultInstance());
            case STREAM_EXISTS -> wrong.setExpectedStreamExists(Shared.Empty.getDefaultInstance())
                    .setStreamExists2060(Shared.Empty.getDefaultInstance());
            case NO_STREAM -> wrong.setExpectedNoStream(Shared.Empty.getDefaultInstance())
                    .setExpectedRevision2060(-1L);
            default -> wrong.setExpectedRevision(options.getRevision())
                    .setExpectedRevision2060(options.getRevision());
        }
        if (current < 0) {
            wrong.setCurrentNoStream(Shared.Empty.getDefaultInstance()).setNoStream2060(Shared.Empty.getDefaultInstance());
        } else {
            wrong.setCurrentRevision(current).setCurrentRevision2060(current);
        }
        return response.setWrongExpectedVersion(wrong).build();
    }

    // --- reads --------------------------------------------------------------------------------------------

    private void handleRead(ReadReq request, StreamObserver<ReadResp> responses) {
        ReadReq.Options options = request.getOptions();
        if (!options.hasUuidOption()) {
            throw Status.INVALID_ARGUMENT.withDescription("'uuidOption' is a required argument").asRuntimeException();
        }
        boolean structured = options.getUuidOption().hasStructured();
        boolean subscription = options.getCountOptionCase() == ReadReq.Options.CountOptionCase.SUBSCRIPTION;
        switch (options.getStreamOptionCase()) {
            case STREAM -> {
                if (subscription) {
                    throw Status.UNIMPLEMENTED.withDescription("the stand-in has no stream subscriptions")
                            .asRuntimeException();
                }
                readStream(options, structured, responses);
            }
            case ALL -> {
                if (subscription) {
                    subscribeToAll(options, structured, (ServerCallStreamObserver<ReadResp>) responses);
                } else {
                    readAll(options, structured, responses);
                }
            }
            default -> throw Status.INVALID_ARGUMENT.withDescription("a stream or $all is required")
                    .asRuntimeException();
        }
    }

    private void readStream(ReadReq.Options options, boolean structured, StreamObserver<ReadResp> responses) {
        ReadReq.Options.StreamOptions streamOptions = options.getStream();
        String stream = streamOptions.getStreamIdentifier().getStreamName().toStringUtf8();
        boolean forwards = options.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
        long count = options.getCount();
        List<Stored> page = new ArrayList<>();
        long lastRevision;
        synchronized (lock) {
            StreamLog s = streams.get(stream);
            if (s == null || s.events.isEmpty()) {
                responses.onNext(ReadResp.newBuilder().setStreamNotFound(ReadResp.StreamNotFound.newBuilder()
                        .setStreamIdentifier(streamOptions.getStreamIdentifier())).build());
                responses.onCompleted();
                return;
            }
            lastRevision = s.lastRevision();
            int first = s.firstVisibleIndex();
            long from = switch (streamOptions.getRevisionOptionCase()) {
                case START -> forwards ? first : -1;
                case END -> forwards ? lastRevision + 1 : lastRevision;
                default -> streamOptions.getRevision();
            };
            if (forwards) {
                for (long r = Math.max(from, first); r <= lastRevision && page.size() < count; r++) {
                    page.add(s.events.get((int) r));
                }
            } else {
                for (long r = Math.min(from, lastRevision); r >= first && page.size() < count; r--) {
                    page.add(s.events.get((int) r));
                }
            }
        }
        for (Stored stored : page) {
            responses.onNext(eventResponse(stored, structured));
        }
        if (options.getControlOption().getCompatibility() >= 1) {
            responses.onNext(ReadResp.newBuilder().setLastStreamPosition(lastRevision).build());
        }
        responses.onCompleted();
    }

    private void readAll(ReadReq.Options options, boolean structured, StreamObserver<ReadResp> responses) {
        boolean forwards = options.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
        Predicate<Stored> filter = filterOf(options);
        long count = options.getCount();
        List<Stored> page = new ArrayList<>();
        synchronized (lock) {
            int start;
            switch (options.getAll().getAllOptionCase()) {
                case START -> start = forwards ? 0 : -1;
                case END -> start = forwards ? log.size() : log.size() - 1;
                case POSITION -> {
                    long position = options.getAll().getPosition().getCommitPosition();
                    int index = indexOf(position);
                    if (index < 0 && position < nextPosition) {
                        throw Status.INVALID_ARGUMENT.withDescription("Trying to read from an invalid position.")
                                .asRuntimeException();
                    }
                    int at = index >= 0 ? index : log.size();
                    // Forwards includes the event at the position; backwards starts before it.
                    start = forwards ? at : at - 1;
                }
                default -> throw Status.INVALID_ARGUMENT.withDescription("a position is required")
                        .asRuntimeException();
            }
            for (int i = start; i >= 0 && i < log.size() && page.size() < count; i += forwards ? 1 : -1) {
                Stored stored = log.get(i);
                if (filter.test(stored)) {
                    page.add(stored);
                }
            }
        }
        allEventsRead.addAndGet(page.size());
        for (Stored stored : page) {
            responses.onNext(eventResponse(stored, structured));
        }
        responses.onCompleted();
    }

    private static Predicate<Stored> filterOf(ReadReq.Options options) {
        if (options.getFilterOptionCase() != ReadReq.Options.FilterOptionCase.FILTER) {
            return stored -> true;
        }
        ReadReq.Options.FilterOptions filter = options.getFilter();
        boolean byStream = filter.getFilterCase() == ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
        ReadReq.Options.FilterOptions.Expression expression =
                byStream ? filter.getStreamIdentifier() : filter.getEventType();
        Predicate<String> matches;
        if (!expression.getRegex().isEmpty()) {
            Pattern pattern = Pattern.compile(expression.getRegex());
            matches = text -> pattern.matcher(text).find();
        } else {
            List<String> prefixes = List.copyOf(expression.getPrefixList());
            matches = text -> prefixes.stream().anyMatch(text::startsWith);
        }
        return stored -> matches.test(byStream ? stored.stream() : stored.type());
    }

    private static ReadResp eventResponse(Stored stored, boolean structured) {
        Shared.UUID id = structured
                ? Shared.UUID.newBuilder().setStructured(Shared.UUID.Structured.newBuilder()
                        .setMostSignificantBits(stored.id().getMostSignificantBits())
                        .setLeastSignificantBits(stored.id().getLeastSignificantBits())).build()
                : Shared.UUID.newBuilder().setString(stored.id().toString()).build();
        ReadResp.ReadEvent.RecordedEvent event = ReadResp.ReadEvent.RecordedEvent.newBuilder()
                .setId(id)
                .setStreamIdentifier(Shared.StreamIdentifier.newBuilder()
                        .setStreamName(ByteString.copyFromUtf8(stored.stream())))
                .setStreamRevision(stored.revision())
                .setCommitPosition(stored.position())
                .setPreparePosition(stored.position())
                .putMetadata("type", stored.type())
                .putMetadata("content-type", stored.contentType())
                .putMetadata("created", Long.toString(stored.createdTicks()))
                .setData(stored.data())
                .setCustomMetadata(stored.metadata())
                .build();
        return ReadResp.newBuilder().setEvent(ReadResp.ReadEvent.newBuilder()
                .setEvent(event).setCommitPosition(stored.position())).build();
    }

    // --- subscriptions ------------------------------------------------------------------------------------

    private void subscribeToAll(ReadReq.Options options, boolean structured,
                                ServerCallStreamObserver<ReadResp> responses) {
        long after;
        synchronized (lock) {
            after = switch (options.getAll().getAllOptionCase()) {
                case START -> -1;
                case END -> log.isEmpty() ? -1 : log.get(log.size() - 1).position();
                default -> {
                    long position = options.getAll().getPosition().getCommitPosition();
                    if (indexOf(position) < 0 && position < nextPosition) {
                        throw Status.INVALID_ARGUMENT.withDescription("Trying to subscribe from an invalid"
                                + " position.").asRuntimeException();
                    }
                    yield position;
                }
            };
        }
        SubscriptionPump pump = new SubscriptionPump(responses, filterOf(options), after, structured);
        responses.setOnCancelHandler(pump::cancel);
        pumps.add(pump);
        subscriptionsStarted.incrementAndGet();
        pumpThreads.execute(pump);
    }

    /** Feeds one subscription from its own thread: catch-up, "caught up", then live events. */
    private final class SubscriptionPump implements Runnable {

        private final ServerCallStreamObserver<ReadResp> responses;
        private final Predicate<Stored> filter;
        private final boolean structured;
        private volatile boolean cancelled;
        private volatile Status dropped;
        private long after;

        SubscriptionPump(ServerCallStreamObserver<ReadResp> responses, Predicate<Stored> filter, long after,
                         boolean structured) {
            this.responses = responses;
            this.filter = filter;
            this.after = after;
            this.structured = structured;
        }

        void cancel() {
            cancelled = true;
            synchronized (lock) {
                lock.notifyAll();
            }
        }

        void drop(Status status) {
            dropped = status;
        }

        @Override
        public void run() {
            try {
                responses.onNext(ReadResp.newBuilder().setConfirmation(ReadResp.SubscriptionConfirmation
                        .newBuilder().setSubscriptionId(UUID.randomUUID().toString())).build());
                boolean caughtUp = false;
                while (true) {
                    List<Stored> batch = new ArrayList<>();
                    synchronized (lock) {
                        while (!cancelled && dropped == null) {
                            int index = indexOf(after);
                            int next = index >= 0 ? index + 1 : -(index + 1);
                            for (int i = next; i < log.size() && batch.size() < SUBSCRIPTION_BATCH; i++) {
                                batch.add(log.get(i));
                            }
                            if (!batch.isEmpty() || !caughtUp) {
                                break;
                            }
                            lock.wait();
                        }
                    }
                    if (cancelled) {
                        return;
                    }
                    Status end = dropped;
                    if (end != null) {
                        if (end.isOk()) {
                            responses.onCompleted();
                        } else {
                            responses.onError(end.asRuntimeException());
                        }
                        return;
                    }
                    if (batch.isEmpty()) {
                        caughtUp = true;
                        responses.onNext(ReadResp.newBuilder().setCaughtUp(ReadResp.CaughtUp.newBuilder()
                                .setTimestamp(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                                .setPosition(ReadResp.Position.newBuilder()
                                        .setCommitPosition(Math.max(after, 0)).setPreparePosition(Math.max(after, 0))))
                                .build());
                        continue;
                    }
                    for (Stored stored : batch) {
                        after = stored.position();
                        if (filter.test(stored)) {
                            responses.onNext(eventResponse(stored, structured));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (StatusRuntimeException | IllegalStateException callGone) {
                // The client cancelled or the server is stopping: nobody is listening any more.
            } finally {
                pumps.remove(this);
            }
        }
    }

    // --- the gRPC server ----------------------------------------------------------------------------------

    private void bind(int requestedPort) {
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort))
                .withOption(ChannelOption.SO_REUSEADDR, true)
                // The client pings every 10 s; without this the server answers GOAWAY too_many_pings.
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(ServerInterceptors.intercept(new StreamsService(), new Authentication()));
        try {
            Server started = builder.build().start();
            synchronized (lock) {
                server = started;
                port = started.getPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the KurrentDB stand-in on port " + requestedPort, e);
        }
    }

    private final class StreamsService extends StreamsGrpc.StreamsImplBase {

        @Override
        public void read(ReadReq request, StreamObserver<ReadResp> responses) {
            try {
                handleRead(request, responses);
            } catch (StatusRuntimeException e) {
                responses.onError(e);
            }
        }

        @Override
        public StreamObserver<AppendReq> append(StreamObserver<AppendResp> responses) {
            return new StreamObserver<>() {
                private AppendReq.Options options;
                private final List<AppendReq.ProposedMessage> messages = new ArrayList<>();

                @Override
                public void onNext(AppendReq request) {
                    if (request.hasOptions()) {
                        options = request.getOptions();
                    } else if (request.hasProposedMessage()) {
                        messages.add(request.getProposedMessage());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    // The client gave up on the call; nothing was written.
                }

                @Override
                public void onCompleted() {
                    appendRequests.incrementAndGet();
                    if (stallAppends) {
                        return;
                    }
                    try {
                        if (options == null) {
                            throw Status.INVALID_ARGUMENT.withDescription("options must come first")
                                    .asRuntimeException();
                        }
                        AppendResp response = handleAppend(options, messages);
                        if (loseNextAppendAcknowledgement.getAndSet(false)) {
                            responses.onError(Status.UNAVAILABLE
                                    .withDescription("connection lost before the answer").asRuntimeException());
                            return;
                        }
                        responses.onNext(response);
                        responses.onCompleted();
                    } catch (StatusRuntimeException e) {
                        responses.onError(e);
                    }
                }
            };
        }
    }

    private final class Authentication implements ServerInterceptor {

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                           ServerCallHandler<Q, A> next) {
            String required = requiredAuthorization;
            String given = headers.get(AUTHORIZATION);
            if (required != null && !required.equals(given)) {
                call.close(given == null ? Status.PERMISSION_DENIED.withDescription("Access Denied")
                        : Status.UNAUTHENTICATED.withDescription("Bad credentials"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }

    private static UUID uuidOf(Shared.UUID id) {
        return id.hasStructured()
                ? new UUID(id.getStructured().getMostSignificantBits(), id.getStructured().getLeastSignificantBits())
                : UUID.fromString(id.getString());
    }
}
