package dev.ante.infra.store.archive;

import dev.ante.domain.ExpectedRevision;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.CommittedAppend;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import dev.ante.infra.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store with its {@link ParquetArchive}: one log to its readers. Archived streams read as they did
 * before they moved, {@link #readAll} interleaves archived events by their positions, and the head and the
 * position of an instant count both. So projections rebuilt after archiving see exactly the log they saw before.
 *
 * <p>{@link #archive} moves whole streams: it writes them to a new archive file, synced and visible to readers,
 * removes them from the live store in one transaction, then confirms the file. A stop between the two leaves a
 * pending file whose streams are in both places; a writable open finishes the removal. Reads ask the live store
 * first and the archive second, so a stream moving meanwhile is found in one or the other, and an event found in
 * both is returned once.
 *
 * <p>Archived streams take no more events: an append to one fails as a conflict with its archived last revision,
 * or, when that is the revision expected, with {@link IllegalStateException}. Ante archives only completed games,
 * which take no more events anyway.
 */
public final class ArchivingStreamStore implements StreamStore {

    private static final Logger log = LoggerFactory.getLogger(ArchivingStreamStore.class);
    private static final int PAGE = 4096;

    private final SqliteStreamStore live;
    private final ParquetArchive archive;
    private final Object archiving = new Object();

    private ArchivingStreamStore(SqliteStreamStore live, ParquetArchive archive) {
        this.live = live;
        this.archive = archive;
    }

    /**
     * Opens the archive in {@code archiveDir} beside {@code live}; when {@code live} is writable, streams of
     * pending files still in it are removed and the files confirmed.
     */
    public static ArchivingStreamStore open(SqliteStreamStore live, Path archiveDir) {
        ParquetArchive archive = ParquetArchive.open(archiveDir, !live.isReadOnly());
        ArchivingStreamStore store = new ArchivingStreamStore(live, archive);
        if (!live.isReadOnly()) {
            for (ParquetArchive.ArchiveFile pending : archive.pendingFiles()) {
                store.finishRemoval(pending);
            }
        }
        return store;
    }

    private void finishRemoval(ParquetArchive.ArchiveFile pending) {
        Map<String, Long> stillLive = new LinkedHashMap<>();
        archive.streamsIn(pending).forEach((stream, last) -> {
            Optional<Long> liveLast = live.lastRevision(stream);
            if (liveLast.isPresent()) {
                if (liveLast.get().longValue() != last) {
                    throw new IllegalStateException(stream + " is archived up to revision " + last + " in "
                            + pending.path() + " but the live store has it up to " + liveLast.get()
                            + "; move that file aside to start");
                }
                stillLive.put(stream, last);
            }
        });
        live.remove(stillLive);
        archive.confirm(pending);
        log.info("Finished archiving {} streams of {}", pending.streamCount(), pending.path().getFileName());
    }

    /** The live store. */
    public SqliteStreamStore live() {
        return live;
    }

    /** The archive. */
    public ParquetArchive archive() {
        return archive;
    }

    /** What one {@link #archive} call moved. */
    public record Archived(int streams, long events, Optional<ParquetArchive.ArchiveFile> file) {
    }

    /**
     * Moves {@code streams}, each expected to end at the revision given, into one new archive file. A stream that
     * holds the live store's head position is left where it is (SQLite would hand that position out again); so
     * is one that changed since it was chosen, and then the whole call moves nothing.
     *
     * @throws IllegalStateException when a stream changed or is gone (nothing moved)
     */
    public Archived archive(Map<String, Long> streams) {
        Objects.requireNonNull(streams, "streams");
        synchronized (archiving) {
            long head = live.headPosition();
            Map<String, Long> moving = new LinkedHashMap<>();
            long events = 0;
            try (ParquetArchive.Writer writer = archive.newFile()) {
                for (Map.Entry<String, Long> entry : streams.entrySet()) {
                    List<RecordedEvent> stream = readWhole(entry.getKey(), entry.getValue());
                    if (stream.isEmpty() || stream.get(stream.size() - 1).position() == head) {
                        continue;
                    }
                    stream.forEach(writer::add);
                    moving.put(entry.getKey(), entry.getValue());
                    events += stream.size();
                }
                if (moving.isEmpty()) {
                    return new Archived(0, 0, Optional.empty());
                }
                ParquetArchive.ArchiveFile file = writer.finish();
                try {
                    live.remove(moving);
                } catch (RuntimeException e) {
                    archive.discard(file);
                    throw e;
                }
                return new Archived(moving.size(), events, Optional.of(archive.confirm(file)));
            }
        }
    }

    // Every event of a live stream that ends at lastRevision; empty when it is gone.
    private List<RecordedEvent> readWhole(String stream, long lastRevision) {
        List<RecordedEvent> events = new ArrayList<>();
        long from = 0;
        while (from <= lastRevision) {
            if (!(live.readStream(stream, from, PAGE, Direction.FORWARDS) instanceof StreamRead.Found found)) {
                return List.of();
            }
            if (found.lastRevision() != lastRevision) {
                throw new IllegalStateException(stream + " ends at revision " + found.lastRevision() + ", not "
                        + lastRevision);
            }
            events.addAll(found.events());
            from += found.events().size();
            if (found.events().isEmpty()) {
                break;
            }
        }
        return events;
    }

    /**
     * Copies the live store ({@link SqliteStreamStore#copyTo}) into {@code dir}, a new directory, and the archive's
     * files into its {@value ParquetArchive#DIRECTORY} directory, with no archiving in between, so that every
     * stream is in the copy once. The files never change once written, so they are linked where the file system
     * allows and copied otherwise.
     *
     * @return the bytes of archive files in the copy
     */
    public long copyTo(Path dir) {
        synchronized (archiving) {
            live.copyTo(dir.resolve(SqliteStreamStore.FILE_NAME));
            List<ParquetArchive.ArchiveFile> files = archive.files();
            if (files.isEmpty()) {
                return 0;
            }
            Path target = dir.resolve(ParquetArchive.DIRECTORY);
            long bytes = 0;
            try {
                Files.createDirectories(target);
                for (ParquetArchive.ArchiveFile file : files) {
                    Path copy = target.resolve(file.path().getFileName());
                    try {
                        Files.createLink(copy, file.path());
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(file.path(), copy);
                    }
                    bytes += Files.size(copy);
                }
            } catch (IOException e) {
                throw new StoreUnavailableException("cannot copy the archive to " + target + ": " + e.getMessage(), e);
            }
            return bytes;
        }
    }

    // --- the StreamStore port ---------------------------------------------------------------------------------

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events) {
        refuseArchived(stream, expected);
        return live.append(stream, expected, events);
    }

    @Override
    public AppendResult append(String stream, ExpectedRevision expected, List<NewEvent> events,
                               Consumer<CommittedAppend> committed) {
        refuseArchived(stream, expected);
        return live.append(stream, expected, events, committed);
    }

    private void refuseArchived(String stream, ExpectedRevision expected) {
        Optional<Long> archived = archive.lastRevision(stream);
        if (archived.isPresent()) {
            if (!expected.isMetBy(archived.get())) {
                throw new WrongExpectedRevisionException(stream, expected, archived.get());
            }
            throw new IllegalStateException(stream + " is archived and takes no more events");
        }
    }

    @Override
    public StreamRead readStream(String stream, long fromRevision, int maxCount, Direction direction) {
        StreamRead read = live.readStream(stream, fromRevision, maxCount, direction);
        if (read instanceof StreamRead.Found) {
            return read;
        }
        Optional<Long> last = archive.lastRevision(stream);
        if (last.isEmpty()) {
            return read;
        }
        return archive.readStream(stream, fromRevision, maxCount, direction)
                .<StreamRead>map(events -> new StreamRead.Found(stream, List.copyOf(events), last.get()))
                .orElse(read);
    }

    @Override
    public List<RecordedEvent> readAll(long afterPosition, int maxCount) {
        List<RecordedEvent> fromLive = live.readAll(afterPosition, maxCount);
        // Past the live page's last event, the live store may hold events this page could not take.
        long notAfter = fromLive.size() == maxCount ? fromLive.get(maxCount - 1).position() : Long.MAX_VALUE;
        List<RecordedEvent> fromArchive = archive.readAll(afterPosition, maxCount, notAfter);
        if (fromArchive.isEmpty()) {
            return fromLive;
        }
        List<RecordedEvent> merged = new ArrayList<>(Math.min(maxCount, fromLive.size() + fromArchive.size()));
        int l = 0;
        int a = 0;
        while (merged.size() < maxCount && (l < fromLive.size() || a < fromArchive.size())) {
            if (a == fromArchive.size()) {
                merged.add(fromLive.get(l++));
            } else if (l == fromLive.size()) {
                merged.add(fromArchive.get(a++));
            } else {
                long livePosition = fromLive.get(l).position();
                long archivedPosition = fromArchive.get(a).position();
                if (livePosition == archivedPosition) {
                    l++;
                } else if (livePosition < archivedPosition) {
                    merged.add(fromLive.get(l++));
                } else {
                    merged.add(fromArchive.get(a++));
                }
            }
        }
        return List.copyOf(merged);
    }

    @Override
    public long headPosition() {
        return Math.max(live.headPosition(), archive.headPosition());
    }

    @Override
    public long positionBefore(Instant instant) {
        return Math.max(live.positionBefore(instant), archive.positionBefore(instant));
    }

    @Override
    public Optional<Long> lastRevision(String stream) {
        Optional<Long> last = live.lastRevision(stream);
        return last.isPresent() ? last : archive.lastRevision(stream);
    }

    @Override
    public void storeSnapshot(String stream, long revision, NewEvent snapshot) {
        if (archive.lastRevision(stream).isEmpty()) {
            live.storeSnapshot(stream, revision, snapshot);
        }
    }

    @Override
    public Optional<RecordedEvent> readSnapshot(String stream) {
        return live.readSnapshot(stream);
    }

    @Override
    public void close() {
        try {
            archive.close();
        } finally {
            live.close();
        }
    }

    @Override
    public String toString() {
        return live + " with " + archive;
    }
}
