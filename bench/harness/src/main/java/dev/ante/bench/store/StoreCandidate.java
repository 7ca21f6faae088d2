package dev.ante.bench.store;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The production code path, {@link SqliteStreamStore}, as a reference for the bare-JDBC candidates. */
final class StoreCandidate extends Candidate {

    private final Durability durability;
    private SqliteStreamStore store;

    StoreCandidate(String label, Durability durability) {
        super(label);
        this.durability = durability;
    }

    @Override
    void open(Path dir) {
        store = SqliteStreamStore.open(dir, durability);
    }

    @Override
    long append(String stream, List<BenchEvent> events) {
        List<NewEvent> newEvents = new ArrayList<>(events.size());
        for (BenchEvent event : events) {
            newEvents.add(new NewEvent(event.id(), event.type(), event.data(), event.metadata()));
        }
        return store.append(stream, ExpectedRevision.any(), newEvents).lastPosition();
    }

    @Override
    int readStream(String stream, int max) {
        StreamRead read = store.readStream(stream, 0, max, Direction.FORWARDS);
        return read instanceof StreamRead.Found found ? found.events().size() : 0;
    }

    @Override
    void close() {
        store.close();
    }

    @Override
    long bytesOnDisk(Path dir) throws IOException {
        return sizeIfExists(dir.resolve(SqliteStreamStore.FILE_NAME))
                + sizeIfExists(dir.resolve(SqliteStreamStore.FILE_NAME + "-wal"));
    }

    @Override
    List<String> readerArguments(Path dir) {
        return List.of("store", dir.toString());
    }
}
