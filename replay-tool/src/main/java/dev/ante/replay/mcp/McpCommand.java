package dev.ante.replay.mcp;

import dev.ante.mcp.AnteMcpServers;
import dev.ante.mcp.HttpAnteApi;
import dev.ante.mcp.ResultLimits;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.SourceSpec;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mcp}: Ante's MCP server on stdin/stdout, for desktop MCP clients that start their servers as
 * processes. Its tools are the platform's, answered by the running platform's HTTP API.
 */
@Command(name = "mcp",
        mixinStandardHelpOptions = true,
        description = {
            "Serves Ante's MCP tools and resources over stdio (standard input and output carry the protocol; "
                    + "messages go to standard error) until standard input closes. The tools read a running "
                    + "platform's HTTP API:",
            "  --source http://host:8080  that platform, with --api-key or $ANTE_API_KEY;",
            "  --source <data dir>        the platform running on that directory (it writes its address to "
                    + "platform.url there), with the key given, else the directory's researcher key.",
            "KurrentDB sources hold events only, not the read models the tools answer from."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {"0:standard input closed", ReplayTool.EXIT_USAGE})
public final class McpCommand implements Callable<Integer> {

    /** The file in a data directory naming the running platform's base URL. */
    static final String URL_FILE = "platform.url";
    /** The generated API keys file in a data directory. */
    static final String KEYS_FILE = "api-keys.properties";

    @ParentCommand
    ReplayTool tool;

    @Mixin
    SourceOptions sourceOptions;

    @Override
    public Integer call() throws InterruptedException {
        SourceSpec source = sourceOptions.spec(tool);
        String key = sourceOptions.apiKey(tool);
        URI base;
        if (source instanceof SourceSpec.Url url) {
            base = url.uri();
            if (key == null) {
                throw usage("A URL source needs an API key: pass --api-key or set " + SourceOptions.API_KEY_VARIABLE
                        + ".");
            }
        } else if (source instanceof SourceSpec.DataDir dir) {
            base = platformUrl(dir.dir());
            if (key == null) {
                key = directoryKey(dir.dir());
            }
        } else {
            throw usage("The MCP tools answer from a running platform's read models and time series; a KurrentDB "
                    + "source holds only events. Pass --source http://host:port, or the platform's data directory.");
        }

        HttpAnteApi api = HttpAnteApi.of(base, Duration.ofSeconds(30), 16 * 1024 * 1024).withKey(key);
        AnteMcpServers servers = new AnteMcpServers(tool.apiJson(), ResultLimits.DEFAULTS, version());
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ended(super.read(buffer, offset, length));
            }

            private int ended(int n) {
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
        PrintStream err = System.err;
        err.println("Ante MCP server on stdio, answering from " + base);
        McpSyncServer server = servers.session(new StdioServerTransportProvider(servers.json(), in, System.out),
                api);
        closed.await();
        server.closeGracefully();
        return ReplayTool.OK;
    }

    private URI platformUrl(Path dir) {
        Path file = dir.resolve(URL_FILE);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return URI.create(text);
        } catch (NoSuchFileException e) {
            throw usage("No platform has run on " + dir + " (there is no " + file + "): start it on that directory, "
                    + "or pass --source http://host:port.");
        } catch (IOException | IllegalArgumentException e) {
            throw usage("Cannot read the platform's address from " + file + ": " + e.getMessage());
        }
    }

    private String directoryKey(Path dir) {
        Path file = dir.resolve(KEYS_FILE);
        Properties keys = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            keys.load(reader);
        } catch (IOException e) {
            throw usage("No API key: pass --api-key or set " + SourceOptions.API_KEY_VARIABLE + " (" + file
                    + " cannot be read: " + e.getMessage() + ").");
        }
        for (String role : List.of("researcher", "agent", "admin")) {
            String value = keys.getProperty(role);
            if (value != null) {
                for (String candidate : value.split(",")) {
                    if (!candidate.isBlank()) {
                        return candidate.trim();
                    }
                }
            }
        }
        throw usage("No API key: pass --api-key or set " + SourceOptions.API_KEY_VARIABLE + " (" + file
                + " holds none).");
    }

    private ParameterException usage(String message) {
        return new ParameterException(sourceOptions.commandLine(), message);
    }

    private static String version() {
        String version = McpCommand.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
