package dev.ante.bench.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ante.bench.corpus.Corpus;
import dev.ante.bench.results.Workload;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.EnvelopeJson;
import dev.ante.simulator.StreamBatch;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plain event store a team could write on PostgreSQL in an afternoon, as a peer for Ante's batched
 * ingest over the same events: one table of events with a unique (stream, revision) and a unique event
 * id, a table of streams holding each one's last revision, and per batch one transaction that checks the
 * expected revision (row lock on the stream), inserts the events in a pgjdbc batch and commits durably
 * ({@code synchronous_commit} on). No projections, no validation of the events, no HTTP: what it measures
 * is the cost of durable appends alone, with the same clients and batches as Ante's run.
 */
public final class PostgresEventStore {

    private static final String SCHEMA = """
            DROP TABLE IF EXISTS peer_events;
            DROP TABLE IF EXISTS peer_streams;
            CREATE TABLE peer_streams (stream TEXT PRIMARY KEY, last_revision BIGINT NOT NULL);
            CREATE TABLE peer_events (
                position    BIGSERIAL PRIMARY KEY,
                stream      TEXT NOT NULL,
                revision    BIGINT NOT NULL,
                event_id    UUID NOT NULL UNIQUE,
                type        TEXT NOT NULL,
                data        BYTEA NOT NULL,
                metadata    BYTEA NOT NULL,
                recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                UNIQUE (stream, revision))
            """;

    private record Encoded(UUID eventId, String type, byte[] data, byte[] metadata) {
    }

    private record Batch(String stream, List<Encoded> events) {
    }

    private final String url;

    public PostgresEventStore(String url) {
        this.url = url;
    }

    /**
     * Appends {@code replicas} copies of the corpus from {@code clients} threads, each agent's batches in
     * order, and measures events per second until the last commit.
     */
    public Workload ingest(List<List<StreamBatch>> corpus, int replicas, int clients) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(SCHEMA);
        }
        ConcurrentLinkedQueue<List<Batch>> timelines = new ConcurrentLinkedQueue<>();
        long events = 0;
        for (int r = 1; r <= replicas; r++) {
            for (List<StreamBatch> agent : Corpus.replica(corpus, "-pg" + r)) {
                List<Batch> batches = new ArrayList<>();
                for (StreamBatch b : agent) {
                    batches.add(encode(b));
                    events += b.events().size();
                }
                timelines.add(batches);
            }
        }
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    Map<String, Long> last = new HashMap<>();
                    for (List<Batch> timeline = timelines.poll(); timeline != null; timeline = timelines.poll()) {
                        for (Batch batch : timeline) {
                            if (!append(c, batch, last.getOrDefault(batch.stream(), -1L))) {
                                errors.incrementAndGet();
                            }
                            last.put(batch.stream(), last.getOrDefault(batch.stream(), -1L) + batch.events().size());
                        }
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                }
            }, "postgres-peer-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored;
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), pg_total_relation_size('peer_events') FROM peer_events")) {
            rs.next();
            stored = rs.getLong(1);
        }
        return Workload.of("ingest.batched.http.peer.postgres", "events/s", Math.round(events / seconds))
                .detail("events", events)
                .detail("stored", stored)
                .detail("errors", errors.get())
                .detail("clients", clients)
                .detail("seconds", Math.round(seconds * 100) / 100.0)
                .detail("measured", "durable appends with expected revision, one transaction per batch, over JDBC;"
                        + " no HTTP, no validation, no projections");
    }

    /** One batch: lock or create the stream's row, check the expected revision, insert, commit. */
    private static boolean append(Connection c, Batch batch, long expected) throws SQLException {
        try {
            long actual;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_revision FROM peer_streams WHERE stream = ? FOR UPDATE")) {
                ps.setString(1, batch.stream());
                try (ResultSet rs = ps.executeQuery()) {
                    actual = rs.next() ? rs.getLong(1) : -1;
                }
            }
            if (actual != expected) {
                c.rollback();
                return false;
            }
            long revision = actual + 1;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO peer_events (stream, revision, event_id, type,"
                    + " data, metadata) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Encoded e : batch.events()) {
                    ps.setString(1, batch.stream());
                    ps.setLong(2, revision++);
                    ps.setObject(3, e.eventId());
                    ps.setString(4, e.type());
                    ps.setBytes(5, e.data());
                    ps.setBytes(6, e.metadata());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(actual < 0
                    ? "INSERT INTO peer_streams (last_revision, stream) VALUES (?, ?)"
                    : "UPDATE peer_streams SET last_revision = ? WHERE stream = ?")) {
                ps.setLong(1, revision - 1);
                ps.setString(2, batch.stream());
                ps.executeUpdate();
            }
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            return false;
        }
    }

    private static Batch encode(StreamBatch batch) throws JsonProcessingException {
        List<Encoded> events = new ArrayList<>(batch.events().size());
        for (Envelope e : batch.events()) {
            events.add(new Encoded(e.eventId(), e.type(), EnvelopeJson.mapper().writeValueAsBytes(e.data()),
                    ("{\"occurredAt\":\"" + e.occurredAt() + "\"}").getBytes(StandardCharsets.UTF_8)));
        }
        return new Batch(batch.stream().streamName(), events);
    }

    private Connection connect() throws SQLException {
        // Batched inserts as multi-row statements, as pgjdbc's users would configure it.
        String sep = url.contains("?") ? "&" : "?";
        return DriverManager.getConnection(url + sep + "reWriteBatchedInserts=true");
    }
}
