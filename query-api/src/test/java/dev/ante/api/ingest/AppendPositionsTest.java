package dev.ante.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.AppendOutcome;
import dev.ante.infra.axon.StreamStoreEventStorageEngine;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.Direction;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interceptor over the real storage engine and embedded store, in units of work as the command bus runs. */
class AppendPositionsTest {

    record Noted(int n) {
    }

    @TempDir
    Path dir;

    private SqliteStreamStore store;
    private EmbeddedEventStore eventStore;
    private final AppendPositions interceptor = new AppendPositions();

    @BeforeEach
    void setUp() {
        store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH);
        eventStore = EmbeddedEventStore.builder().storageEngine(StreamStoreEventStorageEngine.builder()
                .streamStore(store)
                .eventSerializer(JacksonSerializer.builder().objectMapper(EventCodec.defaultMapper()).build())
                .build()).build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        store.close();
    }

    @Test
    void givenACommandThatAppends_whenItsUnitOfWorkCommits_thenTheResultHasItsLastEventsPosition() throws Exception {
        eventStore.publish(event("game-other", 0));
        eventStore.publish(event("game-g1", 0), event("game-g1", 1));

        Object result = handle(() -> {
            eventStore.publish(event("game-g1", 2), event("game-g1", 3));
            return new AppendOutcome("game-g1", 2L, 3L, 3, 2, List.of(0));
        });

        assertThat(result).isInstanceOfSatisfying(Recorded.class, recorded -> {
            assertThat(recorded.outcome()).isEqualTo(new AppendOutcome("game-g1", 2L, 3L, 3, 2, List.of(0)));
            assertThat(recorded.position()).hasValue(positionOf("game-g1", 3));
        });
        assertThat(store.headPosition()).isEqualTo(positionOf("game-g1", 3));
    }

    @Test
    void givenACommandWhoseEventsWereAllDuplicates_whenItCommits_thenTheResultHasNoPosition() throws Exception {
        eventStore.publish(event("game-g1", 0));

        Object result = handle(() -> new AppendOutcome("game-g1", null, null, 0, 0, List.of(0)));

        assertThat(result).isInstanceOfSatisfying(Recorded.class,
                recorded -> assertThat(recorded.position()).isEmpty());
    }

    @Test
    void givenAnOutcomeOfAStreamNotAppendedTo_whenItCommits_thenTheResultHasNoPosition() throws Exception {
        Object result = handle(() -> {
            eventStore.publish(event("game-elsewhere", 0));
            return new AppendOutcome("game-g1", 0L, 0L, 0, 1, List.of());
        });

        assertThat(result).isInstanceOfSatisfying(Recorded.class,
                recorded -> assertThat(recorded.position()).isEmpty());
    }

    @Test
    void givenAnotherResult_whenHandled_thenItPassesUnchanged() throws Exception {
        assertThat(handle(() -> "done")).isEqualTo("done");
    }

    /** Runs the interceptor around {@code handler} in a unit of work, as the command bus does, and commits it. */
    private Object handle(Callable<Object> handler) throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("record");
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, handler::call));
        if (result.isExceptional()) {
            throw new AssertionError(result.exceptionResult());
        }
        return result.getPayload();
    }

    private static GenericDomainEventMessage<Noted> event(String stream, long revision) {
        return new GenericDomainEventMessage<>("game", stream, revision, new Noted((int) revision));
    }

    private long positionOf(String stream, long revision) {
        StreamRead read = store.readStream(stream, revision, 1, Direction.FORWARDS);
        return ((StreamRead.Found) read).events().get(0).position();
    }
}
