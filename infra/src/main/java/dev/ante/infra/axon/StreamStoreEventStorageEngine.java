package dev.ante.infra.axon;

import static java.lang.String.format;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.IsoInstants;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.CachingSupplier;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

/**
 * An Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} over a {@link StreamStore}.
 *
 * <ul>
 *   <li>The aggregate identifier is the stream name and the sequence number is the stream revision. The
 *       events of one {@code appendEvents} call are appended to each stream in a single store append,
 *       expecting the revision just before their first sequence number; a conflict surfaces as Axon's
 *       {@link AggregateStreamCreationException} (sequence number 0) or {@link ConcurrencyException}, with
 *       the store's {@link WrongExpectedRevisionException} as the cause. Events of different streams in one
 *       call are separate appends, so they are not atomic together.</li>
 *   <li>The stored event id is the UUID in the message's {@value #EVENT_ID} metadata when there is one
 *       (the agents' idempotency key), else the message identifier. On reading, the message identifier is
 *       the stored event id and the timestamp is the {@value #OCCURRED_AT} metadata, falling back to the
 *       time the store recorded the event.</li>
 *   <li>The stored type is the {@link PayloadTypeNames} name of the payload class, followed by
 *       {@code @<revision>} only when the serializer reports a revision. Data and metadata are the
 *       serializer's bytes, meant to be JSON.</li>
 *   <li>Tracking tokens are {@link GlobalSequenceTrackingToken}s holding the global position; the tail
 *       token is {@link StreamStore#START}. Snapshots are kept by the store beside the log, so they never
 *       reach event processors; their stored type is the serializer's class name.</li>
 *   <li>Only {@link DomainEventMessage}s can be stored: every event belongs to a stream.</li>
 *   <li>Each append made while a unit of work is active is kept in it, so that whoever handles the unit's
 *       result learns where the events landed without reading them back: {@link #appendedIn}.</li>
 * </ul>
 *
 * <p>Messages read back report, as their aggregate type, what {@link Builder#aggregateTypeOf} derives from the
 * stream name (by default the part before the first {@code -}), because streams do not record it.
 */
public class StreamStoreEventStorageEngine extends BatchingEventStorageEngine {

    /** Metadata key whose UUID value, when present, becomes the stored event id. */
    public static final String EVENT_ID = "eventId";

    /** Metadata key whose ISO-8601 value, when present, becomes the timestamp of the message read back. */
    public static final String OCCURRED_AT = "occurredAt";

    private static final JsonFactory JSON = new JsonFactory();

    /** The unit-of-work resource holding the {@link AppendResult} of each stream appended to in it. */
    private static final String APPENDS = StreamStoreEventStorageEngine.class.getName() + ".appends";

    private final StreamStore store;
    private final PayloadTypeNames payloadTypeNames;
    private final Function<String, String> aggregateTypeOf;
    /** Appends the write path handed over with their payloads; null when it hands none over. */
    private final RecentAppends recentAppends;
    /** What each reading thread knows of the log beyond the events handed over (see {@link #fetchTrackedEvents}). */
    private final ThreadLocal<Reader> readers = ThreadLocal.withInitial(Reader::new);
    /** Appends made through this engine (Axon's own publishing), which are not handed over. */
    private final AtomicLong unhandedAppends = new AtomicLong();
    private final long storeLookNanos;

    /** Creates an engine from a validated {@link Builder}. */
    protected StreamStoreEventStorageEngine(Builder builder) {
        super(builder);
        this.store = builder.streamStore;
        this.payloadTypeNames = builder.payloadTypeNames;
        this.aggregateTypeOf = builder.aggregateTypeOf;
        this.recentAppends = builder.recentAppends;
        this.storeLookNanos = builder.storeLookInterval.toNanos();
    }

    /**
     * A builder whose {@link Builder#streamStore store} and {@link Builder#eventSerializer event serializer}
     * are required; the snapshot serializer defaults to the event serializer, payload type names to fully
     * qualified class names and the batch size to 100.
     */
    public static Builder builder() {
        return new Builder();
    }

