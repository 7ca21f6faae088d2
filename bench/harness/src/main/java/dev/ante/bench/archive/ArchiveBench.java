package dev.ante.bench.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ante.domain.ExpectedRevision;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.NewEvent;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.archive.ArchivingStreamStore;
import dev.ante.infra.store.archive.ParquetArchive;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the embedded store reads its whole log before and after completed games move to the archive, and how
 * fast they move: simulated games appended as the platform stores them, read with {@code readAll} in pages of 1,000
 * (a processor's batch) and 10,000, archived {@code gamesPerFile} at a time, read again.
 *
 * <p>{@code java -cp ante-bench.jar dev.ante.bench.archive.ArchiveBench <games> <gamesPerFile> <out.json>}
 */
public final class ArchiveBench {

    private ArchiveBench() {
    }

    public static void main(String[] args) throws Exception {
        int games = Integer.parseInt(args[0]);
        int gamesPerFile = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("command", "java -cp bench/harness/target/ante-bench.jar dev.ante.bench.archive.ArchiveBench "
                + games + " " + gamesPerFile + " " + out);
        results.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        results.put("startedAt", Instant.now().toString());
        ObjectMapper json = EventCodec.defaultMapper();
        Path dir = Files.createTempDirectory("ante-archive-bench");
        try (ArchivingStreamStore store = ArchivingStreamStore.open(SqliteStreamStore.open(dir, Durability.PROCESS_CRASH),
                dir.resolve(ParquetArchive.DIRECTORY))) {
            for (StreamBatch batch : Simulation.of(SimulationConfig.of(42, Math.max(1, games / 500), games))) {
                List<NewEvent> events = new ArrayList<>();
                for (Envelope e : batch.events()) {
                    byte[] metadata = json.writeValueAsBytes(Map.of("eventId", e.eventId().toString(),
                            "occurredAt", e.occurredAt().toString()));
                    events.add(new NewEvent(e.eventId(), e.type(), json.writeValueAsBytes(e.data()), metadata));
                }
                store.append(batch.stream().streamName(), ExpectedRevision.any(), events);
            }
            long head = store.headPosition();
            results.put("events", head);
            results.put("eventsDbBytes", Files.size(dir.resolve(SqliteStreamStore.FILE_NAME)));
            results.put("liveOnly", scans(store));

            long started = System.nanoTime();
            int moved = 0;
            long movedEvents = 0;
            while (true) {
                Map<String, Long> completed = store.live().streamsEndedBy("game-", "GameCompleted", Instant.now(),
                        gamesPerFile);
                ArchivingStreamStore.Archived archived = completed.isEmpty() ? null : store.archive(completed);
                if (archived == null || archived.streams() == 0) {
                    break;
                }
                moved += archived.streams();
                movedEvents += archived.events();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> archiving = new LinkedHashMap<>();
            archiving.put("games", moved);
            archiving.put("events", movedEvents);
            archiving.put("files", store.archive().files().size());
            archiving.put("seconds", seconds);
            archiving.put("eventsPerSecond", movedEvents / seconds);
            archiving.put("parquetBytes", store.archive().files().stream().mapToLong(f -> f.path().toFile().length())
                    .sum());
            archiving.put("eventsDbBytesAfter", Files.size(dir.resolve(SqliteStreamStore.FILE_NAME)));
            results.put("archiving", archiving);
            results.put("liveAndArchive", scans(store));
        }
        results.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
    }

    // Two rounds of each page size; the second is the one to read (the first warms the JIT and the page cache).
    private static Map<String, Object> scans(StreamStore store) {
        Map<String, Object> scans = new LinkedHashMap<>();
        for (int round = 1; round <= 2; round++) {
            for (int page : new int[] {1_000, 10_000}) {
                long started = System.nanoTime();
                long after = StreamStore.START;
                long n = 0;
                long bytes = 0;
                for (List<RecordedEvent> read; !(read = store.readAll(after, page)).isEmpty(); ) {
                    n += read.size();
                    for (RecordedEvent e : read) {
                        bytes += e.data().length;
                    }
                    after = read.get(read.size() - 1).position();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                scans.put("page" + page + (round == 1 ? "Warmup" : ""), Map.of("events", n, "seconds", seconds,
                        "eventsPerSecond", n / seconds, "dataBytes", bytes));
            }
        }
        return scans;
    }
}
