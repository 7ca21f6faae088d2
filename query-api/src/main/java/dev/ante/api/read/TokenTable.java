package dev.ante.api.read;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processors' tokens as stored, for what this instance cannot see in its own processors: where a
 * processor stands while another instance holds its segments, and which instances hold them. Reads only;
 * claims stay Axon's.
 *
 * <p>A claim counts as live while its owner has refreshed it within the claim timeout (Axon's, 10 s), as
 * Axon itself judges claims.
 */
public class TokenTable {

    /** One processor's stored state: its lowest position over segments (-1 before any), live owners. */
    public record Stored(long position, List<String> owners, int segments) {

        /** A processor without a token yet. */
        public static final Stored NONE = new Stored(-1, List.of(), 0);
    }


    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration claimTimeout;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Map<String, Stored> cached;
    private volatile long cachedAt;

    /**
     * @param maxAge how long one read of the table answers for: position waits poll it many times a second
     */
    public TokenTable(JdbcTemplate jdbc, Serializer serializer, Duration claimTimeout, Duration maxAge, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The processor's stored state; no segments when it has no token yet. */
    public Stored of(String processor) {
        return all().getOrDefault(processor, Stored.NONE);
    }

    /**
     * Every processor's stored state, read at most once per {@code maxAge}. While the database cannot be read,
     * what was read last (nothing, before the first read): the processors report their own failures, and the
     * status of those this instance holds does not depend on the table.
     */
    public Map<String, Stored> all() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > maxAge.toNanos()) {
            try {
                cached = read();
            } catch (DataAccessException e) {
                if (cached == null) {
                    cached = Map.of();
                }
            }
            cachedAt = now;
        }
        return cached;
    }

    /** Every processor's stored state, read now. */
    public Map<String, Stored> fresh() {
        Map<String, Stored> now = read();
        cached = now;
        cachedAt = System.nanoTime();
        return now;
    }

    private Map<String, Stored> read() {
        Instant liveAfter = clock.instant().minus(claimTimeout);
        Map<String, long[]> lowest = new HashMap<>();
        Map<String, TreeSet<String>> owners = new HashMap<>();
        Map<String, int[]> segments = new HashMap<>();
        jdbc.query("SELECT processor_name, token, token_type, token_timestamp, token_owner FROM token_entry", rs -> {
            String name = rs.getString("processor_name");
            segments.computeIfAbsent(name, n -> new int[1])[0]++;
            long position = position(rs.getBytes("token"), rs.getString("token_type"));
            long[] low = lowest.computeIfAbsent(name, n -> new long[] {Long.MAX_VALUE});
            low[0] = Math.min(low[0], position);
            String owner = rs.getString("token_owner");
            TreeSet<String> live = owners.computeIfAbsent(name, n -> new TreeSet<>());
            if (owner != null && claimedAfter(rs.getString("token_timestamp"), liveAfter)) {
                live.add(owner);
            }
        });
        Map<String, Stored> all = new HashMap<>();
        segments.forEach((name, count) -> all.put(name,
                new Stored(lowest.get(name)[0], new ArrayList<>(owners.get(name)), count[0])));
        return Map.copyOf(all);
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.isPresent() ? position.getAsLong() : -1;
    }

    private static boolean claimedAfter(String timestamp, Instant liveAfter) {
        if (timestamp == null) {
            return false;
        }
        try {
            return Instant.parse(timestamp).isAfter(liveAfter);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