    // --- writing ------------------------------------------------------------------------------------------

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, List<DomainEventMessage<?>>> byStream = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                throw new EventStoreException(format(
                        "Event [%s] of type [%s] belongs to no aggregate; only aggregate events can be stored",
                        event.getIdentifier(), event.getPayloadType().getName()));
            }
            byStream.computeIfAbsent(domainEvent.getAggregateIdentifier(), stream -> new ArrayList<>())
                    .add(domainEvent);
        }
        // Everything is serialized and checked before the first append, so an invalid event in any
        // stream's group stops the whole call before anything is written.
        Map<String, List<NewEvent>> toAppend = new LinkedHashMap<>();
        byStream.forEach((stream, streamEvents) ->
                toAppend.put(stream, toNewEvents(stream, streamEvents, serializer)));
        toAppend.forEach((stream, newEvents) ->
                appendToStream(stream, byStream.get(stream).get(0).getSequenceNumber(), newEvents));
    }

    private List<NewEvent> toNewEvents(String stream, List<DomainEventMessage<?>> events, Serializer serializer) {
        long first = events.get(0).getSequenceNumber();
        List<NewEvent> newEvents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            DomainEventMessage<?> event = events.get(i);
            if (event.getSequenceNumber() != first + i) {
                throw new EventStoreException(format(
                        "Events for aggregate [%s] must have consecutive sequence numbers; expected %d, got %d",
                        stream, first + i, event.getSequenceNumber()));
            }
            newEvents.add(toNewEvent(event, false, serializer));
        }
        return newEvents;
    }

    private void appendToStream(String stream, long first, List<NewEvent> newEvents) {
        try {
            AppendResult appended = store.append(stream, ExpectedRevision.before(first), newEvents);
            unhandedAppends.incrementAndGet();
            CurrentUnitOfWork.ifStarted(unitOfWork -> appendsOf(unitOfWork).put(stream, appended));
        } catch (WrongExpectedRevisionException e) {
            if (first == 0) {
                throw new AggregateStreamCreationException(format(
                        "Cannot reuse aggregate identifier [%s]: the stream already exists up to revision %d",
                        stream, e.actualRevision()), e);
            }
            throw new ConcurrencyException(format(
                    "An event for aggregate [%s] at sequence [%d] was already inserted (last revision: %d)",
                    stream, first, e.actualRevision()), e);
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not append %d events to [%s]", newEvents.size(), stream), e);
        }
    }

    /**
     * What the store returned for the append of {@code stream}'s events in {@code unitOfWork}: their revisions
     * and the global position of the last one. Appends happen when the unit of work commits, so this is
     * known from then on (e.g. in an {@code afterCommit} handler) until the unit of work is cleaned up;
     * empty when nothing was appended to the stream in it.
     */
    public static Optional<AppendResult> appendedIn(UnitOfWork<?> unitOfWork, String stream) {
        Map<String, AppendResult> appends = unitOfWork.root().getResource(APPENDS);
        return appends == null ? Optional.empty() : Optional.ofNullable(appends.get(stream));
    }

    // Kept on the root: events applied in a nested unit of work are appended when the root commits.
    private static Map<String, AppendResult> appendsOf(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(APPENDS, key -> new HashMap<>());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        String stream = snapshot.getAggregateIdentifier();
        try {
            store.storeSnapshot(stream, snapshot.getSequenceNumber(), toNewEvent(snapshot, true, serializer));
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not store the snapshot of [%s]", stream), e);
        }
    }

    // Snapshots keep the serializer's class name: they hold aggregates, which no catalog names.
    private NewEvent toNewEvent(DomainEventMessage<?> event, boolean snapshot, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        String typeName = snapshot ? payload.getType().getName() : payloadTypeNames.nameOf(event.getPayloadType());
        // The event id has a column of its own: it is put back into the metadata when the event is read.
        SerializedObject<byte[]> metaData = event.getMetaData().containsKey(EVENT_ID)
                ? serializer.serialize(event.getMetaData().withoutKeys(Set.of(EVENT_ID)), byte[].class)
                : event.serializeMetaData(serializer, byte[].class);
        String revision = payload.getType().getRevision();
        String storedType = revision == null ? typeName : typeName + "@" + revision;
        return new NewEvent(eventIdOf(event), storedType, payload.getData(), metaData.getData());
    }

    private static UUID eventIdOf(EventMessage<?> event) {
        Object fromMetaData = event.getMetaData().get(EVENT_ID);
        if (fromMetaData != null) {
            try {
                return UUID.fromString(fromMetaData.toString());
            } catch (IllegalArgumentException e) {
                throw new EventStoreException(format("Metadata %s [%s] of event [%s] is not a UUID",
                        EVENT_ID, fromMetaData, event.getIdentifier()), e);
            }
        }
        try {
            return UUID.fromString(event.getIdentifier());
        } catch (IllegalArgumentException e) {
            // Identifiers from a custom IdentifierFactory: a name-based UUID keeps retries idempotent.
            return UUID.nameUUIDFromBytes(event.getIdentifier().getBytes(UTF_8));
        }
    }

    // --- reading ------------------------------------------------------------------------------------------

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        StreamRead read;
        try {
            read = store.readStream(aggregateIdentifier, firstSequenceNumber, batchSize, Direction.FORWARDS);
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not read events of [%s]", aggregateIdentifier), e);
        }
        if (read instanceof StreamRead.Found found) {
            List<DomainEventData<?>> events = new ArrayList<>(found.events().size());
            for (RecordedEvent event : found.events()) {
                events.add(domainEventData(event));
            }
            return events;
        }
        return List.of();
    }

    /**
     * The events after {@code lastToken}: the run handed over from there if there is one, else the store's.
     *
     * <p>A reader's pass ends with a fetch that finds nothing, and Axon's reader makes one more pass after every
     * pass that found events; a wake that comes while an append is between its commit and its hand-over starts a
     * pass too. Asking the store in each of those cases cost a query per pass (and, in the last one, decoding an
     * event the hand-over was about to bring). So when nothing is held at the next position and nothing has been
     * handed over past it, the store is not asked if either this thread's last run of handed-over events ended
     * right here, or this thread read the store to its end at or before this position less than
     * {@code storeLookInterval} ago — provided no append went through this engine (Axon's own publishing, never
     * handed over) since this thread last asked the store. An append being handed over wakes the reader again
     * once it is held; an append by another process sharing the store is found by the next look after the
     * interval, which Axon's reader makes at least once a second.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long after = positionOf(lastToken);
        if (recentAppends == null) {
            return readStore(after, batchSize, null);
        }
        Reader reader = readers.get();
        boolean justTook = reader.runEnd == after;
        reader.runEnd = Long.MIN_VALUE;
        List<RecentAppends.Appended> handed = recentAppends.take(after, batchSize);
        long newest = recentAppends.newest();
        if (handed.isEmpty() && newest > after) {
            // Handed over between the two looks, or a hole that only the store can fill: one more look first.
            handed = recentAppends.take(after, batchSize);
        }
        if (!handed.isEmpty()) {
            List<TrackedEventData<?>> events = new ArrayList<>(handed.size());
            for (RecentAppends.Appended appended : handed) {
                events.add(new StoredTrackedEvent(new GlobalSequenceTrackingToken(appended.event().position()),
                        domainEventData(appended.event()), appended.payload()));
            }
            reader.runEnd = handed.get(handed.size() - 1).event().position();
            return events;
        }
        long unhanded = unhandedAppends.get();
        if (newest <= after && unhanded == reader.unhandedSeen
                && ((justTook && after == newest)
                || (after >= reader.storeEnd && System.nanoTime() - reader.storeEndNanos < storeLookNanos))) {
            return List.of();
        }
        return readStore(after, batchSize, reader);
    }

    private List<TrackedEventData<?>> readStore(long after, int batchSize, Reader reader) {
        long unhanded = unhandedAppends.get();
        long lookedAt = System.nanoTime();
        List<RecordedEvent> page;
        try {
            page = store.readAll(after, batchSize);
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not read events after position %d", after), e);
        }
        List<TrackedEventData<?>> events = new ArrayList<>(page.size());
        for (RecordedEvent event : page) {
            events.add(new StoredTrackedEvent(new GlobalSequenceTrackingToken(event.position()),
                    domainEventData(event), null));
        }
        if (reader != null) {
            reader.unhandedSeen = unhanded;
            if (page.size() < batchSize) {
                reader.storeEnd = page.isEmpty() ? after : page.get(page.size() - 1).position();
                reader.storeEndNanos = lookedAt;
            }
        }
        if (recentAppends != null && !page.isEmpty()) {
            recentAppends.readPast(page.get(page.size() - 1).position());
        }
        return events;
    }

    /** One reading thread's knowledge of the log beyond the events handed over. */
    private static final class Reader {
        /** Where its last run of handed-over events ended, else {@link Long#MIN_VALUE}. */
        long runEnd = Long.MIN_VALUE;
        /** The position the store ended at when this thread last read it to its end, and when that was. */
        long storeEnd = Long.MAX_VALUE;
        long storeEndNanos;
        /** How many appends had gone through this engine when this thread last asked the store. */
        long unhandedSeen;
    }

    /**
     * The log as the processors read it, each event's payload decoded once as it is read. Axon's own reading keeps
     * every message tied to the stored row it came from (its bytes, the row, the representation the payload was
     * decoded from) for as long as the message lives; the processors share the most recent messages in a window of
     * tens of thousands, which the collector then copies at every young collection and promotes when its survivor
     * spaces are full. A message read here holds its decoded payload, its time, its identity and its metadata's
     * bytes, and nothing else. A payload that does not decode (a type this version does not know, bytes that do not
     * fit it) is left to decode when a handler asks, as Axon would, so that its failure lands in that handler and its
     * processor's dead-letter queue instead of in the reader every processor shares.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (!(upcasterChain instanceof NoOpEventUpcaster)) {
            return super.readEvents(trackingToken, mayBlock);
        }
        return readEventData(trackingToken, mayBlock).map(this::trackedMessage);
    }

    private TrackedEventMessage<?> trackedMessage(TrackedEventData<?> data) {
        if (!(data instanceof StoredTrackedEvent tracked)) {
            return asAxonWould(data);
        }
        StoredEventData stored = tracked.stored();
        RecordedEvent event = stored.event;
        Object payload = tracked.payload();
        if (payload == null) {
            try {
                payload = getEventSerializer().deserialize(stored.getPayload());
            } catch (RuntimeException undecodable) {
                return asAxonWould(data);
            }
        }
        if (payload == null) {
            return asAxonWould(data);
        }
        StoredMetaData metaData = new StoredMetaData(event.metadata(), event.eventId());
        SerializedMessage<Object> message = new SerializedMessage<>(event.eventId().toString(),
                new LazyDeserializingObject<>(payload),
                new LazyDeserializingObject<>(() -> metaData, StoredMetaData.TYPE, getEventSerializer()));
        return new GenericTrackedDomainEventMessage<>(tracked.trackingToken(), stored.getType(), event.stream(),
                event.revision(), message, CachingSupplier.of(stored.getTimestamp()));
    }

    /** The message Axon itself builds from stored event data, decoding its payload when a handler asks. */
    private TrackedEventMessage<?> asAxonWould(TrackedEventData<?> data) {
        return EventUtils.upcastAndDeserializeTrackedEvents(Stream.of(data), getEventSerializer(), upcasterChain)
                .findFirst().orElseThrow();
    }

    /**
     * A stored event with its position in the log, keeping the stored event at hand for {@link #readEvents}, and
     * its payload when the write path handed it over already decoded.
     */
    private static final class StoredTrackedEvent extends TrackedDomainEventData<byte[]> {

        private final StoredEventData stored;
        private final Object payload;

        StoredTrackedEvent(TrackingToken token, StoredEventData stored, Object payload) {
            super(token, stored);
            this.stored = stored;
            this.payload = payload;
        }

        StoredEventData stored() {
            return stored;
        }

        /** The decoded payload, or null when it is to be decoded from the stored bytes. */
        Object payload() {
            return payload;
        }
    }

    /**
     * The aggregate's last snapshot, already read: one that no longer deserializes (its aggregate's fields
     * changed) fails here, where the event store logs it and folds the aggregate from its events instead.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        snapshot.ifPresent(DomainEventMessage::getPayload);
        return snapshot;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        try {
            return store.readSnapshot(aggregateIdentifier)
                    .map(snapshot -> new StoredEventData(aggregateTypeOf.apply(snapshot.stream()), snapshot,
                            serializedType(snapshot.type(), Function.identity())))
                    .stream();
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not read the snapshot of [%s]", aggregateIdentifier), e);
        }
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        try {
            return store.lastRevision(aggregateIdentifier);
        } catch (StoreUnavailableException e) {
            throw new EventStoreException(format("Could not read the last revision of [%s]", aggregateIdentifier), e);
        }
    }

    @Override
    public TrackingToken createTailToken() {
        return new GlobalSequenceTrackingToken(StreamStore.START);
    }

    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(unavailableAsAxon("read the head position", store::headPosition));
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return new GlobalSequenceTrackingToken(
                unavailableAsAxon("find the position at " + dateTime, () -> store.positionBefore(dateTime)));
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return StreamStore.START;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException(format("Token [%s] is of the wrong type; expected [%s]",
                token, GlobalSequenceTrackingToken.class.getSimpleName()));
    }

    private StoredEventData domainEventData(RecordedEvent event) {
        return new StoredEventData(aggregateTypeOf.apply(event.stream()), event,
                serializedType(event.type(), payloadTypeNames::classNameOf));
    }

    private static SerializedType serializedType(String storedType, Function<String, String> classNameOf) {
        int at = storedType.lastIndexOf('@');
        return at < 0
                ? new SimpleSerializedType(classNameOf.apply(storedType), null)
                : new SimpleSerializedType(classNameOf.apply(storedType.substring(0, at)),
                        storedType.substring(at + 1));
    }

    private static <T> T unavailableAsAxon(String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreUnavailableException e) {
            throw new EventStoreException("Could not " + what, e);
        }
    }

    /** The stream's category: the part of its name before the first {@code -}, or the whole name. */
    static String categoryOf(String stream) {
        int dash = stream.indexOf('-');
        return dash < 0 ? stream : stream.substring(0, dash);
    }

    /** A stored event as Axon's serialized event data; the timestamp is worked out only if asked for. */
    private static final class StoredEventData implements DomainEventData<byte[]> {

        private final String aggregateType;
        private final RecordedEvent event;
        private final SerializedType payloadType;
        private Instant timestamp;

        StoredEventData(String aggregateType, RecordedEvent event, SerializedType payloadType) {
            this.aggregateType = aggregateType;
            this.event = event;
            this.payloadType = payloadType;
        }

        @Override
        public String getType() {
            return aggregateType;
        }

        @Override
        public String getAggregateIdentifier() {
            return event.stream();
        }

        @Override
        public long getSequenceNumber() {
            return event.revision();
        }

        @Override
        public String getEventIdentifier() {
            return event.eventId().toString();
        }

        @Override
        public Instant getTimestamp() {
            if (timestamp == null) {
                timestamp = occurredAt(event.metadata()).orElse(event.recordedAt());
            }
            return timestamp;
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new StoredMetaData(event.metadata(), event.eventId());
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(event.data(), byte[].class, payloadType);
        }
    }

    /**
     * A stored event's metadata as Axon's serialized metadata, spliced with its event id only when a handler
     * first reads it: Axon takes the serialized form of every event it reads but deserializes the metadata
     * lazily, and most handlers never ask for it.
     */
    private static final class StoredMetaData implements SerializedObject<byte[]> {

        private static final SerializedType TYPE = new SimpleSerializedType(MetaData.class.getName(), null);

        private final byte[] stored;
        private final UUID eventId;
        // Messages are shared by the processors' threads; the splice is the same whichever computes it.
        private volatile byte[] data;

        StoredMetaData(byte[] stored, UUID eventId) {
            this.stored = stored;
            this.eventId = eventId;
        }

        @Override
        public Class<byte[]> getContentType() {
            return byte[].class;
        }

        @Override
        public SerializedType getType() {
            return TYPE;
        }

        @Override
        public byte[] getData() {
            byte[] spliced = data;
            if (spliced == null) {
                spliced = withEventId(stored, eventId);
                data = spliced;
            }
            return spliced;
        }
    }

    /**
     * The stored metadata with the event id added as {@value #EVENT_ID}, unless it is there already
     * (events stored before the id was kept in its column only): a splice of bytes, no parsing.
     */
    static byte[] withEventId(byte[] metadata, UUID eventId) {
        if (metadata.length < 2 || metadata[0] != '{' || contains(metadata, EVENT_ID_KEY)) {
            return metadata;
        }
        byte[] field = ("\"" + EVENT_ID + "\":\"" + eventId + "\"").getBytes(StandardCharsets.US_ASCII);
        boolean empty = metadata[1] == '}';
        byte[] out = new byte[metadata.length + field.length + (empty ? 0 : 1)];
        out[0] = '{';
        System.arraycopy(field, 0, out, 1, field.length);
        int at = 1 + field.length;
        if (!empty) {
            out[at++] = ',';
        }
        System.arraycopy(metadata, 1, out, at, metadata.length - 1);
        return out;
    }

    private static final byte[] OCCURRED_AT_ONLY_PREFIX =
            ("{\"" + OCCURRED_AT + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private static final byte[] EVENT_ID_KEY = ("\"" + EVENT_ID + "\"").getBytes(StandardCharsets.US_ASCII);

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    // Scans only the top level of the metadata object for the one field wanted, without building a tree.
    static Optional<Instant> occurredAt(byte[] metadata) {
        // The platform's own metadata is exactly {"occurredAt":"<instant>"}: read it without a JSON parser.
        if (metadata.length > OCCURRED_AT_ONLY_PREFIX.length + 2
                && Arrays.equals(metadata, 0, OCCURRED_AT_ONLY_PREFIX.length, OCCURRED_AT_ONLY_PREFIX, 0,
                        OCCURRED_AT_ONLY_PREFIX.length)
                && metadata[metadata.length - 2] == '"' && metadata[metadata.length - 1] == '}') {
            Instant instant = IsoInstants.parse(new String(metadata, OCCURRED_AT_ONLY_PREFIX.length,
                    metadata.length - OCCURRED_AT_ONLY_PREFIX.length - 2, StandardCharsets.US_ASCII));
            if (instant != null) {
                return Optional.of(instant);
            }
        }
        try (JsonParser parser = JSON.createParser(metadata)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (OCCURRED_AT.equals(field) && value == JsonToken.VALUE_STRING) {
                    return parseInstant(parser.getText());
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(IsoInstants.parseAny(text));
        } catch (DateTimeException notUtc) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    /** Builds a {@link StreamStoreEventStorageEngine}; see {@link StreamStoreEventStorageEngine#builder()}. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private StreamStore streamStore;
        private PayloadTypeNames payloadTypeNames = PayloadTypeNames.fullyQualifiedClassNames();
        private Function<String, String> aggregateTypeOf = StreamStoreEventStorageEngine::categoryOf;
        private Serializer eventSerializer;
        private boolean snapshotSerializerSet;
        private RecentAppends recentAppends;
        private java.time.Duration storeLookInterval = java.time.Duration.ofMillis(100);

        /** The store holding the events; required. */
        public Builder streamStore(StreamStore streamStore) {
            this.streamStore = Objects.requireNonNull(streamStore, "streamStore");
            return this;
        }

        /** How payload classes are named in the store; defaults to fully qualified class names. */
        public Builder payloadTypeNames(PayloadTypeNames payloadTypeNames) {
            this.payloadTypeNames = Objects.requireNonNull(payloadTypeNames, "payloadTypeNames");
            return this;
        }

        /**
         * Where the write path hands over the events it appends, decoded: the log is then read only for what is
         * not there. None by default.
         */
        public Builder recentAppends(RecentAppends recentAppends) {
            this.recentAppends = recentAppends;
            return this;
        }

        /**
         * With events handed over: how long a reader that has read the store to its end, and found nothing since
         * that was not handed over, takes the store to hold nothing more (appends by another process sharing the
         * store wait this long at most, beyond the reader's own next look). 100 ms by default.
         */
        public Builder storeLookInterval(java.time.Duration storeLookInterval) {
            if (storeLookInterval.isNegative()) {
                throw new IllegalArgumentException("storeLookInterval must not be negative, was " + storeLookInterval);
            }
            this.storeLookInterval = storeLookInterval;
            return this;
        }

        /** The aggregate type reported for a stream's events; defaults to the stream's category. */
        public Builder aggregateTypeOf(Function<String, String> aggregateTypeOf) {
            this.aggregateTypeOf = Objects.requireNonNull(aggregateTypeOf, "aggregateTypeOf");
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            this.eventSerializer = eventSerializer;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            this.snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        /** @deprecated in favour of {@link #snapshotFilter(SnapshotFilter)}, as in Axon. */
        @Override
        @Deprecated
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(
                Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        /** Builds the engine. */
        public StreamStoreEventStorageEngine build() {
            return new StreamStoreEventStorageEngine(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            if (streamStore == null) {
                throw new AxonConfigurationException("A StreamStore is required");
            }
            // Without this, Axon would quietly fall back to XStream, which we never want for stored events.
            if (eventSerializer == null) {
                throw new AxonConfigurationException("An event Serializer is required (use Jackson)");
            }
            if (!snapshotSerializerSet) {
                snapshotSerializer(eventSerializer);
            }
            super.validate();
        }
    }
}
