package dev.ante.api.retention;

import dev.ante.api.error.Problems;
import dev.ante.domain.GameId;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Moves completed games whose {@code GameCompleted} was recorded longer ago than a limit out of the embedded event
 * store into the archive's Parquet files, a file per {@code gamesPerFile} games. Nothing that reads events can
 * tell: the store reads archived games as before (the replay tool too), and rebuilt read models come out the same.
 * Runs when asked ({@link #start}) and, when {@code ante.retention.archive-after} is set, every
 * {@code ante.retention.interval}; one run at a time.
 */
public class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final String COMPLETED = "GameCompleted";

    private final ArchivingStreamStore store;
    private final Duration archiveAfter;
    private final Duration interval;
    private final int gamesPerFile;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AtomicReference<Instant> running = new AtomicReference<>();
    private final ScheduledExecutorService worker;
    private volatile Run current;
    private volatile Run last;
    private volatile boolean stopping;
    private volatile boolean started;

    /** One run: what it was asked, and what it moved; no {@code finishedAt} while it goes on. */
    public record Run(Duration olderThan, Instant cutoff, Instant startedAt, Instant finishedAt, int games,
                      long events, List<FileWritten> files, String error) {
    }

    /** One archive file a run wrote. */
    public record FileWritten(String name, int games, long events, long bytes) {
    }

    /** What the archive holds, the schedule, and the last run. */
    public record Status(String directory, int games, int files, long bytes, Duration archiveAfter, Duration interval,
                         Run running, Run lastRun) {
    }

    /**
     * @param archiveAfter how old a game's completion must be to move on schedule; {@code null}: only when asked
     */
    public Retention(ArchivingStreamStore store, Duration archiveAfter, Duration interval, int gamesPerFile,
                     Clock clock, MeterRegistry meters) {
        if (gamesPerFile < 1) {
            throw new IllegalArgumentException("ante.retention.games-per-file must be at least 1, was " + gamesPerFile);
        }
        if (archiveAfter != null && archiveAfter.isNegative()) {
            throw new IllegalArgumentException("ante.retention.archive-after must not be negative, was " + archiveAfter);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ante.retention.interval must be positive, was " + interval);
        }
        this.store = store;
        this.archiveAfter = archiveAfter;
        this.interval = interval;
        this.gamesPerFile = gamesPerFile;
        this.clock = clock;
        this.meters = meters;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("ante.archive.games", store.archive(), ParquetArchive::streamCount)
                .description("Games moved from the event store to the archive").register(meters);
    }

    /**
     * Starts moving every game completed more than {@code olderThan} ago, on the retention thread; {@link #status}
     * follows it.
     *
     * @return the run as it starts
     * @throws ErrorResponseException 409 while another run is going on, 503 while the platform stops
     */
    public Run start(Duration olderThan) {
        Instant started = clock.instant();
        if (stopping) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE, "The platform is stopping", "no retention run starts now"), null);
        }
        if (!running.compareAndSet(null, started)) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
                    "Retention is running", "the run started at " + running.get() + " is still going; one runs at"
                            + " a time (GET /api/v1/admin/retention follows it)"), null);
        }
        Run run = new Run(olderThan, started.minus(olderThan), started, null, 0, 0, List.of(), null);
        current = run;
        try {
            worker.execute(() -> runNow(run));
        } catch (RuntimeException e) {
            current = null;
            running.set(null);
            throw e;
        }
        return run;
    }

    private void scheduled() {
        Instant started = clock.instant();
        if (running.compareAndSet(null, started)) {
            Run run = new Run(archiveAfter, started.minus(archiveAfter), started, null, 0, 0, List.of(), null);
            current = run;
            runNow(run);
        }
    }

    // On the retention thread, with `running` set.
    private void runNow(Run run) {
        List<FileWritten> files = new ArrayList<>();
        int games = 0;
        long events = 0;
        String error = null;
        try {
            while (!stopping) {
                Map<String, Long> completed = store.live().streamsEndedBy(GameId.STREAM_PREFIX, COMPLETED,
                        run.cutoff(), gamesPerFile);
                if (completed.isEmpty()) {
                    break;
                }
                ArchivingStreamStore.Archived archived = store.archive(completed);
                if (archived.file().isEmpty()) {
                    break;
                }
                ParquetArchive.ArchiveFile file = archived.file().get();
                files.add(new FileWritten(file.path().getFileName().toString(), archived.streams(), archived.events(),
                        size(file)));
                games += archived.streams();
                events += archived.events();
                current = new Run(run.olderThan(), run.cutoff(), run.startedAt(), null, games, events,
                        List.copyOf(files), null);
                log.info("Archived {} games ({} events) completed before {} to {}", archived.streams(),
                        archived.events(), run.cutoff(), file.path());
                if (completed.size() < gamesPerFile) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Retention stopped after archiving {} games", games, e);
        } finally {
            last = new Run(run.olderThan(), run.cutoff(), run.startedAt(), clock.instant(), games, events,
                    List.copyOf(files), error);
            Counter.builder("ante.retention.runs").description("Retention runs by outcome: ok or failed")
                    .tag("outcome", error == null ? "ok" : "failed").register(meters).increment();
            current = null;
            running.set(null);
        }
    }

    /** The archive and the last run. */
    public Status status() {
        List<ParquetArchive.ArchiveFile> files = store.archive().files();
        long bytes = files.stream().mapToLong(Retention::size).sum();
        return new Status(store.archive().directory().toString(), store.archive().streamCount(), files.size(), bytes,
                archiveAfter, interval, current, last);
    }

    private static long size(ParquetArchive.ArchiveFile file) {
        try {
            return Files.size(file.path());
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void start() {
        started = true;
        if (archiveAfter == null) {
            return;
        }
        log.info("Retention: games completed more than {} ago move to {} every {}", archiveAfter,
                store.archive().directory(), interval);
        worker.scheduleWithFixedDelay(this::scheduled, Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        // A run in progress finishes the file it is writing and stops there.
        stopping = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("A retention run was still writing a file after 60 s; it is left pending and finished on the"
                        + " next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
