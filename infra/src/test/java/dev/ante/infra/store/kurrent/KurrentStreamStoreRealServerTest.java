package dev.ante.infra.store.kurrent;

import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.StreamStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The port's contract against a real KurrentDB or EventStoreDB node, for instance
 * {@code KURRENTDB_URL=kurrentdb://admin:changeit@127.0.0.1:2113?tls=false}. The server may be shared: every
 * test writes to streams of its own and reads the log from the head it saw first.
 */
@EnabledIfEnvironmentVariable(named = "KURRENTDB_URL", matches = ".+",
        disabledReason = "set KURRENTDB_URL (e.g. kurrentdb://admin:changeit@127.0.0.1:2113?tls=false) to run the"
                + " StreamStore contract against a real KurrentDB server")
class KurrentStreamStoreRealServerTest extends StreamStoreContractTest {

    @Override
    protected StreamStore createStore(Path dir) {
        return KurrentStreamStore.connect(System.getenv("KURRENTDB_URL"),
                KurrentStreamStoreContractTest.optionsForTests());
    }

    @Override
    protected boolean storeIsPrivateToTheTest() {
        return false;
    }
}
