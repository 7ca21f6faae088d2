package dev.ante.api.support;

import dev.ante.infra.store.StreamStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the projection processors below the threads that answer someone while they keep up. On two cores a
 * request or a live-stream delivery otherwise waits for a core behind whichever processor holds it, though
 * the processor loses nothing by waiting a few milliseconds. A processor more than {@link #KEEPING_UP}
 * events behind the log's head (this instance's last append, or the head as the store gave it at most a second
 * ago, whichever is later) goes back to the requests' priority, so that a load the machine
 * cannot keep up with never starves the read models; the log reader that feeds the processors is low while
 * every processor is. QuestDB's and H2's writers and rebuilds keep the requests' priority: lowered, the
 * writers fell behind under load and rebuilds took more CPU per event (docs/benchmarks.md).
 *
 * <p>Java's thread priorities reach Linux only with the JVM options the platform ships with
 * ({@code -XX:ThreadPriorityPolicy=1}, and {@code -XX:JavaPriority1_To_OSPriority=19} for the nice value of
 * the lowest priority; {@code deploy/jvm.options}). At start a probe thread lowers itself and raises itself
 * again; if either does not show in its nice value (other options, another operating system, or a user
 * that may lower a priority but not raise it again: any user but root or one with {@code CAP_SYS_NICE}),
 * nothing is changed, since a processor lowered for good would starve under load.
 */
@Component
public class BackgroundPriority {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

    /** A processor this many events behind the head runs beside the requests again. */
    static final long KEEPING_UP = 2_000;

    static final String PROCESSORS = "EventProcessor[";
    static final String LOG_READER = "EmbeddedEventStore";

    private final EventProcessingConfiguration processing;
    private final StreamStore store;
    private final boolean effective;
    /** The highest position this instance's appends have reached, or the store last said the log's head is at. */
    private final AtomicLong head = new AtomicLong(-1);
    private int sweeps;
    private volatile int lowered;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "background-priority");
        thread.setDaemon(true);
        return thread;
    });

    public BackgroundPriority(EventProcessingConfiguration processing, StreamStore store, MeterRegistry meters) {
        this.processing = processing;
        this.store = store;
        String unavailable = probe();
        this.effective = unavailable == null;
        if (effective) {
            log.info("Projection processors run at a lower operating-system priority while they keep up");
        } else {
            log.info("Projection processors run at the requests' priority: {}", unavailable);
        }
        Gauge.builder("ante.background.lowered.threads", () -> lowered)
                .description("Processor and log-reader threads running below the requests' priority now")
                .register(meters);
    }

    /**
     * Starts once the application is up: finding the processors asks Axon for beans, which only contends with
     * the context while it is still being built.
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (effective) {
            sweeper.scheduleWithFixedDelay(this::sweep, 0, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** Notes where an append of this instance landed. */
    public void appended(long position) {
        head.accumulateAndGet(position, Math::max);
    }

    /** Why priorities cannot be lowered and raised again here, or null when they can. */
    static String probe() {
        String[] answer = new String[1];
        Thread probe = new Thread(() -> {
            Thread self = Thread.currentThread();
            try {
                int before = ownNice();
                self.setPriority(Thread.MIN_PRIORITY);
                int low = ownNice();
                self.setPriority(Thread.NORM_PRIORITY);
                int normal = ownNice();
                if (low <= before) {
                    answer[0] = "the JVM does not pass thread priorities to the operating system"
                            + " (start it with the options in deploy/jvm.options)";
                } else if (normal != 0) {
                    answer[0] = "this user may lower a thread's priority but not raise it again"
                            + " (run as root or with CAP_SYS_NICE)";
                }
            } catch (IOException | RuntimeException e) {
                answer[0] = "thread priorities cannot be read here (" + e + ")";
            }
        }, "background-priority-probe");
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return answer[0];
    }

    /** The calling thread's nice value, from Linux's /proc. */
    private static int ownNice() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        // The fields after the command name (in parentheses, which may hold spaces): state is the first, nice
        // the seventeenth.
        String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    /** Sets each processor's priority, and the log reader's, from how far the processors are behind. */
    void sweep() {
        try {
            if (sweeps++ % 5 == 0) {
                // Other instances append too; their events reach this one's processors all the same.
                head.accumulateAndGet(store.headPosition(), Math::max);
            }
            Map<String, Long> lags = lags();
            lowered = apply(lags);
        } catch (RuntimeException e) {
            log.debug("Could not set the background threads' priority", e);
        }
    }

    /** How far each processor running here is behind the head (0 when failing or replaying). */
    private Map<String, Long> lags() {
        long last = head.get();
        Map<String, Long> lags = new HashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                long lag = 0;
                if (last >= 0 && streaming.isRunning() && !streaming.isError()) {
                    for (EventTrackerStatus segment : streaming.processingStatus().values()) {
                        if (!segment.isReplaying() && !segment.isErrorState()) {
                            lag = Math.max(lag, last - segment.getCurrentPosition().orElse(-1));
                        }
                    }
                }
                lags.put(name, lag);
            }
        });
        return lags;
    }

    /** Sets the priority of the processors and the log reader; returns how many run low. */
    private static int apply(Map<String, Long> lags) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 64];
        int count = root.enumerate(threads, true);
        int low = 0;
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            Integer wanted = priority(thread.getName(), lags);
            if (wanted != null) {
                if (thread.getPriority() != wanted) {
                    thread.setPriority(wanted);
                }
                if (wanted == Thread.MIN_PRIORITY) {
                    low++;
                }
            }
        }
        return low;
    }

    /**
     * The priority a thread called {@code name} should run at, given each processor's lag, or null when the
     * thread is neither a processor nor the log reader.
     */
    static Integer priority(String name, Map<String, Long> lags) {
        if (name.startsWith(PROCESSORS)) {
            int end = name.indexOf(']');
            Long lag = end < 0 ? null : lags.get(name.substring(PROCESSORS.length(), end));
            return lag == null || lag <= KEEPING_UP ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY;
        }
        if (name.startsWith(LOG_READER)) {
            return lags.values().stream().allMatch(lag -> lag <= KEEPING_UP) ? Thread.MIN_PRIORITY
                    : Thread.NORM_PRIORITY;
        }
        return null;
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
