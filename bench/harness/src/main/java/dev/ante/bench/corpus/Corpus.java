package dev.ante.bench.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ante.simulator.Envelope;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.StreamRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulated events a benchmark sends, prepared before any clock starts: per agent, its batches in the
 * order it posts them. Replicas copy a corpus under new stream ids and event ids, so a load can run longer
 * than the simulation took to generate while every stream still passes the rules.
 */
public final class Corpus {

    private Corpus() {
    }

    /**
     * Every agent's timeline, generated on {@code threads} threads, with consecutive batches of one stream
     * merged up to {@code maxBatch} events (an agent uploading a game when it ends).
     */
    public static List<List<StreamBatch>> generate(SimulationConfig config, int maxBatch, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<StreamBatch>>> futures = new ArrayList<>();
            for (Iterable<StreamBatch> timeline : Simulation.of(config).agentTimelines()) {
                futures.add(pool.submit(() -> merge(timeline, maxBatch)));
            }
            List<List<StreamBatch>> agents = new ArrayList<>();
            for (Future<List<StreamBatch>> f : futures) {
                agents.add(f.get());
            }
            return agents;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Merges runs of batches of the same stream into batches of at most {@code maxBatch} events. */
    public static List<StreamBatch> merge(Iterable<StreamBatch> timeline, int maxBatch) {
        List<StreamBatch> out = new ArrayList<>();
        StreamRef current = null;
        List<Envelope> pending = new ArrayList<>();
        for (StreamBatch batch : timeline) {
            if (!batch.stream().equals(current) && !pending.isEmpty()) {
                out.add(new StreamBatch(current, pending));
                pending = new ArrayList<>();
            }
            current = batch.stream();
            for (Envelope e : batch.events()) {
                pending.add(e);
                if (pending.size() == maxBatch) {
                    out.add(new StreamBatch(current, pending));
                    pending = new ArrayList<>();
                }
            }
        }
        if (!pending.isEmpty()) {
            out.add(new StreamBatch(current, pending));
        }
        return out;
    }

    /** The agents' timelines under new ids: every stream id gets {@code suffix}, every event a new id. */
    public static List<List<StreamBatch>> replica(List<List<StreamBatch>> agents, String suffix) {
        List<List<StreamBatch>> copy = new ArrayList<>(agents.size());
        for (List<StreamBatch> agent : agents) {
            List<StreamBatch> renamed = new ArrayList<>(agent.size());
            for (StreamBatch batch : agent) {
                renamed.add(rename(batch, suffix));
            }
            copy.add(renamed);
        }
        return copy;
    }

    public static StreamBatch rename(StreamBatch batch, String suffix) {
        StreamRef stream = new StreamRef(batch.stream().kind(), batch.stream().id() + suffix);
        List<Envelope> events = new ArrayList<>(batch.events().size());
        for (Envelope e : batch.events()) {
            UUID id = UUID.nameUUIDFromBytes((suffix + '|' + e.eventId()).getBytes(UTF_8));
            events.add(new Envelope(id, e.type(), e.occurredAt(), e.data()));
        }
        return new StreamBatch(stream, events);
    }

    /** How many events the timelines hold. */
    public static long events(List<List<StreamBatch>> agents) {
        long n = 0;
        for (List<StreamBatch> agent : agents) {
            for (StreamBatch b : agent) {
                n += b.events().size();
            }
        }
        return n;
    }
}
