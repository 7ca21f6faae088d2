package dev.ante.infra.store.kurrent;

import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.StreamStoreContractTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The port's contract against {@link KurrentStandIn}, one fresh stand-in per test. */
class KurrentStreamStoreContractTest extends StreamStoreContractTest {

    private KurrentStandIn standIn;

    /** Ante's streams plus the contract suite's {@code test-} streams. */
    static KurrentStoreOptions optionsForTests() {
        List<String> prefixes = new ArrayList<>(KurrentStoreOptions.ANTE_STREAM_PREFIXES);
        prefixes.add("test-");
        return KurrentStoreOptions.defaults().withStreamPrefixes(prefixes);
    }

    @Override
    protected StreamStore createStore(Path dir) {
        standIn = KurrentStandIn.start();
        return KurrentStreamStore.connect(standIn.connectionString(), optionsForTests());
    }

    @AfterEach
    void stopStandIn() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
