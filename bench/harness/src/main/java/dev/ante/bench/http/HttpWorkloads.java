package dev.ante.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.bench.Mode;
import dev.ante.bench.corpus.Corpus;
import dev.ante.bench.results.Workload;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.HttpSink;
import dev.ante.simulator.SinkException;
import dev.ante.simulator.StreamBatch;
import dev.ante.simulator.StreamRef;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end workloads, against one running platform: storage per complete game, single-event appends
 * at fixed rates, batched ingest with the projections running, and reading back a 10,000-event game.
 * Request bodies are encoded before any clock starts, so the load driver spends its CPU on sending.
 */
public final class HttpWorkloads {

    private static final long HISTOGRAM_MAX_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;

    private final Platform platform;
    private final Mode mode;
    private final HttpClient client = Api.client();
    private final Api api;
    private final HttpSink sink;
    private final HttpSink liveSink;
    private boolean liveTimes = true;

    public HttpWorkloads(Platform platform, Mode mode) {
        this.platform = platform;
        this.mode = mode;
        this.api = new Api(platform.base(), Platform.AGENT_KEY, client);
        this.sink = api.sink(1_000);
        this.liveSink = api.sink(1_000, false);
    }

    /**
     * Whether single appends, the live stream's load, the batched ingest and the log grown for a rebuild stamp
     * each event with the moment its request is sent and post it as live (the default: these workloads stand for
     * agents playing now, or uploading a game as it ends), or send the corpus's own times as a backfill — times
     * that every replica of the corpus shares, so their time-series rows land in the middle of partitions
     * already written, which QuestDB pays for by rewriting the partition at each commit.
     */
    public HttpWorkloads liveTimes(boolean value) {
        this.liveTimes = value;
        return this;
    }

    private String eventTimes() {
        return liveTimes ? "each event stamped when its request is sent, posted live"
                : "the corpus's own, posted as a backfill";
    }

    // --- storage ---------------------------------------------------------------------------------------------

    /**
     * Posts complete games (each as one batch) into the platform and measures how much the event store grew.
     * Runs first, so it doubles as the warm-up of the platform's JIT.
     *
     * <p>The store compresses events with a dictionary it trains on its first 2,000 events, on a thread beside
     * the appends; the events appended until it has one are stored without it, and how many they are depends on
     * how soon that thread gets a core. The value counts the games posted once the dictionary exists, what a
     * store holds per game from then on; the growth over all games, those before it included, is in the details.
     */
    public Workload storagePerGame(List<List<StreamBatch>> corpus) throws SQLException {
        List<StreamBatch> games = new ArrayList<>();
        for (List<StreamBatch> agent : Corpus.replica(corpus, "-st")) {
            for (StreamBatch b : agent) {
                if (b.stream().kind() == StreamRef.Kind.GAME && b.completion() != null
                        && b.events().get(0).type().equals("GameStarted")) {
                    games.add(b);
                }
            }
        }
        games = games.subList(0, Math.min(mode.storageGames(), games.size()));
        Path file = platform.dataDir().resolve("events.db");
        long start = StoreSize.usedBytes(file);
        int first = 0;
        while (first < games.size() / 2 && !StoreSize.hasDictionary(file)) {
            sink.send(games.get(first++));
        }
        boolean trained = StoreSize.hasDictionary(file);
        long before = StoreSize.usedBytes(file);
        long events = 0;
        for (StreamBatch game : games.subList(first, games.size())) {
            sink.send(game);
            events += game.events().size();
        }
        long after = StoreSize.usedBytes(file);
        long bytes = after - before;
        int measured = games.size() - first;
        double perGame = (double) bytes / measured;
        return Workload.of("storage.per_game", "KB", round(perGame / 1024, 2))
                .target("< 30 KB", perGame / 1024 < 30)
                .detail("games", measured)
                .detail("gamesBeforeTheDictionary", first)
                .detail("dictionary", trained ? "trained before the measured games"
                        : "none before the measured games (compression off, or not trained within half the games)")
                .detail("perGameKBAllGames", round((double) (after - start) / games.size() / 1024, 2))
                .detail("eventsPerGame", round((double) events / measured, 1))
                .detail("bytesPerEvent", round((double) bytes / events, 1))
                .detail("measured", "growth of events.db (used pages × page size) while the platform ran;"
                        + " event store only, no read models or QuestDB");
    }

    // --- single appends at fixed rates -----------------------------------------------------------------------

