package dev.ante.infra.store.sqlite;

import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link SqliteReadWhileWritingTest}: opens the store read-only while the parent keeps
 * writing, follows the global log for a while and reports what it saw.
 *
 * <p>Arguments: the data directory and how long to follow, in milliseconds. Prints
 * {@code SEEN <count> <lastPosition>} after every read that found something and {@code DONE <count>
 * <lastPosition>} at the end; exits with 1 if positions ever go backwards.
 */
public final class LogTailer {

    private LogTailer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]);
        long count = 0;
        long last = StreamStore.START;
        try (SqliteStreamStore store = SqliteStreamStore.openReadOnly(dir)) {
            while (System.currentTimeMillis() < deadline) {
                List<RecordedEvent> page = store.readAll(last, 1_000);
                for (RecordedEvent event : page) {
                    if (event.position() <= last) {
                        System.out.println("BACKWARDS " + event.position() + " after " + last);
                        System.exit(1);
                    }
                    last = event.position();
                    count++;
                }
                if (page.isEmpty()) {
                    Thread.sleep(20);
                } else {
                    System.out.println("SEEN " + count + " " + last);
                }
            }
        }
        System.out.println("DONE " + count + " " + last);
    }
}
