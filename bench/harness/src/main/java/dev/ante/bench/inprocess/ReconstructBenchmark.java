package dev.ante.bench.inprocess;

import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.StreamBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
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
 * Reconstructing a 10,000-event game in-process: Axon's {@code readEvents} of the game's stream (the
 * engine's batched reads, deserialization of every payload) folded into its {@link GameState}, on Ante's
 * engine and on Axon's stock JDBC engine over the same events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReconstructBenchmark {

    /** Events in the reconstructed game. */
    public static final int EVENTS = 10_000;

    @Param({"ante", "stock"})
    public String engine;

    private Path dir;
    private Engines.Opened opened;
    private String stream;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchDirs.create("reconstruct-" + engine + "-");
        opened = Engines.open(Engines.Kind.of(engine), dir);
        List<StreamBatch> game = Simulation.marathon(11, "marathon-10k", EVENTS);
        stream = game.get(0).stream().streamName();
        long sequence = 0;
        for (StreamBatch batch : game) {
            opened.store().publish(Messages.of(stream, batch.stream().kind(), sequence, batch.events(),
                    UUID.randomUUID()));
            sequence += batch.events().size();
        }
        GameState state = fold();
        if (state.revision() != EVENTS - 1) {
            throw new IllegalStateException("reconstructed revision " + state.revision() + ", expected "
                    + (EVENTS - 1));
        }
    }

    @Benchmark
    public GameState reconstruct(CpuCounter cpu) {
        cpu.start();
        GameState state = fold();
        cpu.stop(EVENTS);
        return state;
    }

    private GameState fold() {
        DomainEventStream events = opened.store().readEvents(stream);
        GameState state = GameState.initial();
        while (events.hasNext()) {
            state = state.evolve((GameEvent) events.next().getPayload());
        }
        return state;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        opened.close();
        BenchDirs.delete(dir);
    }
}
