package dev.ante.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class ProcessUniqueIdentifierFactoryTest {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(ProcessUniqueIdentifierFactory.class);
        String id = GenericEventMessage.asEventMessage("payload").getIdentifier();
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }

    @Test
    void identifiersAreWellFormedVersionFourUuids() {
        ProcessUniqueIdentifierFactory factory = new ProcessUniqueIdentifierFactory(-1L);
        for (int i = 0; i < 1000; i++) {
            String text = factory.generateIdentifier();
            UUID id = UUID.fromString(text);
            assertThat(id.toString()).isEqualTo(text);
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
        }
    }

    @Test
    void noIdentifierRepeatsAcrossThreads() throws InterruptedException {
        ProcessUniqueIdentifierFactory factory = new ProcessUniqueIdentifierFactory(42L);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(factory.generateIdentifier());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(seen).hasSize(8 * 20_000);
    }

    @Test
    void processesWithDifferentPrefixesDoNotShareIdentifiers() {
        ProcessUniqueIdentifierFactory one = new ProcessUniqueIdentifierFactory(1L);
        ProcessUniqueIdentifierFactory other = new ProcessUniqueIdentifierFactory(2L);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(one.generateIdentifier());
            ids.add(other.generateIdentifier());
        }
        assertThat(ids).hasSize(2000);
    }
}
