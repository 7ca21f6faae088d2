package dev.ante.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.infra.store.kurrent.KurrentStandIn;
import dev.ante.infra.store.kurrent.KurrentStreamStore;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run with {@code java -jar} as a user runs it: it has everything it needs and no Axon. */
class ReplayJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<GameEvent> events;

    @BeforeEach
    void writeGame() {
        events = RandomGames.game(new Random(5), 300, true);
        try (SqliteStreamStore store = SqliteStreamStore.open(dir.resolve("data"), Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GameId.of("jar"), events, 100);
        }
    }

    @Test
    void givenTheJar_whenHelp_thenExit0WithExitCodes() throws Exception {
        Run run = java("--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: replay-tool", "Exit codes:");
    }

    @Test
    void givenTheJar_whenGameAsJsonAtARevision_thenPrintsTheFold() throws Exception {
        Run run = java("game", "jar", "--at-revision", "150", "--format", "json", "--source", dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.out())).isEqualTo(Folds.stateJson(GameId.of("jar"), events, 150));
        assertThat(run.err()).as("nothing on stderr, not even logging").isEmpty();
    }

    @Test
    void givenTheJar_whenVerifyEventsAndDiff_thenEachRuns() throws Exception {
        String data = dir.resolve("data").toString();

        assertThat(java("verify", "--source", data).exitCode()).isZero();
        assertThat(java("events", "jar", "--limit", "3", "--source", data).out().lines()).hasSize(4);
        assertThat(java("diff", "jar", "jar", "--source", data).out()).contains("events: identical");
    }

    @Test
    void givenTheJar_whenErrors_thenTheirExitCodes() throws Exception {
        String data = dir.resolve("data").toString();

        assertThat(java("game", "ghost", "--source", data).exitCode()).isEqualTo(1);
        assertThat(java("game", "jar", "--source", "ftp://localhost/data").exitCode()).isEqualTo(2);
        assertThat(java("game").exitCode()).isEqualTo(2);
    }

    @Test
    void givenTheJar_whenGameAndVerifyOverKurrentDb_thenReadsThroughGrpc() throws Exception {
        try (KurrentStandIn standIn = KurrentStandIn.start()) {
            try (KurrentStreamStore store = KurrentStreamStore.connect(standIn.connectionString())) {
                EmbeddedStores.append(store, GameId.of("jar"), events, 100);
            }

            Run game = java("game", "jar", "--at-revision", "150", "--format", "json", "--source",
                    standIn.connectionString());
            Run verify = java("verify", "--source", standIn.connectionString());

            assertThat(game.exitCode()).as(game.toString()).isZero();
            assertThat(JSON.readTree(game.out())).isEqualTo(Folds.stateJson(GameId.of("jar"), events, 150));
            assertThat(game.err()).as("nothing on stderr, not even gRPC's logging").isEmpty();
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("verified 1 game, ");
        }
    }

    @Test
    void givenTheJar_whenKurrentDbUnreachable_thenExit1NamingIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String source = "kurrentdb://127.0.0.1:" + port + "?tls=false";

        Run run = java("game", "jar", "--source", source);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("replay-tool: source " + source + ": ");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("ante.replay.jar");
        assertThat(jar).as("system property ante.replay.jar (set by the build)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }
}
