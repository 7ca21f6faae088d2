package dev.ante.api.config;

import dev.ante.api.security.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The last lines of the start log: where to go next, so that a first start explains itself. */
@Component
class StartupGuide {

    private static final Logger log = LoggerFactory.getLogger(StartupGuide.class);

    private final AnteProperties properties;
    private final Environment environment;

    StartupGuide(AnteProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void ready() {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080")
                + environment.getProperty("server.servlet.context-path", "");
        AnteProperties.Security security = properties.security();
        boolean configuredKeys = !security.agentKeys().isEmpty() || !security.researcherKeys().isEmpty()
                || !security.adminKeys().isEmpty();
        String keys = configuredKeys ? "the keys configured in ante.security.*"
                : "a key from " + properties.dataDir().resolve(ApiKeys.FILE_NAME).toAbsolutePath();
        log.info("Ante is ready. Dashboard: {}/ (sign in with {}). Post events: POST {}/api/v1/games/<gameId>/events "
                + "with 'Authorization: Bearer <agent key>'. MCP: {}/mcp. Docs: README.md and docs/ in the "
                + "repository; OpenAPI: {}/v3/api-docs.{}", base, keys, base, base, base,
                environment.getProperty("ante.demo.enabled", Boolean.class, false) ? ""
                        : " To watch simulated agents play, start again with --demo.");
    }
}
