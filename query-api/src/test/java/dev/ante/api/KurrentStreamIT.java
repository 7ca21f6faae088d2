package dev.ante.api;

import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live-stream suite on the KurrentDB backend, against the in-process stand-in: the stream follows
 * KurrentDB's log of all events, and resumes from its positions.
 */
class KurrentStreamIT extends StreamIT {

    private static final KurrentStandIn KURRENT = KurrentStandIn.start();
    private static final Path READ_MODELS = ReadModelSuite.newDataDir("ante-kurrent-stream-");

    @DynamicPropertySource
    static void kurrent(DynamicPropertyRegistry registry) {
        KurrentBackend.use(registry, KURRENT, READ_MODELS);
    }
}
