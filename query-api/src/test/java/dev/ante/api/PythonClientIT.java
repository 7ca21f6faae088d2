package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python client in {@code clients/python} against this platform: its whole unittest suite (its own logic
 * and, with {@code ANTE_URL} set, the real platform), then the package installed into a fresh virtual
 * environment the way a user installs it and its example agent posting a game the read models then show.
 *
 * <p>The interpreter is {@code $ANTE_TEST_PYTHON}, else {@code python3}; without one (3.9 or newer) the tests
 * are skipped, saying so. Installing needs {@code setuptools} and {@code wheel} in that interpreter (Debian's
 * {@code python3-setuptools} and {@code python3-wheel}, which {@code .ci/run} installs): nothing is downloaded.
 */
class PythonClientIT extends SimulatedPlatformTestBase {

    private static final Path CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private String python;

    @BeforeEach
    void platformAndPython() throws Exception {
        simulatedGames();
        python = System.getenv().getOrDefault("ANTE_TEST_PYTHON", "python3");
        Run version = run(List.of(python, "-c", "import sys; print(sys.version_info >= (3, 9))"), CLIENT, Map.of());
        assumeTrue(version.exit() == 0 && version.out().strip().equals("True"),
                "no Python 3.9+ as '" + python + "' (set ANTE_TEST_PYTHON): the Python client is not tested");
    }

    @Test
    void givenThePlatform_whenTheClientsUnittestsRun_thenAllPassNoneSkipped() throws Exception {
        Run tests = run(List.of(python, "-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"), CLIENT,
                Map.of("ANTE_URL", "http://127.0.0.1:" + port, "ANTE_AGENT_KEY", "agent-key",
                        "ANTE_RESEARCHER_KEY", "researcher-key", "PYTHONDONTWRITEBYTECODE", "1"));
        assertThat(tests.exit()).as(tests.out()).isZero();
        assertThat(tests.out()).as(tests.out()).contains("test_two_writers_on_one_game_each_land_every_event_once")
                .doesNotContain("skipped '").containsPattern("Ran \\d+ tests");
    }

    @Test
    void givenTheInstalledPackage_whenTheExampleAgentPlays_thenTheReadModelsShowItsGame() throws Exception {
        Run tools = run(List.of(python, "-c", "import setuptools, wheel, venv, ensurepip"), CLIENT, Map.of());
        assumeTrue(tools.exit() == 0, "'" + python + "' lacks setuptools, wheel or venv (Debian: python3-setuptools "
                + "python3-wheel python3-venv): installing the Python client is not tested");
        // A copy, so that building leaves nothing in the source tree.
        Path source = work.resolve("src");
        copy(CLIENT, source);
        Path venv = work.resolve("venv");
        Run created = run(List.of(python, "-m", "venv", "--system-site-packages", venv.toString()), work, Map.of());
        assertThat(created.exit()).as(created.out()).isZero();
        Run installed = run(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index",
                "--no-build-isolation", source.toString()), work, Map.of("PIP_DISABLE_PIP_VERSION_CHECK", "1"));
        assertThat(installed.exit()).as(installed.out()).isZero();

        String agent = "py-example-" + UUID.randomUUID().toString().substring(0, 8);
        Run played = run(List.of(venv.resolve("bin/ante-random-agent").toString(), "--url",
                "http://127.0.0.1:" + port, "--key", "agent-key", "--games", "1", "--seed", "11", "--prefix", agent,
                "--agent", agent), work, Map.of());
        assertThat(played.exit()).as(played.out()).isZero();
        String line = played.out().strip();
        String gameId = line.substring(0, line.indexOf(':'));
        String status = line.substring(line.indexOf(':') + 2, line.indexOf(' ', line.indexOf(':') + 2));

        JsonNode state = http.get("/api/v1/games/" + gameId + "/state", "researcher-key").json();
        assertThat(state.get("status").asText()).isEqualTo(status).isIn("WON", "LOST");
        long head = http.get("/api/v1/projections", "researcher-key").json().get("items").get(0).get("head").asLong();
        JsonNode listed = http.get("/api/v1/games?agentId=" + agent + "&minPosition=" + head, "researcher-key").json();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("gameId").asText()).isEqualTo(gameId);
        assertThat(listed.get("items").get(0).get("status").asText()).isEqualTo(status);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Run(-2, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(p -> !p.toString().contains("__pycache__") && !p.toString().contains(".egg-info")
                    && !from.relativize(p).startsWith("build")).forEach(files::add);
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isDirectory(file)) {
                Files.createDirectories(target);
            } else {
                Files.copy(file, target);
            }
        }
    }
}
