package dev.ante.api.retention;

import dev.ante.api.error.Problems;
import dev.ante.domain.GameId;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
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
 * Runs when asked ({@link #run}) and, when {@code ante.retention.archive-after} is set, every
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
    private final AtomicReference<Instant> running = new AtomicReference<>();
    private volatile Run last;
    private volatile boolean stopping;
    private ScheduledExecutorService schedule;

    /** One run: what it was asked, and what it moved. */
    public record Run(Duration olderThan, Instant cutoff, Instant startedAt, Instant finishedAt, int games,
                      long events, List<FileWritten> files, String error) {
    }

    /** One archive file a run wrote. */
    public record FileWritten(String name, int games, long events, long bytes) {
    }

    /** What the archive holds, the schedule, and the last run. */
    public record Status(String directory, int games, int files, long bytes, Duration archiveAfter, Duration interval,
                         Run lastRun) {
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
        Gauge.builder("ante.archive.games", store.archive(), ParquetArchive::streamCount)
                .description("Games moved from the event store to the archive").register(meters);
    }

    /**
     * Moves every game completed more than {@code olderThan} ago.
     *
     * @throws ErrorResponseException 409 while another run is going on
     */
    public Run run(Duration olderThan) {
        Instant started = clock.instant();
        if (!running.compareAndSet(null, started)) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
                    "Retention is running", "the run started at " + running.get() + " is still going; one runs at"
                            + " a time"), null);
        }
        Instant cutoff = started.minus(olderThan);
        List<FileWritten> files = new ArrayList<>();
        int games = 0;
        long events = 0;
        String error = null;
        try {
            while (true) {
                Map<String, Long> completed = store.live().streamsEndedBy(GameId.STREAM_PREFIX, COMPLETED, cutoff,
                        gamesPerFile);
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
                log.info("Archived {} games ({} events) completed before {} to {}", archived.streams(),
                        archived.events(), cutoff, file.path());
                if (completed.size() < gamesPerFile || stopping) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            error = e.getMessage();
            log.warn("Retention stopped after archiving {} games", games, e);
        } finally {
            running.set(null);
        }
        Run run = new Run(olderThan, cutoff, started, clock.instant(), games, events, List.copyOf(files), error);
        last = run;
        if (error != null) {
            throw new ErrorResponseException(HttpStatus.INTERNAL_SERVER_ERROR, Problems.of(
                    HttpStatus.INTERNAL_SERVER_ERROR, "Retention failed", "archived " + games + " games in "
                            + files.size() + " files before it failed: " + error), null);
        }
        return run;
    }

    /** The archive and the last run. */
    public Status status() {
        List<ParquetArchive.ArchiveFile> files = store.archive().files();
        long bytes = files.stream().mapToLong(Retention::size).sum();
        return new Status(store.archive().directory().toString(), store.archive().streamCount(), files.size(), bytes,
                archiveAfter, interval, last);
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
        if (archiveAfter == null) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        log.info("Retention: games completed more than {} ago move to {} every {}", archiveAfter,
                store.archive().directory(), interval);
        schedule.scheduleWithFixedDelay(() -> {
            try {
                run(archiveAfter);
            } catch (RuntimeException e) {
                // logged by run, or another run is going on: the next round tries again
            }
        }, Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (schedule != null) {
            // A run in progress finishes the file it is writing: one interrupted would be written again.
            stopping = true;
            schedule.shutdown();
            try {
                schedule.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
