package dev.ante.api.mcp;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.support.OwnerOnlyFiles;
import dev.ante.mcp.AnteApiException;
import dev.ante.mcp.HttpAnteApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * This platform's own HTTP API as the MCP tools read it: the address its server listens on, known once the
 * server has started. The address is also written to {@code <data dir>/platform.url}, so that the replay
 * tool's stdio MCP server, given the data directory, finds the platform running on it.
 */
public class LocalPlatform {

    /** Name of the file in the data directory that holds the running platform's base URL. */
    public static final String URL_FILE = "platform.url";

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    private final AnteProperties properties;
    private final Environment environment;
    private volatile HttpAnteApi api;

    LocalPlatform(AnteProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener
    void started(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // a management server on its own port
        }
        URI base = base(event.getWebServer().getPort());
        AnteProperties.Mcp mcp = properties.mcp();
        // Room for the largest answer the API gives (a SQL result of ante.questdb.max-result-bytes) before it
        // is cut to the tool's own limit.
        api = HttpAnteApi.of(base, mcp.callTimeout(), (int) Math.min(Integer.MAX_VALUE - 8,
                properties.questdb().maxResultBytes().toBytes() + 1_048_576));
        Path file = properties.dataDir().resolve(URL_FILE);
        try {
            if (Files.isDirectory(properties.dataDir())) {
                OwnerOnlyFiles.writeAtomically(file, base + "\n");
            }
        } catch (IOException e) {
            log.warn("Could not write {}: the replay tool's MCP server will need --source {}", file, base, e);
        }
    }

    private URI base(int port) {
        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
                || environment.getProperty("server.ssl.bundle") != null;
        String host = "127.0.0.1";
        String address = environment.getProperty("server.address");
        if (address != null && !address.isBlank()) {
            try {
                InetAddress bound = InetAddress.getByName(address.trim());
                if (!bound.isAnyLocalAddress()) {
                    host = bound.getHostAddress().contains(":") ? "[" + bound.getHostAddress() + "]"
                            : bound.getHostAddress();
                }
            } catch (IOException e) {
                log.warn("server.address {} does not resolve; MCP tools read the API at 127.0.0.1", address);
            }
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port
                + (contextPath.equals("/") ? "" : contextPath));
    }

    /** The API as a caller presenting {@code authorization} (the MCP request's own header) sees it. */
    HttpAnteApi as(String authorization) {
        HttpAnteApi current = api;
        if (current == null) {
            throw new AnteApiException("the platform's HTTP server has not started yet");
        }
        return current.withAuthorization(authorization);
    }
}
