package dev.ante.infra.store.sqlite;

import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.StreamStoreContractTest;
import java.nio.file.Path;

class SqliteStreamStoreContractTest extends StreamStoreContractTest {

    @Override
    protected StreamStore createStore(Path dir) {
        return SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
    }
}
