package dev.ante.replay;

import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import dev.ante.replay.source.StoreSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures, outside the test suite, how long the tool takes to reconstruct a 10,000-event game in-process:
 * read, decode and fold, exactly as {@code game} does. Writes the game first when the directory has none,
 * so the same directory then serves the wall-clock measurement of the jar (see docs/replay-tool.md).
 *
 * <p>Usage: {@code java -cp replay-tool/target/test-classes:replay-tool/target/replay-tool.jar
 * dev.ante.replay.ReconstructTiming <data dir> [events]}
 */
public final class ReconstructTiming {

    private static final GameId GAME = GameId.of("perf-10k");
    private static final int WARMUP = 30;
    private static final int RUNS = 100;

    private ReconstructTiming() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/ante-perf");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        if (!Files.exists(dir.resolve(SqliteStreamStore.FILE_NAME))) {
            List<GameEvent> events = RandomGames.game(new Random(10_000), size, true).subList(0, size);
            try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
                EmbeddedStores.append(store, GAME, events, 1_000);
            }
            System.out.printf(Locale.ROOT, "wrote %d events of game %s to %s%n", events.size(), GAME, dir);
        }
        GameEventDecoder decoder = new GameEventDecoder(new EventCodec());
        try (StoreSource source = StoreSource.embedded(dir)) {
            long start = System.nanoTime();
            GameReplay.Replayed first = GameReplay.at(source, GAME, null, decoder);
            double cold = (System.nanoTime() - start) / 1e6;
            for (int i = 0; i < WARMUP; i++) {
                GameReplay.at(source, GAME, null, decoder);
            }
            double[] ms = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                GameReplay.at(source, GAME, null, decoder);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "game %s: %d events; first reconstruction in a fresh JVM %.1f ms; "
                            + "after %d warm-up runs, over %d runs: min %.1f ms, median %.1f ms, p90 %.1f ms%n",
                    GAME, first.lastRevision() + 1, cold, WARMUP, RUNS, ms[0], ms[RUNS / 2], ms[RUNS * 9 / 10]);
        }
    }
}
