package dev.ante.infra.store.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.store.AppendResult;
import dev.ante.infra.store.NewEvent;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Child process of {@link SqliteDurabilityTest}: appends small batches to many streams until it is killed,
 * and reports every append on stdout only after the store acknowledged it.
 *
 * <p>Arguments: the data directory and a {@link Durability} name. Each acknowledgement is one line,
 * {@code ACK <stream> <firstRevision> <lastRevision> <lastPosition> END}; the trailing {@code END} lets the
 * parent discard a line cut short by the kill.
 */
public final class AcknowledgingAppender {

    static final int STREAMS = 40;

    private AcknowledgingAppender() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        Random random = new Random(7);
        long[] nextRevision = new long[STREAMS];
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, durability)) {
            out.println("READY");
            out.flush();
            for (long i = 0; ; i++) {
                int s = (int) (i % STREAMS);
                List<NewEvent> batch = new ArrayList<>();
                for (int n = 1 + random.nextInt(5); n > 0; n--) {
                    String json = "{\"i\":" + i + ",\"n\":" + n + ",\"pad\":\"" + "p".repeat(200) + "\"}";
                    batch.add(new NewEvent(UUID.randomUUID(), "HandPlayed", json.getBytes(UTF_8), null));
                }
                AppendResult result = store.append("game-" + s, ExpectedRevision.before(nextRevision[s]), batch);
                nextRevision[s] = result.lastRevision() + 1;
                out.println("ACK " + result.stream() + " " + result.firstRevision() + " " + result.lastRevision()
                        + " " + result.lastPosition() + " END");
                out.flush();
            }
        }
    }
}
