package dev.ante.infra.store.archive;

import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.StreamStoreContractTest;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;

/** The store with an archive keeps the port's contract (the archive's own behaviour: ArchivingStreamStoreTest). */
class ArchivingStreamStoreContractTest extends StreamStoreContractTest {

    @Override
    protected StreamStore createStore(Path dir) {
        return ArchivingStreamStore.open(SqliteStreamStore.open(dir, Durability.PROCESS_CRASH),
                dir.resolve(ParquetArchive.DIRECTORY));
    }
}
