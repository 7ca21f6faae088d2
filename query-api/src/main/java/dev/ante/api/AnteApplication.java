package dev.ante.api;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.demo.DemoMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Ante: the event-sourced analytics platform for agents that learn to play Balatro. */
@SpringBootApplication(scanBasePackages = "dev.ante")
@EnableConfigurationProperties(AnteProperties.class)
public class AnteApplication {

    public static void main(String[] args) {
        // The platform runs on closed networks and must not phone home.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(AnteApplication.class, DemoMode.arguments(args));
    }
}
