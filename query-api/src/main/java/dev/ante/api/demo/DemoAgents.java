package dev.ante.api.demo;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.security.ApiKeys;
import dev.ante.simulator.HttpSink;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.SinkException;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.Tally;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Simulated learning agents posting to this platform's own HTTP API, so that a new user sees games, strategies
 * and metrics arrive right after start. Runs on one background thread once the application is ready, at a
 * gentle pace, for a bounded number of games; stops when the application shuts down.
 */
public class DemoAgents {

    private static final Logger log = LoggerFactory.getLogger(DemoAgents.class);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final DemoProperties demo;
    private final AnteProperties ante;
    private final Environment environment;
    private final Tally tally = new Tally();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopping;
    private volatile Thread worker;
    private volatile String lastCompletedGame;

    DemoAgents(DemoProperties demo, AnteProperties ante, Environment environment) {
        this.demo = demo;
        this.ante = ante;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        String key = agentKey();
        if (key == null) {
            log.warn("Demo: no AGENT or ADMIN key is configured or in {}; no agents will play",
                    ante.dataDir().resolve(ApiKeys.FILE_NAME));
            return;
        }
        int port = environment.getProperty("local.server.port", Integer.class, 8080);
        long seed = demo.seed() != null ? demo.seed() : System.currentTimeMillis();
        SimulationConfig config = SimulationConfig.of(seed, demo.agents(), demo.games())
                .withIdPrefix("demo-" + Long.toUnsignedString(seed, 36))
                .withStartTime(Instant.now())
                .withTimeScale(demo.timeScale())
                // The simulator can make an agent die mid-game; in a demo that only leaves games ACTIVE forever.
                .withCrashRate(0);
        HttpSink sink = HttpSink.builder(URI.create("http://127.0.0.1:" + port), key).maxAttempts(3).build();
        Thread thread = new Thread(() -> run(config, sink), "ante-demo");
        thread.setDaemon(true);
        worker = thread;
        log.info("Demo: {} simulated agents will play {} games (seed {}) against http://127.0.0.1:{}; data in {}",
                demo.agents(), demo.games(), seed, port, ante.dataDir().toAbsolutePath());
        thread.start();
        String researcher = generatedResearcherKey();
        if (researcher != null) {
            // The demo's own keys, in its own data directory: printed so that a first look takes no digging.
            log.info("Demo: open http://localhost:{}/ and sign in with the researcher key {} (all keys in {})", port,
                    researcher, ante.dataDir().resolve(ApiKeys.FILE_NAME).toAbsolutePath());
        }
    }

    private void run(SimulationConfig config, HttpSink sink) {
        long started = System.nanoTime();
        long lastReport = started;
        try {
            for (StreamBatch batch : Simulation.of(config)) {
                if (stopping) {
                    return;
                }
                pace(started);
                try {
                    sink.send(batch);
                } catch (SinkException e) {
                    if (stopping || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    if (failures.incrementAndGet() <= 5) {
                        log.warn("Demo: a batch of {} was not recorded: {}", batch.stream().streamName(),
                                e.getMessage());
                    }
                    continue;
                }
                synchronized (tally) {
                    tally.add(batch);
                }
                if (batch.completion() != null) {
                    lastCompletedGame = batch.stream().id();
                }
                if (System.nanoTime() - lastReport > REPORT_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    log.info("Demo: {} so far; try GET /api/v1/games?limit=10", summary());
                }
            }
            log.info("Demo finished: {}", summary());
        } catch (RuntimeException e) {
            log.error("Demo stopped by an unexpected error", e);
        }
    }

    /** Holds back so that games start at {@code gamesPerSecond}. */
    private void pace(long started) {
        long games;
        synchronized (tally) {
            games = tally.gamesStarted();
        }
        long due = started + (long) (games / demo.gamesPerSecond() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    /** Stops the agents before the web server goes away. */
    @EventListener(ContextClosedEvent.class)
    public void stop() throws InterruptedException {
        stopping = true;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
            log.info("Demo stopped: {}", summary());
        }
    }

    /** Whether the agents are still playing. */
    public boolean isRunning() {
        Thread thread = worker;
        return thread != null && thread.isAlive();
    }

    /** What the agents have posted so far. */
    public String summary() {
        synchronized (tally) {
            return tally.toString() + (failures.get() > 0 ? ", " + failures.get() + " batches refused" : "");
        }
    }

    /** Games the agents have started so far. */
    public long gamesStarted() {
        synchronized (tally) {
            return tally.gamesStarted();
        }
    }

    /** Batches the platform refused or could not take. */
    public long failures() {
        return failures.get();
    }

    /** The id of the last game the agents completed, or null. */
    public String lastCompletedGame() {
        return lastCompletedGame;
    }

    /** A key allowed to write: a configured AGENT or ADMIN key, else the one in the generated keys file. */
    private String agentKey() {
        AnteProperties.Security configured = ante.security();
        for (List<String> keys : List.of(configured.agentKeys(), configured.adminKeys())) {
            for (String key : keys) {
                if (key != null && !key.isBlank()) {
                    return key.trim();
                }
            }
        }
        if (!configured.noneConfigured()) {
            return null;
        }
        Path file = ante.dataDir().resolve(ApiKeys.FILE_NAME);
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            return null;
        }
        for (String role : List.of("agent", "admin")) {
            String value = props.getProperty(role, "").split(",")[0].trim();
            if (!value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** The researcher key of a keys file the platform generated for the demo; null when keys are configured. */
    private String generatedResearcherKey() {
        if (!ante.security().noneConfigured()) {
            return null;
        }
        Properties props = new Properties();
        Path file = ante.dataDir().resolve(ApiKeys.FILE_NAME);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            return null;
        }
        String value = props.getProperty("researcher", "").split(",")[0].trim();
        return value.isEmpty() ? null : value;
    }
}