    /**
     * One event per request, at {@code rate} requests per second, open loop: each request is due at a fixed
     * time and its latency is counted from then, so a stall delays and is charged to every request behind it.
     * Each game's events go in order, one request in flight per game.
     */
    public Workload singleAppends(List<List<StreamBatch>> corpus, int rate, String suffix, int warmupSeconds,
                                  int seconds) throws InterruptedException, IOException {
        // Each rate starts on a platform that has caught up: a slower rate measured right after one the platform
        // could not keep up with would pay for the processors' backlog of the one before.
        boolean settled = api.awaitProjections(java.time.Duration.ofMinutes(2));
        ConcurrentLinkedQueue<GameCursor> fresh = games(corpus, suffix, rate * (warmupSeconds + seconds) + 10_000);
        ConcurrentLinkedQueue<GameCursor> idle = inPlay(fresh);
        Run warmup = fixedRate(idle, fresh, rate, warmupSeconds, null, UnaryOperator.identity());
        Histogram latency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        long cpuBefore = platform.cpuNanos();
        Run run = fixedRate(idle, fresh, rate, seconds, latency, UnaryOperator.identity());
        long cpu = platform.cpuNanos() - cpuBefore;
        Map<String, Object> floor = floor(corpus, rate, suffix, warmupSeconds, seconds);
        double p50 = latency.getValueAtPercentile(50) / 1000.0;
        double p99 = latency.getValueAtPercentile(99) / 1000.0;
        double p999 = latency.getValueAtPercentile(99.9) / 1000.0;
        return Workload.of("append.single.http", "ms p99", round(p99, 3)).percentiles(round(p50, 3), round(p99, 3))
                .detail("rate", rate)
                .detail("achievedRate", round(run.completed() / run.seconds(), 1))
                .detail("sustained", !run.gaveUp() && !warmup.gaveUp())
                .detail("startedCaughtUp", settled)
                .detail("eventTimes", eventTimes())
                .detail("note", run.gaveUp() || warmup.gaveUp() ? "the platform fell more than 10 s behind the rate;"
                        + " the run stopped early and the percentiles cover the requests sent until then" : null)
                .detail("platformCpuMicrosPerRequest", run.completed() == 0 ? null : round(cpu / 1e3 / run.completed(), 1))
                .detail("estimatedRequestsPerSecondOnDedicatedCores", run.completed() == 0 || cpu <= 0 ? null
                        : Math.round(Runtime.getRuntime().availableProcessors() * 1e9 / (cpu / (double) run.completed())))
                .detail("p999", round(p999, 3))
                .detail("max", round(latency.getMaxValue() / 1000.0, 3))
                .detail("requests", run.completed())
                .detail("errors", run.errors() + warmup.errors())
                .detail("machineFloor", floor)
                .detail("measured", "latency from each request's due time to its response (open loop, corrected"
                        + " for coordinated omission), client and server on the same machine");
    }

    /**
     * Single appends at a light load from the leanest client a Java agent would use: one thread, one kept-alive
     * connection, a blocking client ({@link LeanClient}), each request sent at its due time and timed from then
     * until its answer has been read. The same requests, from the same client at the same pace, then go to
     * {@link FloorServer}: with a lean client the floor is what the machine and a minimal JDK HTTP server take, and
     * the platform's latencies are read against it.
     */
    public Workload leanSingleAppends(List<List<StreamBatch>> corpus, int rate, String suffix, int warmupSeconds,
                                      int seconds) throws InterruptedException, IOException {
        boolean settled = api.awaitProjections(java.time.Duration.ofMinutes(2));
        ConcurrentLinkedQueue<GameCursor> games = games(corpus, suffix, rate * (warmupSeconds + seconds) + 10_000);
        Histogram latency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        long[] outcome;
        long cpu;
        try (LeanClient lean = new LeanClient(Platform.AGENT_KEY)) {
            paced(lean, games, rate, warmupSeconds, null, UnaryOperator.identity());
            long cpuBefore = platform.cpuNanos();
            outcome = paced(lean, games, rate, seconds, latency, UnaryOperator.identity());
            cpu = platform.cpuNanos() - cpuBefore;
        }
        Map<String, Object> floor = new LinkedHashMap<>();
        Path log = Files.createTempFile("ante-bench-lean-floor-", ".log");
        try (FloorServer server = FloorServer.start(log); LeanClient lean = new LeanClient(Platform.AGENT_KEY)) {
            UnaryOperator<HttpSink.Prepared> route = request -> new HttpSink.Prepared(server.resolve(request.uri()),
                    request.contentType(), request.body(), request.events());
            ConcurrentLinkedQueue<GameCursor> floorGames = games(corpus, suffix + "-floor",
                    rate * (warmupSeconds + seconds) + 10_000);
            paced(lean, floorGames, rate, warmupSeconds, null, route);
            Histogram floorLatency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
            long[] floorOutcome = paced(lean, floorGames, rate, seconds, floorLatency, route);
            floor.put("server", "a JDK HTTP server in a JVM of its own answering every request with a fixed"
                    + " append-sized body, the same client at the same pace after the platform's run");
            floor.put("p50", round(floorLatency.getValueAtPercentile(50) / 1000.0, 3));
            floor.put("p90", round(floorLatency.getValueAtPercentile(90) / 1000.0, 3));
            floor.put("p99", round(floorLatency.getValueAtPercentile(99) / 1000.0, 3));
            floor.put("max", round(floorLatency.getMaxValue() / 1000.0, 3));
            floor.put("errors", floorOutcome[1]);
        } finally {
            Files.deleteIfExists(log);
        }
        double p50 = latency.getValueAtPercentile(50) / 1000.0;
        double p99 = latency.getValueAtPercentile(99) / 1000.0;
        return Workload.of("append.single.lean", "ms p99", round(p99, 3)).percentiles(round(p50, 3), round(p99, 3))
                .target("p99 < 1 ms", p99 < 1.0)
                .detail("rate", rate)
                .detail("startedCaughtUp", settled)
                .detail("eventTimes", eventTimes())
                .detail("p90", round(latency.getValueAtPercentile(90) / 1000.0, 3))
                .detail("max", round(latency.getMaxValue() / 1000.0, 3))
                .detail("requests", outcome[0])
                .detail("errors", outcome[1])
                .detail("platformCpuMicrosPerRequest", outcome[0] == 0 ? null : round(cpu / 1e3 / outcome[0], 1))
                .detail("machineFloor", floor)
                .detail("measured", "one thread and one kept-alive connection (Apache HttpClient 5, blocking), each"
                        + " request sent at its due time, latency from then to its answer read; client and server on"
                        + " the same machine");
    }

