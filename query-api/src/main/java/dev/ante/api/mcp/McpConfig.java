package dev.ante.api.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.AnteApplication;
import dev.ante.api.config.AnteProperties;
import dev.ante.mcp.AnteMcpServers;
import dev.ante.mcp.ResultLimits;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;

/**
 * The MCP server at {@code /mcp}: the SDK's stateless streamable-HTTP transport as a servlet behind the API's
 * key check (any role), answering each tool from this platform's own HTTP API with the caller's key, so that
 * every tool keeps its endpoint's validation, limits and roles.
 */
@Configuration
@ConditionalOnProperty(name = "ante.mcp.enabled", havingValue = "true", matchIfMissing = true)
class McpConfig {

    private static final String AUTHORIZATION = "authorization";

    @Bean
    LocalPlatform localPlatform(AnteProperties properties, Environment environment) {
        return new LocalPlatform(properties, environment);
    }

    @Bean
    AnteMcpServers anteMcpServers(AnteProperties properties, ObjectMapper mapper) {
        AnteProperties.Mcp mcp = properties.mcp();
        ResultLimits limits = new ResultLimits(mcp.maxRows(), (int) Math.min(Integer.MAX_VALUE,
                mcp.maxResultBytes().toBytes()), mcp.maxConcurrentCalls(), ResultLimits.DEFAULTS.maxDiffEvents());
        String version = AnteApplication.class.getPackage().getImplementationVersion();
        return new AnteMcpServers(mapper, limits, version == null ? "dev" : version);
    }

    @Bean
    HttpServletStatelessServerTransport mcpTransport(AnteMcpServers servers, AnteProperties properties) {
        return HttpServletStatelessServerTransport.builder()
                .jsonMapper(servers.json())
                .messageEndpoint("/mcp")
                .maxRequestSize((int) Math.min(Integer.MAX_VALUE, properties.mcp().maxRequestBytes().toBytes()))
                .contextExtractor(McpConfig::context)
                .build();
    }

    private static McpTransportContext context(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return McpTransportContext.create(header == null ? Map.of() : Map.of(AUTHORIZATION, header));
    }

    @Bean
    McpStatelessSyncServer mcpServer(AnteMcpServers servers, HttpServletStatelessServerTransport transport,
                                     LocalPlatform platform) {
        return servers.stateless(transport, context -> platform.as((String) context.get(AUTHORIZATION)));
    }

    @Bean
    ServletRegistrationBean<HttpServletStatelessServerTransport> mcpServlet(
            HttpServletStatelessServerTransport transport) {
        ServletRegistrationBean<HttpServletStatelessServerTransport> registration =
                new ServletRegistrationBean<>(transport, "/mcp");
        registration.setName("mcp");
        registration.setAsyncSupported(true);
        return registration;
    }
}
