package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Another JVM, with the store opened read-only, follows the log while this one keeps appending. */
class SqliteReadWhileWritingTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void givenWriterAppending_whenAnotherProcessReadsReadOnly_thenItSeesTheEventsAsTheyArrive() throws Exception {
        Path data = dir.resolve("data");
        try (SqliteStreamStore store = SqliteStreamStore.open(data, Durability.PROCESS_CRASH)) {
            store.append("game-early", ExpectedRevision.noStream(), events(50));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong appended = new AtomicLong(50);
            Thread writer = new Thread(() -> {
                long revision = 49;
                while (writing.get()) {
                    store.append("game-early", ExpectedRevision.exact(revision), events(5));
                    revision += 5;
                    appended.addAndGet(5);
                    sleep(5);
                }
            }, "appender");
            writer.start();

            Process child = ChildJvm.start(LogTailer.class, dir.resolve("child.err"), data.toString(), "2500");
            List<long[]> seen = new ArrayList<>();
            long[] done = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("SEEN")) {
                        seen.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
                    } else if (parts[0].equals("DONE")) {
                        done = new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
                    }
                }
            } finally {
                writing.set(false);
                writer.join(5_000);
            }
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("child stderr: %s", Files.readString(dir.resolve("child.err")))
                    .isZero();

            assertThat(done).isNotNull();
            long lastSeenPosition = done[1];
            assertThat(seen).as("reads that found new events").hasSizeGreaterThan(1);
            assertThat(seen.get(seen.size() - 1)[0]).isGreaterThan(seen.get(0)[0]);
            assertThat(done[0]).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo(appended.get());
            List<RecordedEvent> upToLastSeen = store.readAll(-1, (int) done[0] + 1).stream()
                    .filter(e -> e.position() <= lastSeenPosition).toList();
            assertThat(upToLastSeen).as("the child saw exactly the events up to its last position")
                    .hasSize((int) done[0]);
        }
    }

    private static List<NewEvent> events(int count) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new NewEvent(UUID.randomUUID(), "HandPlayed", ("{\"i\":" + i + "}").getBytes(UTF_8), null));
        }
        return events;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
