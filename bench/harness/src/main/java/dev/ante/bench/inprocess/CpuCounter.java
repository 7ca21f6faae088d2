package dev.ante.bench.inprocess;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The benchmark thread's CPU time and operation count per iteration. Appending and reading run entirely on
 * the calling thread (JNI included), so CPU time per operation measures an engine's cost even while other
 * work competes for the cores, which wall-clock time does not.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuCounter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    // JMH names counters by field; these names must not clash with other counters of a benchmark.
    public long cpuNanos;
    public long cpuOperations;
    public long cpuEvents;

    private long startedAt;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        cpuOperations = 0;
        cpuEvents = 0;
    }

    void start() {
        startedAt = THREADS.getCurrentThreadCpuTime();
    }

    void stop(int eventsHandled) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - startedAt;
        cpuOperations++;
        cpuEvents += eventsHandled;
    }
}
