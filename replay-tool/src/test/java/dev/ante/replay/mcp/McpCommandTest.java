package dev.ante.replay.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.replay.Cli;
import dev.ante.replay.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways {@code mcp} refuses to start, each a usage error (exit 2) saying what to give it instead. */
class McpCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenAKurrentDbSource_thenUsageErrorSayingWhy() {
        Cli.Result result = Cli.run("mcp", "--source", "kurrentdb://127.0.0.1:2113?tls=false");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("a KurrentDB source holds only events");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void givenADataDirectoryNoPlatformRanOn_thenUsageErrorNamingTheFileItLookedFor() {
        Cli.Result result = Cli.run("mcp", "--source", dir.toString(), "--api-key", "k");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("No platform has run on " + dir)
                .contains(dir.resolve("platform.url").toString());
    }

    @Test
    void givenAUrlWithoutAKey_thenUsageErrorNamingTheVariable() {
        Cli.Result result = Cli.run(Environment.of(Map.of()), "mcp", "--source", "http://127.0.0.1:1");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("ANTE_API_KEY");
    }

    @Test
    void givenADataDirectoryWithNeitherKeyNorKeysFile_thenUsageErrorNamingBoth() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("platform.url"), "http://127.0.0.1:1\n");
        Cli.Result result = Cli.run("mcp", "--source", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("--api-key").contains("api-keys.properties");
    }
}
