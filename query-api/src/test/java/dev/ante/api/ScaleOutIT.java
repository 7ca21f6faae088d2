package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.infra.store.kurrent.KurrentStandIn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Ante instances as separate processes sharing one KurrentDB (the stand-in, served on a port by this
 * test) and one PostgreSQL: the read-model processors split between them, every event is counted once
 * whichever instance took it in, a replay or a dead-letter retry sent to the instance that does not hold the
 * processor is refused,
 * and when one instance is killed the other takes its processors and catches up.
 */
@EnabledIfEnvironmentVariable(named = "ANTE_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "ANTE_TEST_POSTGRES_URL is not set; .ci/postgres.sh starts a PostgreSQL and prints one")
class ScaleOutIT {

    private static final String SCHEMA = "ante_scale_out";
    private static final List<String> READ_MODELS = List.of("ante-stats", "game-summaries", "jokers", "strategies",
            "synergies", "winning");
    private static final String KEY = "agent-key";
    private static final String ADMIN = "admin-key";

    @TempDir
    Path dir;

    private final Map<String, List<JsonNode>> posted = new TreeMap<>();

    @Test
    void givenTwoInstances_whenGamesArriveAtBoth_thenTheySplitTheWorkAndTheSurvivorTakesAllOfItOver() throws Exception {
        String postgres = emptySchema(System.getenv("ANTE_TEST_POSTGRES_URL"));
        try (KurrentStandIn kurrent = KurrentStandIn.start()) {
            Instance a = Instance.start(dir, "instance-a", kurrent, postgres);
            Instance b = null;
            try {
                a.awaitUp();
                awaitClaims(a, "instance-a holds every read model", held -> held.get("instance-a") == 6);
                b = Instance.start(dir, "instance-b", kurrent, postgres);
                b.awaitUp();
                Map<String, Integer> split = awaitClaims(a, "the read models split 3 and 3",
                        held -> held.getOrDefault("instance-a", 0) == 3 && held.getOrDefault("instance-b", 0) == 3);
                assertThat(split).hasSize(2);

                for (int i = 0; i < 12; i++) {
                    post(i % 2 == 0 ? a : b, "so-" + i);
                }
                awaitCaughtUp(a);
                awaitCaughtUp(b);
                expected().checkAll(a.http, KEY);
                expected().checkAll(b.http, KEY);

                // A replay moves the processor's token: only the instance holding it may start one.
                String heldByA = holders(a).entrySet().stream().filter(e -> e.getValue().contains("instance-a"))
                        .map(Map.Entry::getKey).findFirst().orElseThrow();
                Http.Response refused = b.http.postJson("/api/v1/admin/projections/" + heldByA + "/replay", ADMIN,
                        Map.of());
                assertThat(refused.status()).as(refused.text()).isEqualTo(409);
                assertThat(refused.json().get("detail").asText()).contains("instance-a");
                Http.Response retry = b.http.postJson("/api/v1/admin/dead-letters/" + heldByA + "/retry", ADMIN,
                        Map.of());
                assertThat(retry.status()).as(retry.text()).isEqualTo(409);

                a.process.destroyForcibly();
                assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                for (int i = 12; i < 20; i++) {
                    post(b, "so-" + i);
                }
                awaitClaims(b, "instance-b holds every read model once instance-a's claims time out",
                        held -> held.getOrDefault("instance-b", 0) == 6 && held.size() == 1);
                awaitCaughtUp(b);
                expected().checkAll(b.http, KEY);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- instance-a (last lines) ---\n" + a.tail()
                        + (b == null ? "" : "\n--- instance-b (last lines) ---\n" + b.tail()), e);
            } finally {
                a.stop();
                if (b != null) {
                    b.stop();
                }
            }
        }
    }

    private void post(Instance instance, String gameId) {
        RandomGames.Game game = RandomGames.generate(gameId, 1, gameId.hashCode()).get(0);
        Http.Response r = instance.http.postJson("/api/v1/games/" + gameId + "/events?backfill=true", KEY,
                game.events());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        posted.put(gameId, ExpectedReadModels.tree(game.events()));
    }

    private ExpectedReadModels expected() {
        return new ExpectedReadModels(new LinkedHashMap<>(posted), Map.of());
    }

    /** Each read model's instances holding a claim, as an instance reports them. */
    private static Map<String, List<String>> holders(Instance instance) {
        Map<String, List<String>> holders = new TreeMap<>();
        for (JsonNode item : instance.http.get("/api/v1/projections", KEY).json().get("items")) {
            List<String> owners = new ArrayList<>();
            item.get("claimedBy").forEach(owner -> owners.add(owner.asText()));
            holders.put(item.get("name").asText(), owners);
        }
        return holders;
    }

    /** Waits until the count of read models each instance holds passes {@code check}; each held once. */
    private static Map<String, Integer> awaitClaims(Instance instance, String what, Predicate<Map<String, Integer>> check)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, List<String>> holders = Map.of();
        while (System.nanoTime() < deadline) {
            holders = holders(instance);
            Map<String, Integer> held = new TreeMap<>();
            boolean eachOnce = true;
            for (String name : READ_MODELS) {
                List<String> owners = holders.getOrDefault(name, List.of());
                eachOnce &= owners.size() == 1;
                owners.forEach(owner -> held.merge(owner, 1, Integer::sum));
            }
            if (eachOnce && check.test(held)) {
                return held;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within 90 s: " + what + "; claims: " + holders);
    }

    /** Waits until every read model has passed the log's head, asking with minPosition as a client would. */
    private static void awaitCaughtUp(Instance instance) {
        long head = instance.http.get("/api/v1/projections", KEY).json().get("items").get(0).get("head").asLong();
        for (String endpoint : List.of("/api/v1/games?limit=1", "/api/v1/synergies?limit=1", "/api/v1/jokers?limit=1",
                "/api/v1/strategies/leaderboard?limit=1", "/api/v1/strategies/winning-builds?limit=1",
                "/api/v1/stats/antes")) {
            Http.Response r = instance.http.get(endpoint + (endpoint.contains("?") ? "&" : "?") + "minPosition=" + head,
                    KEY);
            assertThat(r.status()).as(endpoint).isEqualTo(200);
            assertThat(r.headers().firstValue("Ante-Position-Not-Reached")).as(endpoint + " at " + head).isEmpty();
        }
    }

    /** A schema of its own in the test database, emptied, named in the URL so that Flyway builds it. */
    private static String emptySchema(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            st.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test schema at " + url, e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    /** One platform process. */
    private static final class Instance {

        final Process process;
        final Http http;
        final Path log;

        private Instance(Process process, Http http, Path log) {
            this.process = process;
            this.http = http;
            this.log = log;
        }

        static Instance start(Path dir, String name, KurrentStandIn kurrent, String postgres) throws Exception {
            int port = ChildPlatforms.freePort();
            Path log = dir.resolve(name + ".log");
            Process process = ChildPlatforms.start(log, List.of("--server.port=" + port,
                    "--ante.data-dir=" + dir.resolve(name), "--ante.security.agent-keys=" + KEY,
                    "--ante.security.admin-keys=" + ADMIN, "--ante.questdb.mode=disabled",
                    "--ante.event-store.backend=kurrentdb",
                    "--ante.event-store.kurrentdb-url=" + kurrent.connectionString(),
                    "--spring.datasource.url=" + postgres, "--spring.datasource.username=",
                    "--ante.read-models.token-owner=" + name));
            return new Instance(process, new Http(port), log);
        }

        void awaitUp() throws InterruptedException {
            ChildPlatforms.awaitUp(http, process);
        }

        String tail() {
            return ChildPlatforms.tail(log, 40);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
