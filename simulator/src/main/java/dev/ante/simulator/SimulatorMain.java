package dev.ante.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulator as a command: plays {@code --games} games with {@code --agents} agents from {@code --seed}
 * and posts them to a running platform, or writes them as NDJSON to a file.
 *
 * <pre>
 * java -jar simulator/target/ante-simulator.jar --url http://localhost:8080 --api-key KEY \
 *     --games 100 --agents 4 --seed 42
 * </pre>
 *
 * Exit codes: 0 done, 1 the platform refused or could not be reached, 2 usage error.
 */
@Command(name = "ante-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulated learning agents playing Balatro-like games, posted to Ante's API.")
public final class SimulatorMain implements Callable<Integer> {

    @Option(names = "--url", description = "Base URL of the platform, e.g. http://localhost:8080.")
    URI url;

    @Option(names = "--api-key", description = "An AGENT (or ADMIN) key; defaults to $ANTE_API_KEY.")
    String apiKey;

    @Option(names = "--out", description = "Write NDJSON (one envelope per line, naming its stream) to this"
            + " file instead of posting.")
    Path out;

    @Option(names = "--games", defaultValue = "100", description = "Games in total (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--agents", defaultValue = "4", description = "Agents playing side by side (default ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed yields the same events"
            + " (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prefix", description = "Prefix of every id (default: s<seed in base 36>).")
    String prefix;

    @Option(names = "--start", description = "When the agents start playing, ISO-8601 (default ${DEFAULT-VALUE}).",
            defaultValue = "2026-11-23T09:00:00Z")
    Instant start;

    @Option(names = "--format", defaultValue = "JSON", description = "JSON (a batch per stream request) or NDJSON"
            + " (one request across streams) (default ${DEFAULT-VALUE}).")
    HttpSink.Format format;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Events per JSON request, lines per NDJSON"
            + " request (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--rate", defaultValue = "0", description = "Games per second to pace at; 0 sends as fast as"
            + " the platform answers (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--backfill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Post with ?backfill=true, so that the platform takes events dated --start however long"
                    + " ago that is (default ${DEFAULT-VALUE}; --no-backfill posts them as live events, which the"
                    + " platform refuses when they are more than its max event age old).")
    boolean backfill;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code. */
    public static int run(String... args) {
        return new CommandLine(new SimulatorMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        SimulationConfig config = SimulationConfig.of(seed, agents, games).withStartTime(start);
        if (prefix != null) {
            config = config.withIdPrefix(prefix);
        }
        Simulation simulation = Simulation.of(config);
        Tally tally = new Tally();
        long started = System.nanoTime();
        if (out != null) {
            try (OutputStream file = Files.newOutputStream(out)) {
                for (StreamBatch batch : simulation) {
                    file.write(EnvelopeJson.ndjson(List.of(batch)));
                    tally.add(batch);
                }
            }
            System.out.println("wrote " + tally + " to " + out);
            return 0;
        }
        if (url == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "either --url or --out is required");
        }
        String key = apiKey != null ? apiKey : System.getenv("ANTE_API_KEY");
        if (key == null || key.isBlank()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "an API key is required: --api-key or $ANTE_API_KEY");
        }
        HttpSink sink = HttpSink.builder(url, key).format(format).maxBatch(batchSize).backfill(backfill).build();
        long lastReport = System.nanoTime();
        try (sink) {
            for (StreamBatch batch : simulation) {
                sink.send(batch);
                tally.add(batch);
                if (batch.completion() != null && rate > 0) {
                    long due = started + (long) (tally.gamesStarted() / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                if (!quiet && System.nanoTime() - lastReport > 5_000_000_000L) {
                    System.out.println("... " + tally);
                    lastReport = System.nanoTime();
                }
            }
        } catch (SinkException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("sent before the error: " + tally);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "posted %s in %d requests (%d retries) in %.1f s: %,.0f events/s%n", tally,
                sink.requests(), sink.retries(), seconds, tally.events() / seconds);
        return 0;
    }
}
