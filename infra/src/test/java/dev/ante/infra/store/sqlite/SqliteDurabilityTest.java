package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.infra.store.Direction;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamRead;
import dev.ante.infra.store.StreamStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a writing JVM with SIGKILL in the middle of its appends and checks that every append it had
 * acknowledged is in the store afterwards, whole and with dense revisions.
 */
class SqliteDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 600;

    private record Ack(String stream, long firstRevision, long lastRevision, long lastPosition) {
        long count() {
            return lastRevision - firstRevision + 1;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Durability.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void givenAppenderKilledMidStream_whenReopening_thenEveryAcknowledgedEventIsStored(Durability durability)
            throws Exception {
        Path data = dir.resolve("data");
        Process child = ChildJvm.start(AcknowledgingAppender.class, dir.resolve("child.err"),
                data.toString(), durability.name());
        List<Ack> acks = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                parse(line, acks);
                if (acks.size() == ACKS_BEFORE_KILL) {
                    // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
                    // pipe and lose the acknowledgements still in it.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(acks).as("acknowledgements before the kill; child stderr: %s", childErrors())
                .hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed, not finished").isNotZero();

        try (SqliteStreamStore store = SqliteStreamStore.open(data, durability)) {
            long acknowledged = acks.stream().mapToLong(Ack::count).sum();
            long stored = countAll(store);
            assertThat(stored).isGreaterThanOrEqualTo(acknowledged);

            Map<String, Long> lastAcked = new HashMap<>();
            for (Ack ack : acks) {
                StreamRead read = store.readStream(ack.stream(), ack.firstRevision(), (int) ack.count(),
                        Direction.FORWARDS);
                assertThat(read).isInstanceOf(StreamRead.Found.class);
                List<RecordedEvent> events = ((StreamRead.Found) read).events();
                assertThat(events).as("acknowledged %s", ack).hasSize((int) ack.count());
                assertThat(events.get(events.size() - 1).position()).isEqualTo(ack.lastPosition());
                lastAcked.merge(ack.stream(), ack.lastRevision(), Math::max);
            }
            for (Map.Entry<String, Long> stream : lastAcked.entrySet()) {
                StreamRead.Found all = (StreamRead.Found) store.readStream(stream.getKey(), 0, Integer.MAX_VALUE,
                        Direction.FORWARDS);
                assertThat(all.lastRevision()).isGreaterThanOrEqualTo(stream.getValue());
                for (int i = 0; i < all.events().size(); i++) {
                    assertThat(all.events().get(i).revision()).isEqualTo(i);
                }
                assertThat(all.events()).hasSize((int) all.lastRevision() + 1);
            }
        }
    }

    private static void parse(String line, List<Ack> acks) {
        String[] parts = line.split(" ");
        if (parts.length == 6 && parts[0].equals("ACK") && parts[5].equals("END")) {
            acks.add(new Ack(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4])));
        }
    }

    private static long countAll(StreamStore store) {
        long count = 0;
        long after = StreamStore.START;
        for (List<RecordedEvent> page = store.readAll(after, 1_000); !page.isEmpty();
             page = store.readAll(after, 1_000)) {
            count += page.size();
            after = page.get(page.size() - 1).position();
        }
        return count;
    }

    private String childErrors() {
        try {
            return Files.readString(dir.resolve("child.err"));
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }
}
