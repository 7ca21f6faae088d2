package dev.ante.api.demo;

import dev.ante.api.config.AnteProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo's agents, only when {@code ante.demo.enabled=true}. */
@Configuration
@ConditionalOnProperty(prefix = "ante.demo", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(DemoProperties.class)
public class DemoConfig {

    @Bean
    DemoAgents demoAgents(DemoProperties demo, AnteProperties ante, Environment environment) {
        return new DemoAgents(demo, ante, environment);
    }
}
