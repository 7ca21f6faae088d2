package dev.ante.bench.inprocess;

import dev.ante.bench.corpus.Corpus;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.StreamRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched appends in-process: simulated streams in batches of up to {@value #BATCH} events, each batch one
 * {@code publish} on Axon's event store, on Ante's engine and on Axon's stock JDBC engine. The corpus is
 * replayed under new stream names when it runs out, so the store grows as it would under real load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestBenchmark {

    /** Events per publish at most: the size an agent's batched upload is split into. */
    public static final int BATCH = 100;

    @Param({"ante", "stock"})
    public String engine;

    private record Batch(StreamRef stream, long firstSequence, List<Envelope> events) {
    }

    private Path dir;
    private Engines.Opened opened;
    private final List<Batch> batches = new ArrayList<>();
    private int next;
    private int cycle;

    /** Events appended, reported by JMH as events per second beside the publishes per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchDirs.create("ingest-" + engine + "-");
        opened = Engines.open(Engines.Kind.of(engine), dir);
        Map<StreamRef, List<Envelope>> byStream = new LinkedHashMap<>();
        for (List<StreamBatch> agent : Corpus.generate(SimulationConfig.of(23, 6, 150), BATCH, 2)) {
            for (StreamBatch b : agent) {
                byStream.computeIfAbsent(b.stream(), s -> new ArrayList<>()).addAll(b.events());
            }
        }
        byStream.forEach((stream, events) -> {
            for (int from = 0; from < events.size(); from += BATCH) {
                batches.add(new Batch(stream, from, events.subList(from, Math.min(events.size(), from + BATCH))));
            }
        });
    }

    @Benchmark
    public void append(Events counter, CpuCounter cpu) {
        cpu.start();
        Batch batch = batches.get(next);
        String suffix = "-c" + cycle;
        List<Envelope> events = cycle == 0 ? batch.events() : renamed(batch.events(), suffix);
        opened.store().publish(Messages.of(new StreamRef(batch.stream().kind(), batch.stream().id() + suffix)
                .streamName(), batch.stream().kind(), batch.firstSequence(), events, UUID.randomUUID()));
        counter.events += events.size();
        if (++next == batches.size()) {
            next = 0;
            cycle++;
        }
        cpu.stop(events.size());
    }

    private static List<Envelope> renamed(List<Envelope> events, String suffix) {
        List<Envelope> out = new ArrayList<>(events.size());
        for (Envelope e : events) {
            out.add(new Envelope(UUID.nameUUIDFromBytes((suffix + e.eventId()).getBytes(StandardCharsets.UTF_8)),
                    e.type(), e.occurredAt(), e.data()));
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        opened.close();
        BenchDirs.delete(dir);
    }
}
