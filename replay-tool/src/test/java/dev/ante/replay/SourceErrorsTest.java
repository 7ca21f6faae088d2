package dev.ante.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a source can be wrong, and the exit code each one gets. */
class SourceErrorsTest {

    @TempDir
    Path dir;

    @Test
    void givenNothingListening_whenGameOverKurrentDb_thenExit1NamingTheSourceAndTheReason() throws IOException {
        String source = "kurrentdb://127.0.0.1:" + closedPort() + "?tls=false";

        Cli.Result result = Cli.run("game", "g-1", "--source", source);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("replay-tool: source " + source + ": ")
                .contains("cannot connect")
                .doesNotContain("Usage:");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void givenNothingListeningAndCredentials_whenVerifyOverKurrentDb_thenExit1WithThePasswordRedacted()
            throws IOException {
        int port = closedPort();

        Cli.Result result = Cli.run("verify", "--source", "esdb://admin:changeit@127.0.0.1:" + port + "?tls=false");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("replay-tool: source esdb://***@127.0.0.1:" + port + "?tls=false: ")
                .doesNotContain("changeit");
    }

    @Test
    void givenMalformedKurrentDbConnectionString_whenGame_thenExit1NamingTheSourceAndTheReason() {
        Cli.Result result = Cli.run("game", "g-1", "--source", "kurrentdb://admin:changeit@127.0.0.1:notaport");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).startsWith("replay-tool: source kurrentdb://***@127.0.0.1:notaport: ")
                .contains("not a valid KurrentDB connection string")
                .doesNotContain("changeit");
    }

    @Test
    void givenUnknownScheme_whenGame_thenExit2WithUsage() {
        Cli.Result result = Cli.run("game", "g-1", "--source", "ftp://example.org/data");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown kind of source 'ftp://'", "Usage: replay-tool game");
    }

    @Test
    void givenUrlWithoutApiKey_whenGame_thenExit2AskingForOne() {
        Cli.Result result = Cli.run("game", "g-1", "--source", "http://127.0.0.1:8080");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("A URL source needs an API key: pass --api-key or set ANTE_API_KEY",
                "Usage: replay-tool game");
    }

    @Test
    void givenNothingListening_whenGameOverUrl_thenExit1NamingTheSourceAndTheReason() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        Cli.Result result = Cli.run(Environment.of(Map.of(SourceOptions.API_KEY_VARIABLE, "some-key")),
                "game", "g-1", "--source", url);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("replay-tool: source " + url + ": cannot connect: nothing answers at ");
    }

    @Test
    void givenServerThatIsNotAnte_whenGameOverUrl_thenExit1SayingSo() throws IOException {
        HttpServer server = notAnte();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();

            Cli.Result game = Cli.run("game", "g-1", "--source", url, "--api-key", "k");
            Cli.Result verify = Cli.run("verify", "--source", url, "--api-key", "k");

            assertThat(game.exitCode()).isEqualTo(1);
            assertThat(game.err()).contains("source " + url + ": GET /api/v1/games/g-1/events?fromRevision=0&limit=1000 "
                    + "answered 404", "is " + url + " the base URL of an Ante API?");
            assertThat(verify.exitCode()).isEqualTo(1);
            assertThat(verify.err()).contains("source " + url + ": this server cannot list its games");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givenDirectoryThatDoesNotExist_whenGame_thenExit1NamingIt() {
        Path missing = dir.resolve("missing");

        Cli.Result result = Cli.run("game", "g-1", "--source", missing.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: source " + missing + ": no such directory\n");
    }

    @Test
    void givenDirectoryWithoutEventStore_whenVerify_thenExit1NamingIt() {
        Cli.Result result = Cli.run("verify", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("source " + dir + ": no event store at " + dir.resolve("events.db"));
    }

    @Test
    void givenFileInsteadOfDirectory_whenGame_thenExit1() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello");

        Cli.Result result = Cli.run("game", "g-1", "--source", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("source " + file + ": not a directory");
    }

    @Test
    void givenEventStoreThatIsNotADatabase_whenGame_thenExit1NamingTheSource() throws IOException {
        Files.write(dir.resolve("events.db"), "this is not SQLite".repeat(100).getBytes(UTF_8));

        Cli.Result result = Cli.run("game", "g-1", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("replay-tool: source " + dir + ": ");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpServer notAnte() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html><body>Not Found</body></html>".getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void givenNoDataDirectoryButADemoOne_whenGame_thenTheMessageNamesTheDemoDirectory() throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("data-demo"));

        Cli.Result result = Cli.run("game", "g-1", "--source", dir.resolve("data").toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("replay-tool: source " + dir.resolve("data") + ": no such directory; a --demo "
                + "run keeps its data in " + dir.resolve("data-demo") + ": pass --source " + dir.resolve("data-demo") + "\n");
    }
}