    /**
     * Sends single-event requests from {@code games} one after another on {@code lean}, one every {@code 1/rate}
     * seconds for {@code seconds}, recording each one's latency from its due time; {@code {completed, errors}}.
     */
    private long[] paced(LeanClient lean, ConcurrentLinkedQueue<GameCursor> games, int rate, int seconds,
                         Histogram latency, UnaryOperator<HttpSink.Prepared> route) throws IOException {
        long period = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime() + 20_000_000L;
        long completed = 0;
        long errors = 0;
        GameCursor game = null;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            while (game == null || !game.hasNext()) {
                game = games.poll();
                if (game == null) {
                    throw new IllegalStateException("the load ran out of games to send");
                }
            }
            int status = lean.post(route.apply(game.take()));
            if (latency != null) {
                latency.recordValue(Math.min(HISTOGRAM_MAX_MICROS, (System.nanoTime() - due) / 1_000));
            }
            if (status == 200) {
                completed++;
            } else {
                errors++;
            }
        }
        return new long[] {completed, errors};
    }

    /**
     * The same requests, from the same client at the same rate, answered by {@link FloorServer}: what the machine
     * takes to answer an HTTP request at all, measured after the platform's run while the platform idles.
     */
    private Map<String, Object> floor(List<List<StreamBatch>> corpus, int rate, String suffix, int warmupSeconds,
                                      int seconds) throws InterruptedException, IOException {
        Path log = Files.createTempFile("ante-bench-floor-", ".log");
        try (FloorServer floor = FloorServer.start(log)) {
            UnaryOperator<HttpSink.Prepared> route = request -> new HttpSink.Prepared(floor.resolve(request.uri()),
                    request.contentType(), request.body(), request.events());
            ConcurrentLinkedQueue<GameCursor> fresh = games(corpus, suffix + "-floor", rate * (warmupSeconds + seconds) + 10_000);
            ConcurrentLinkedQueue<GameCursor> idle = inPlay(fresh);
            fixedRate(idle, fresh, rate, warmupSeconds, null, route);
            Histogram latency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
            Run run = fixedRate(idle, fresh, rate, seconds, latency, route);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("server", "a JDK HTTP server in a JVM of its own answering every request with a fixed append-sized"
                    + " body, after the platform's run at the same rate (the platform idle meanwhile)");
            out.put("achievedRate", round(run.completed() / run.seconds(), 1));
            out.put("p50", round(latency.getValueAtPercentile(50) / 1000.0, 3));
            out.put("p99", round(latency.getValueAtPercentile(99) / 1000.0, 3));
            out.put("errors", run.errors());
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Run(long completed, long errors, double seconds, boolean gaveUp) {
    }

    /** The corpus's games under new ids, as single-event requests, until they hold at least {@code events}. */
    private ConcurrentLinkedQueue<GameCursor> games(List<List<StreamBatch>> corpus, String suffix, int events) {
        ConcurrentLinkedQueue<GameCursor> games = new ConcurrentLinkedQueue<>();
        int prepared = 0;
        for (List<StreamBatch> agent : Corpus.replica(corpus, suffix)) {
            for (StreamBatch b : agent) {
                if (b.stream().kind() == StreamRef.Kind.GAME && prepared < events) {
                    games.add(new GameCursor(b));
                    prepared += b.events().size();
                }
            }
        }
        return games;
    }

    /** The first 64 games taken from {@code fresh}: the games in play at once, one request in flight each. */
    private static ConcurrentLinkedQueue<GameCursor> inPlay(ConcurrentLinkedQueue<GameCursor> fresh) {
        ConcurrentLinkedQueue<GameCursor> idle = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 64 && !fresh.isEmpty(); i++) {
            idle.add(fresh.poll());
        }
        return idle;
    }

    /**
     * One game's events as single-event requests, sent in order, encoded ahead like the batched ingest's: with
     * live times each event's {@code occurredAt} becomes the moment it is taken to be sent, as a live agent's
     * would be; otherwise the corpus's own times, which replicas of the corpus share, so their time-series rows
     * land among rows already written.
     */
    private final class GameCursor {
        private final List<Request> requests;
        private int next;

        GameCursor(StreamBatch game) {
            requests = new ArrayList<>(game.events().size());
            for (Envelope e : game.events()) {
                requests.addAll(encode(new StreamBatch(game.stream(), List.of(e))));
            }
        }

        boolean hasNext() {
            return next < requests.size();
        }

        HttpSink.Prepared take() {
            return requests.get(next++).stamped(Instant.now());
        }
    }

    private Run fixedRate(ConcurrentLinkedQueue<GameCursor> idle, ConcurrentLinkedQueue<GameCursor> fresh, int rate,
                          int seconds, Histogram latency, UnaryOperator<HttpSink.Prepared> route)
            throws InterruptedException {
        long period = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        AtomicLong tickets = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        int workers = Math.max(8, Math.min(64, rate / 50));
        long start = System.nanoTime() + 20_000_000L;
        // A platform that cannot keep the rate falls further behind with every request; give up once the
        // backlog is hopeless instead of waiting for it to drain.
        long giveUpBehindNanos = 10_000_000_000L;
        AtomicLong behind = new AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        Histogram[] perWorker = new Histogram[workers];
        for (int w = 0; w < workers; w++) {
            Histogram mine = latency == null ? null : new Histogram(HISTOGRAM_MAX_MICROS, 3);
            perWorker[w] = mine;
            Thread t = new Thread(() -> {
                try {
                    for (long i = tickets.getAndIncrement(); i < total; i = tickets.getAndIncrement()) {
                        long due = start + i * period;
                        long lag = System.nanoTime() - due;
                        if (lag > giveUpBehindNanos || behind.get() > 0) {
                            behind.accumulateAndGet(lag, Math::max);
                            break;
                        }
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        GameCursor game = idle.poll();
                        long waitingSince = System.nanoTime();
                        while (game == null) {
                            game = fresh.poll();
                            if (game == null) {
                                if (System.nanoTime() - waitingSince > 5_000_000_000L) {
                                    throw new IllegalStateException("the load ran out of games to send");
                                }
                                Thread.onSpinWait();
                                game = idle.poll();
                            }
                        }
                        HttpSink.Prepared request = route.apply(game.take());
                        try {
                            sink.send(request);
                            completed.incrementAndGet();
                        } catch (SinkException e) {
                            errors.incrementAndGet();
                        }
                        if (mine != null) {
                            mine.recordValue(Math.min(HISTOGRAM_MAX_MICROS, (System.nanoTime() - due) / 1_000));
                        }
                        if (game.hasNext()) {
                            idle.add(game);
                        } else {
                            GameCursor next = fresh.poll();
                            if (next != null) {
                                idle.add(next);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "single-append-" + w);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (latency != null) {
            for (Histogram h : perWorker) {
                latency.add(h);
            }
        }
        return new Run(completed.get(), errors.get(), (System.nanoTime() - start) / 1e9, behind.get() > 0);
    }

    // --- live stream ----------------------------------------------------------------------------------------------

    /**
     * {@code clients} live-stream clients (all game events) while single events are appended at {@code rate}
     * per second: each event is timed from when the store recorded it to when each client received it.
     */
    public Workload streamLatency(List<List<StreamBatch>> corpus, int clients, int rate, int seconds)
            throws IOException, InterruptedException {
        ConcurrentLinkedQueue<GameCursor> fresh = games(corpus, "-sl" + clients, rate * (seconds + 1) + 10_000);
        ConcurrentLinkedQueue<GameCursor> idle = inPlay(fresh);
        try (StreamLatency streams = new StreamLatency(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build(), platform.base(), Platform.AGENT_KEY, "/api/v1/stream?category=game", clients)) {
            long cpuBefore = platform.cpuNanos();
            streams.start();
            Run run = fixedRate(idle, fresh, rate, seconds, null, UnaryOperator.identity());
            long expected = run.completed() * clients;
            boolean all = streams.await(expected, Duration.ofSeconds(30));
            long cpu = platform.cpuNanos() - cpuBefore;
            Histogram latency = streams.latency();
            double p50 = latency.getValueAtPercentile(50) / 1000.0;
            double p99 = latency.getValueAtPercentile(99) / 1000.0;
            return Workload.of("stream.latency", "ms p99", round(p99, 3)).percentiles(round(p50, 3), round(p99, 3))
                    .target("p99 < 50 ms at 100 clients", clients >= 100 && all && p99 < 50)
                    .detail("percentilesOf", "recordedAt of each event to its arrival at each client, ms")
                    .detail("clients", clients)
                    .detail("appendRate", rate)
                    .detail("eventTimes", eventTimes())
                    .detail("eventsAppended", run.completed())
                    .detail("deliveriesExpected", expected)
                    .detail("deliveries", streams.delivered())
                    .detail("overflows", streams.overflows())
                    .detail("p999", round(latency.getValueAtPercentile(99.9) / 1000.0, 3))
                    .detail("max", round(latency.getMaxValue() / 1000.0, 3))
                    .detail("platformCpuMicrosPerDelivery", streams.delivered() == 0 ? null
                            : round(cpu / 1000.0 / streams.delivered(), 2));
        }
    }

    // --- dashboard --------------------------------------------------------------------------------------------

    /** Whether this machine has the headless browser {@link #dashboard} needs. */
    public static boolean browserAvailable() {
        return DashboardTiming.available();
    }

    /** The built-in dashboard's pages timed in headless Chromium over whatever games the platform holds. */
    public Workload dashboard(int rounds) throws IOException, InterruptedException {
        JsonNode games = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(api.get("/api/v1/stats/overview").body()).path("games");
        long count = 0;
        for (JsonNode n : games) {
            count += n.asLong();
        }
        return DashboardTiming.measure(platform.base(), Platform.ADMIN_KEY, count, rounds);
    }

    // --- batched ingest --------------------------------------------------------------------------------------

    /** What the batched ingest measured, including the platform's RSS while it ran. */
    public record IngestResult(Workload workload, long peakRssBytes, java.time.Instant from, java.time.Instant to) {
    }

    /**
     * Replicas of the corpus, each agent's batches posted in order (whole games as single requests) by
     * {@code clients} concurrent senders; timed until every event is acknowledged and then until every
     * projection has caught up with the log's head.
     */
    public IngestResult batchedIngest(List<List<StreamBatch>> corpus, int replicas, int clients, int maxSeconds)
            throws InterruptedException, IOException {
        List<List<Request>> warmup = prepare(Corpus.replica(corpus.subList(0, Math.min(2, corpus.size())),
                "-wu"));
        List<List<Request>> timelines = new ArrayList<>();
        for (int r = 1; r <= replicas; r++) {
            timelines.addAll(prepare(Corpus.replica(corpus, "-r" + r)));
        }
        send(warmup, clients, null, Long.MAX_VALUE);
        boolean projections = api.maxProjectionLag() >= 0;
        if (projections) {
            api.awaitProjections(Duration.ofMinutes(2));
        }

        AtomicLong peakRss = new AtomicLong(platform.rssBytes());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(platform.rssBytes(), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Histogram latency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        Instant from = Instant.now();
        long cpuBefore = platform.cpuNanos();
        long start = System.nanoTime();
        Sent sent = send(timelines, clients, latency, start + maxSeconds * 1_000_000_000L);
        long acked = System.nanoTime();
        long events = sent.events();
        long requests = sent.requests();
        long errors = sent.errors();
        boolean caughtUp = projections && api.awaitProjections(Duration.ofMinutes(10));
        long end = System.nanoTime();
        long cpu = platform.cpuNanos() - cpuBefore;
        sampler.interrupt();
        sampler.join();

        double ackedRate = events / ((acked - start) / 1e9);
        double endToEnd = events / ((end - start) / 1e9);
        double value = projections ? endToEnd : ackedRate;
        Workload w = Workload.of("ingest.batched.http", "events/s", Math.round(value))
                .percentiles(round(latency.getValueAtPercentile(50) / 1000.0, 3),
                        round(latency.getValueAtPercentile(99) / 1000.0, 3))
                .target("≥ 100,000 events/s, projections keeping up", value >= 100_000 && (caughtUp || !projections))
                .detail("percentilesOf", "request latency, ms")
                .detail("eventTimes", eventTimes())
                .detail("events", events)
                .detail("requests", requests)
                .detail("eventsPerRequest", round((double) events / requests, 1))
                .detail("clients", clients)
                .detail("errors", errors)
                .detail("stoppedByTimeLimit", sent.stopped())
                .detail("ackedEventsPerSecond", Math.round(ackedRate))
                .detail("ackedSeconds", round((acked - start) / 1e9, 2))
                .detail("projectionsCaughtUpAfterAckSeconds", projections ? round((end - acked) / 1e9, 2) : null)
                .detail("projections", projections ? (caughtUp ? "running; value counts until all caught up"
                        : "did not catch up within 10 minutes") : "none in this build; value counts acknowledgements")
                .detail("peakRssMB", peakRss.get() / (1024 * 1024))
                .detail("platformCpuMicrosPerEvent", round(cpu / 1e3 / events, 1))
                .detail("platformCpuShare", round(cpu / ((end - start) * (double) Runtime.getRuntime()
                        .availableProcessors()), 3))
                .detail("estimatedEventsPerSecondOnDedicatedCores", Math.round(Runtime.getRuntime()
                        .availableProcessors() * 1e9 / (cpu / (double) events)));
        return new IngestResult(w, peakRss.get(), from, Instant.now());
    }

    /**
     * Grows the log by {@code replicas} more copies of the corpus, posted by {@code clients} senders one replica at a
     * time (each prepared only when the previous one is sent, so that a log of 100,000 games never sits in this
     * process's memory), then waits for the projections. Not a measurement: it makes the log a rebuild reads.
     *
     * @return the events posted
     */
    public long growLog(List<List<StreamBatch>> corpus, int replicas, int clients)
            throws InterruptedException, IOException {
        long events = 0;
        for (int r = 1; r <= replicas; r++) {
            Sent sent = send(prepare(Corpus.replica(corpus, "-g" + r)), clients, null, Long.MAX_VALUE);
            if (sent.errors() > 0) {
                throw new IllegalStateException(sent.errors() + " requests failed while growing the log");
            }
            events += sent.events();
        }
        if (api.maxProjectionLag() >= 0 && !api.awaitProjections(Duration.ofMinutes(30))) {
            throw new IllegalStateException("the projections did not catch up within 30 minutes of growing the log");
        }
        return events;
    }

    /** What researchers ask while the read models rebuild, one after another. */
    private static final List<String> REBUILD_QUERIES = List.of("/api/v1/synergies?size=pair&limit=50",
            "/api/v1/games?limit=100", "/api/v1/strategies/leaderboard?limit=50",
            "/api/v1/strategies/winning-builds?limit=50", "/api/v1/stats/antes");

    /**
     * Rebuilds every read model at once through the running platform ({@code POST
     * /api/v1/admin/projections/replay}) and counts until every processor the platform lists (the read models
     * and, with QuestDB on, the time-series writers) says {@code replaying: false} and has caught up with the
     * head the log had at the start: the log's events divided by that time.
     */
    public Workload rebuildAll(List<String> readModels, Duration timeout) throws IOException, InterruptedException {
        Workload first = rebuildOnce(readModels, timeout);
        // The rebuild's code runs for the first time in the first round, so the JIT compiler works beside it; a log
        // of tens of millions of events amortises that, which a second round over the same log shows.
        Workload second = rebuildOnce(readModels, timeout);
        java.util.Map<String, Object> again = new java.util.LinkedHashMap<>();
        again.put("eventsPerSecond", second.value());
        for (String key : List.of("finished", "platformCpuMicrosPerEvent", "compilerCpuShare", "queryP50MsDuringRebuild",
                "queryP99MsDuringRebuild", "peakRssMB", "peakRssAnonMB")) {
            again.put(key, second.details().get(key));
        }
        return first.detail("secondRebuild", again).detail("queryFloor", queryFloor(QUERY_FLOOR_QUERIES));
    }

    /** How many queries each of {@link #queryFloor}'s two conditions sends: enough for a p99 that is not one query. */
    private static final int QUERY_FLOOR_QUERIES = 600;

    /**
     * The rebuild's queries, sent by the same client at the same pace (one, then 50 ms), answered by {@link
     * FloorServer} with its fixed small body: once with the machine otherwise idle, once with two threads of the
     * floor's own process computing without pause, as a rebuild that takes both cores does beside the platform's
     * requests. What answering a query at all takes on this machine, and what two busy cores add to it.
     */
    private Map<String, Object> queryFloor(int count) throws IOException, InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", "a JDK HTTP server in a JVM of its own answering every request with a fixed small body;"
                + " the rebuild's five query paths in turn, one query then 50 ms, after the platform's rebuilds");
        for (int busy : new int[] {0, 2}) {
            Path log = Files.createTempFile("ante-bench-query-floor-", ".log");
            try (FloorServer floor = FloorServer.start(log, busy)) {
                Histogram micros = new Histogram(HISTOGRAM_MAX_MICROS, 3);
                long errors = 0;
                for (int i = -50; i < count; i++) {
                    URI uri = floor.resolve(platform.base().resolve(REBUILD_QUERIES.get(Math.floorMod(i,
                            REBUILD_QUERIES.size()))));
                    long asked = System.nanoTime();
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (i >= 0) {
                        micros.recordValue(Math.min(HISTOGRAM_MAX_MICROS, (System.nanoTime() - asked) / 1_000));
                        errors += answer.statusCode() == 200 ? 0 : 1;
                    }
                    Thread.sleep(50);
                }
                Map<String, Object> condition = new LinkedHashMap<>();
                condition.put("queries", micros.getTotalCount());
                condition.put("p50Ms", round(micros.getValueAtPercentile(50) / 1000.0, 2));
                condition.put("p90Ms", round(micros.getValueAtPercentile(90) / 1000.0, 2));
                condition.put("p99Ms", round(micros.getValueAtPercentile(99) / 1000.0, 2));
                condition.put("errors", errors);
                out.put(busy == 0 ? "idle" : "twoBusyThreads", condition);
            } finally {
                Files.deleteIfExists(log);
            }
        }
        return out;
    }

    private Workload rebuildOnce(List<String> readModels, Duration timeout) throws IOException, InterruptedException {
        api.awaitProjections(Duration.ofMinutes(5));
        long head = -1;
        List<String> processors = new ArrayList<>();
        for (JsonNode item : api.projections()) {
            head = Math.max(head, item.path("head").asLong());
            processors.add(item.path("name").asText());
        }
        long events = head + 1;
        AtomicLong peakRss = new AtomicLong(platform.rssBytes());
        // The resident set counts the file pages QuestDB maps while it writes; the anonymous part is the heap and
        // native allocations alone.
        AtomicLong peakRssAnon = new AtomicLong(platform.rssAnonBytes());
        long cpuBefore = platform.cpuNanos();
        long compilerBefore = platform.compilerCpuNanos();
        long start = System.nanoTime();
        api.replayAll(Platform.ADMIN_KEY, readModels);
        java.util.Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        long deadline = start + timeout.toNanos();
        // Researchers keep reading while the read models rebuild: one query per poll, round the endpoints.
        List<String> queries = REBUILD_QUERIES;
        Histogram queryMicros = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        long queryErrors = 0;
        int polls = 0;
        while (seconds.size() < processors.size() && System.nanoTime() < deadline) {
            peakRss.accumulateAndGet(platform.rssBytes(), Math::max);
            peakRssAnon.accumulateAndGet(platform.rssAnonBytes(), Math::max);
            long asked = System.nanoTime();
            int status = api.get(queries.get(polls++ % queries.size())).statusCode();
            queryMicros.recordValue(Math.min(HISTOGRAM_MAX_MICROS, (System.nanoTime() - asked) / 1_000));
            if (status != 200) {
                queryErrors++;
            }
            for (JsonNode item : api.projections()) {
                String name = item.path("name").asText();
                if (processors.contains(name) && !seconds.containsKey(name) && !item.path("replaying").asBoolean()
                        && item.path("position").asLong() >= head) {
                    if (item.path("error").isTextual()) {
                        throw new IOException("the rebuild of " + name + " failed: " + item.path("error").asText());
                    }
                    seconds.put(name, round((System.nanoTime() - start) / 1e9, 2));
                }
            }
            Thread.sleep(50);
        }
        long end = System.nanoTime();
        long cpu = platform.cpuNanos() - cpuBefore;
        long compilerAfter = platform.compilerCpuNanos();
        long compiler = compilerAfter - compilerBefore;
        boolean done = seconds.size() == processors.size();
        double rate = events / ((end - start) / 1e9);
        return Workload.of("rebuild.http", "events/s", Math.round(rate))
                .target("≥ 100,000 events/s for all read models at once", done && rate >= 100_000)
                .detail("events", events)
                .detail("readModels", readModels.size())
                .detail("processors", processors.size())
                .detail("secondsUntilDone", seconds)
                .detail("logEventTimes", eventTimes() + " (the log this harness posted)")
                .detail("finished", done)
                .detail("peakRssMB", peakRss.get() / (1024 * 1024))
                .detail("peakRssAnonMB", peakRssAnon.get() / (1024 * 1024))
                .detail("platformCpuMicrosPerEvent", round(cpu / 1e3 / events, 2))
                .detail("platformCpuMicrosPerEventPerReadModel",
                        round(cpu / 1e3 / events / readModels.size(), 2))
                // A compiler thread the JVM retires takes its CPU time out of /proc: never below zero.
                .detail("compilerCpuShare", cpu > 0 && compilerBefore >= 0 && compilerAfter >= 0
                        ? round((double) Math.max(0, compiler) / cpu, 3) : null)
                .detail("queriesDuringRebuild", queryMicros.getTotalCount())
                .detail("queryErrorsDuringRebuild", queryErrors)
                .detail("queryP50MsDuringRebuild", round(queryMicros.getValueAtPercentile(50) / 1000.0, 2))
                .detail("queryP99MsDuringRebuild", round(queryMicros.getValueAtPercentile(99) / 1000.0, 2))
                .detail("how", "every processor rebuilt at once (the read models beside their live versions, the"
                        + " time-series writers in place), counted until each says it is no longer replaying and has"
                        + " reached the head; events = the log's events");
    }

    /**
     * A request encoded ahead; with {@code times}, where its events' placeholder times are, to be stamped when it
     * is sent.
     */
    private record Request(HttpSink.Prepared prepared, int[] times) {

        /** The request to send now: its placeholder times, if any, overwritten with times ending at {@code now}. */
        HttpSink.Prepared stamped(Instant now) {
            if (times != null) {
                SendTimes.stamp(prepared.body(), times, now);
            }
            return prepared;
        }
    }

    /**
     * The requests that carry {@code batch}, encoded ahead. With live times each event carries a placeholder that
     * sending replaces with the moment of sending, and the requests are posted live; otherwise the corpus's own
     * times, as a backfill.
     */
    private List<Request> encode(StreamBatch batch) {
        List<Request> requests = new ArrayList<>();
        if (!liveTimes) {
            for (HttpSink.Prepared p : sink.prepare(batch)) {
                requests.add(new Request(p, null));
            }
            return requests;
        }
        List<Envelope> placeheld = new ArrayList<>(batch.events().size());
        for (Envelope e : batch.events()) {
            placeheld.add(new Envelope(e.eventId(), e.type(), SendTimes.PLACEHOLDER, e.data()));
        }
        for (HttpSink.Prepared p : liveSink.prepare(new StreamBatch(batch.stream(), placeheld))) {
            int[] times = SendTimes.offsets(p.body());
            if (times.length != p.events()) {
                throw new IllegalStateException("found " + times.length + " event times in a request of "
                        + p.events() + " events");
            }
            requests.add(new Request(p, times));
        }
        return requests;
    }

    /** The agents' batches encoded ahead, per agent ({@link #encode}). */
    private List<List<Request>> prepare(List<List<StreamBatch>> agents) {
        List<List<Request>> out = new ArrayList<>(agents.size());
        for (List<StreamBatch> agent : agents) {
            List<Request> requests = new ArrayList<>();
            for (StreamBatch b : agent) {
                requests.addAll(encode(b));
            }
            out.add(requests);
        }
        return out;
    }

    private record Sent(long events, long requests, long errors, boolean stopped) {
    }

    /**
     * Sends every timeline, each in order, from {@code clients} threads, until done or {@code deadline}
     * (then the games in flight simply stop, as an agent's would).
     */
    private Sent send(List<List<Request>> timelines, int clients, Histogram latency, long deadline)
            throws InterruptedException {
        AtomicLong events = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        ConcurrentLinkedQueue<List<Request>> queue = new ConcurrentLinkedQueue<>(timelines);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram mine = new Histogram(HISTOGRAM_MAX_MICROS, 3);
            histograms.add(mine);
            Thread t = new Thread(() -> {
                for (List<Request> timeline = queue.poll(); timeline != null; timeline = queue.poll()) {
                    for (Request request : timeline) {
                        long t0 = System.nanoTime();
                        if (t0 > deadline) {
                            stopped.set(true);
                            return;
                        }
                        try {
                            sink.send(request.stamped(Instant.now()));
                            events.addAndGet(request.prepared().events());
                            requests.incrementAndGet();
                        } catch (SinkException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage());
                        }
                        mine.recordValue(Math.min(HISTOGRAM_MAX_MICROS, (System.nanoTime() - t0) / 1_000));
                    }
                }
            }, "ingest-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (latency != null) {
            histograms.forEach(latency::add);
        }
        if (firstError.get() != null) {
            System.out.println("  first ingest error: " + firstError.get());
        }
        return new Sent(events.get(), requests.get(), errors.get(), stopped.get());
    }

    // --- reading a 10,000-event game back ----------------------------------------------------------------------

    /** Posts the marathon game and reads its state through the API {@code reads} times. */
    public Workload reconstructHttp(List<StreamBatch> marathon, int reads) throws IOException, InterruptedException {
        for (StreamBatch b : marathon) {
            sink.send(b);
        }
        String path = "/api/v1/games/" + marathon.get(0).stream().id() + "/state";
        for (int i = 0; i < 5; i++) {
            api.get(path);
        }
        Histogram latency = new Histogram(HISTOGRAM_MAX_MICROS, 3);
        for (int i = 0; i < reads; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = api.get(path);
            latency.recordValue((System.nanoTime() - t0) / 1_000);
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        double p50 = latency.getValueAtPercentile(50) / 1000.0;
        return Workload.of("reconstruct.10k.http", "ms", round(p50, 2))
                .percentiles(round(p50, 2), round(latency.getValueAtPercentile(99) / 1000.0, 2))
                .detail("reads", reads)
                .detail("measured", "GET /api/v1/games/{id}/state of a 10,000-event game: read, decode and fold,"
                        + " plus HTTP and JSON");
    }

    public Api api() {
        return api;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
