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
    void givenTheJar_whenExport_thenParquetFilesWithTheGamesRowsAndNothingOnStderr() throws Exception {
        Path export = dir.resolve("export");

        Run run = java("export", "--source", dir.resolve("data").toString(), "--output", export.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).as("nothing on stderr, not even logging").isEmpty();
        assertThat(run.out()).contains("exported 1 of 1 game read from",
                String.format(java.util.Locale.ROOT, "events.parquet         %,d rows", events.size()));
        assertThat(export.resolve("hands.parquet")).isRegularFile();
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

    @Test
    void givenTheLauncher_whenRunTwice_thenTheFirstRecordsAnArchiveTheSecondUsesItAndBothAnswerAsTheJar()
            throws Exception {
        Path jarCopy = dir.resolve("bin-test/replay-tool.jar");
        Files.createDirectories(jarCopy.getParent());
        Files.copy(Path.of(System.getProperty("ante.replay.jar")), jarCopy);
        String data = dir.resolve("data").toString();
        Run plain = java("game", "jar", "--at-revision", "150", "--format", "json", "--source", data);

        Run failing = launcher(jarCopy, "on", "game", "missing", "--source", data);
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(archives(jarCopy)).as("no archive from a failed run").isEmpty();

        Run first = launcher(jarCopy, "on", "game", "jar", "--at-revision", "150", "--format", "json", "--source", data);
        assertThat(archives(jarCopy)).hasSize(1);
        Run second = launcher(jarCopy, "on", "game", "jar", "--at-revision", "150", "--format", "json", "--source", data);

        for (Run run : List.of(first, second)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).isEqualTo(plain.out());
            assertThat(run.err()).isEmpty();
        }
        assertThat(archives(jarCopy)).hasSize(1);
    }

    @Test
    void givenTheLauncherWithSharingOff_whenRun_thenPlainJavaJarAndNoArchive() throws Exception {
        Path jarCopy = dir.resolve("bin-off/replay-tool.jar");
        Files.createDirectories(jarCopy.getParent());
        Files.copy(Path.of(System.getProperty("ante.replay.jar")), jarCopy);

        Run run = launcher(jarCopy, "off", "--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: replay-tool");
        assertThat(archives(jarCopy)).isEmpty();
    }

    private static List<Path> archives(Path jar) throws IOException {
        try (var files = Files.list(jar.getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    /** Runs {@code replay-tool/bin/replay-tool} as a user does, on {@code jar}. */
    private Run launcher(Path jar, String sharing, String... args) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("ante.replay.jar")).getParent().resolve("../bin/replay-tool")
                .normalize();
        assertThat(script).isRegularFile();
        List<String> command = new ArrayList<>(List.of("sh", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("REPLAY_TOOL_JAR", jar.toString());
        builder.environment().put("REPLAY_TOOL_CDS", sharing);
        return run(builder);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("ante.replay.jar");
        assertThat(jar).as("system property ante.replay.jar (set by the build)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    private Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }
}
