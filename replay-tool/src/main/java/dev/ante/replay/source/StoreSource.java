package dev.ante.replay.source;

import dev.ante.domain.GameId;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A source over any {@link StreamStore}: the embedded store of a data directory, opened read-only so the
 * platform may keep writing to it, or KurrentDB (see {@link SourceSpec.KurrentDb}).
 */
public final class StoreSource implements Source {

    /** Events per read; large enough that a 10,000-event game takes three reads. */
    static final int PAGE = 4096;

    private final String name;
    private final StreamStore store;

    public StoreSource(String name, StreamStore store) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Opens the embedded store in {@code dir} read-only.
     *
     * @throws SourceException when the directory holds no readable event store
     */
    public static StoreSource embedded(Path dir) {
        String name = dir.toString();
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new SourceException(name, "not a directory");
            }
            // `--demo` keeps its data beside the default one: say so rather than leave the user guessing.
            Path demo = dir.resolveSibling(dir.getFileName() + "-demo");
            throw new SourceException(name, "no such directory" + (Files.isDirectory(demo)
                    ? "; a --demo run keeps its data in " + demo + ": pass --source " + demo : ""));
        }
        try {
            SqliteStreamStore live = SqliteStreamStore.openReadOnly(dir);
            try {
                // Games moved to the archive read as they did before they moved.
                return new StoreSource(name, ArchivingStreamStore.open(live, dir.resolve(ParquetArchive.DIRECTORY)));
            } catch (RuntimeException e) {
                live.close();
                throw e;
            }
        } catch (StoreUnavailableException e) {
            throw new SourceException(name, SourceException.describe(e), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StreamRead readGame(GameId game, long fromRevision, int maxCount) {
        try {
            return store.readStream(game.streamName(), fromRevision, Math.min(maxCount, PAGE), Direction.FORWARDS);
        } catch (StoreUnavailableException e) {
            throw new SourceException(name, SourceException.describe(e), e);
        }
    }

    @Override
    public void scanGames(GameScan scan) {
        try {
            long head = store.headPosition();
            long after = StreamStore.START;
            scan.progress(0, Math.max(head, 0));
            while (after < head) {
                List<RecordedEvent> page = store.readAll(after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (RecordedEvent event : page) {
                    if (event.position() > head) {
                        scan.progress(head, head);
                        return;
                    }
                    if (event.stream().startsWith(GameId.STREAM_PREFIX)) {
                        scan.event(event);
                    }
                }
                after = page.get(page.size() - 1).position();
                scan.progress(Math.min(after, head), head);
            }
        } catch (StoreUnavailableException e) {
            throw new SourceException(name, SourceException.describe(e), e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
