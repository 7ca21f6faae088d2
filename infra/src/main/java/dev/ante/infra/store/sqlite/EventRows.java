package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.ante.domain.IsoInstants;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How an event becomes a row of the {@code events} table and back, byte for byte:
 * <ul>
 *   <li>its type name is an {@code event_types} row, referred to by a small integer;</li>
 *   <li>its data and metadata are compressed with the store's dictionary once there is one
 *       ({@link EventCompressor}), and the row names the codec;</li>
 *   <li>metadata that is exactly {@code {"occurredAt":"<instant>"}} (what the platform writes) is stored as
 *       the instant's nanoseconds, an integer in the metadata column, when writing the instant back gives
 *       the same bytes; anything else is stored as given.</li>
 * </ul>
 * Thread-safe; type ids a write transaction creates are remembered only once it has committed.
 */
final class EventRows {

    private static final byte[] OCCURRED_AT_PREFIX = "{\"occurredAt\":\"".getBytes(US_ASCII);
    private static final byte[] OCCURRED_AT_SUFFIX = "\"}".getBytes(US_ASCII);
    private static final int LONGEST_INSTANT = 40;

    private final EventCompressor compressor;
    private final Map<String, Integer> typeIds = new ConcurrentHashMap<>();
    private final Map<Integer, String> typeNames = new ConcurrentHashMap<>();
    private final boolean typesById;

    EventRows(EventCompressor compressor, int version) {
        this.compressor = compressor;
        this.typesById = version >= 2;
    }

    /** An event as it goes into its row. {@code metadata} is a {@code byte[]} or a {@code Long}. */
    record StoredEvent(UUID eventId, String type, int codec, byte[] data, Object metadata) {
    }

    /** Encodes an event for its row; done outside the write transaction. */
    StoredEvent encode(NewEvent event, int codec) {
        Long nanos = occurredAtNanos(event.metadata());
        Object metadata = nanos != null ? nanos : compressor.encode(codec, event.metadata());
        return new StoredEvent(event.eventId(), event.type(), codec, compressor.encode(codec, event.data()), metadata);
    }

    /** Binds a stored event's columns 3 to 8 (event id, type id, codec, data, metadata) of an insert. */
    void bind(PreparedStatement ps, StoredEvent event, int typeId) throws SQLException {
        ps.setBytes(3, toBytes(event.eventId()));
        ps.setInt(4, typeId);
        ps.setInt(5, event.codec());
        ps.setBytes(6, event.data());
        if (event.metadata() instanceof Long nanos) {
            ps.setLong(7, nanos);
        } else {
            ps.setBytes(7, (byte[]) event.metadata());
        }
    }

    /**
     * The id of a type name, creating its row in the current write transaction if needed; ids created are
     * put in {@code created} for {@link #committed} to remember.
     */
    int typeId(Connection c, String name, Map<String, Integer> created) throws SQLException {
        Integer id = typeIds.get(name);
        if (id == null) {
            id = created.get(name);
        }
        if (id == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM event_types WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    id = rs.next() ? rs.getInt(1) : null;
                }
            }
            if (id == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO event_types (name) VALUES (?) RETURNING id")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getInt(1);
                    }
                }
            }
            created.put(name, id);
        }
        return id;
    }

    /** Remembers the type ids a write transaction created, once it has committed. */
    void committed(Map<String, Integer> created) {
        created.forEach((name, id) -> {
            typeIds.put(name, id);
            typeNames.put(id, name);
        });
    }

    /** A fresh map for {@link #typeId}. */
    static Map<String, Integer> newTypes() {
        return new HashMap<>(4);
    }

    /** Reads an event from a row of {@link SqliteSchema#eventColumns}, starting at column 1. */
    RecordedEvent read(Connection c, String stream, ResultSet rs) throws SQLException {
        String type = typesById ? typeName(c, rs.getInt(4)) : rs.getString(4);
        int codec = rs.getInt(5);
        byte[] data = rs.getBytes(6);
        Object storedMetadata = rs.getObject(7);
        byte[] metadata;
        if (storedMetadata instanceof Number nanos) {
            metadata = occurredAtMetadata(nanos.longValue());
        } else {
            metadata = rs.getBytes(7);
        }
        if (codec != EventCompressor.RAW) {
            // A dictionary trained after this store was opened is in the same file: the writer stores it before
            // any event uses it, so a statement that sees such an event can see the dictionary too.
            data = compressor.decode(codec, data, id -> Dictionaries.loadUnchecked(c, id));
            if (!(storedMetadata instanceof Number)) {
                metadata = compressor.decode(codec, metadata, id -> Dictionaries.loadUnchecked(c, id));
            }
        }
        return new RecordedEvent(stream, toUuid(rs.getBytes(3)), type, rs.getLong(2), rs.getLong(1),
                fromMicros(rs.getLong(8)), data, metadata);
    }

    private String typeName(Connection c, int id) throws SQLException {
        String name = typeNames.get(id);
        if (name != null) {
            return name;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM event_types WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("an event refers to type " + id + ", which the store does not hold");
                }
                name = rs.getString(1);
            }
        }
        typeNames.put(id, name);
        return name;
    }

    // --- metadata holding only the time the event occurred ------------------------------------------------

    /** The nanoseconds of the instant, if {@code metadata} is exactly the platform's lone {@code occurredAt}. */
    static Long occurredAtNanos(byte[] metadata) {
        int textLength = metadata.length - OCCURRED_AT_PREFIX.length - OCCURRED_AT_SUFFIX.length;
        if (textLength < 1 || textLength > LONGEST_INSTANT
                || !Arrays.equals(metadata, 0, OCCURRED_AT_PREFIX.length, OCCURRED_AT_PREFIX, 0,
                        OCCURRED_AT_PREFIX.length)
                || !Arrays.equals(metadata, metadata.length - OCCURRED_AT_SUFFIX.length, metadata.length,
                        OCCURRED_AT_SUFFIX, 0, OCCURRED_AT_SUFFIX.length)) {
            return null;
        }
        Instant instant =
                IsoInstants.parseCanonical(new String(metadata, OCCURRED_AT_PREFIX.length, textLength, US_ASCII));
        if (instant == null) {
            return null;
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The metadata {@link #occurredAtNanos} was given. */
    static byte[] occurredAtMetadata(long nanos) {
        return EventCodec.occurredAtMetadata(Math.floorDiv(nanos, 1_000_000_000L),
                (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    // --- conversions ------------------------------------------------------------------------------------

    static byte[] toBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    static UUID toUuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    static Instant fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
