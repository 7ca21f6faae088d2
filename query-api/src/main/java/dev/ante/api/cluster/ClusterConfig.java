package dev.ante.api.cluster;

import dev.ante.api.read.Rebuilds;
import dev.ante.api.read.TokenTable;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What several instances sharing one read-model database need: a name for this one, the stored tokens, and
 * the balancer that splits the processors between them ({@link ProcessorBalancer}).
 */
@Configuration
public class ClusterConfig {

    /**
     * This instance's name as a token owner: the configured {@code ante.read-models.token-owner}, else Axon's
     * own default, {@code pid@host}.
     */
    @Bean
    @Qualifier("instanceId")
    String instanceId(@Value("${ante.read-models.token-owner:}") String owner) {
        return owner.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : owner;
    }

    @Bean
    TokenTable tokenTable(JdbcTemplate jdbc, Serializer serializer,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return new TokenTable(jdbc, serializer, claimTimeout, Duration.ofMillis(200), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "ante.scale-out.balance", havingValue = "true", matchIfMissing = true)
    ProcessorBalancer processorBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, TokenTable tokens,
                                        Rebuilds rebuilds, @Qualifier("instanceId") String instanceId,
                                        @Value("${ante.scale-out.interval:2s}") Duration interval,
                                        @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration liveness,
                                        @Value("${ante.scale-out.release-for:15s}") Duration releaseFor) {
        return new ProcessorBalancer(jdbc, processing, tokens, rebuilds, instanceId, interval, liveness, releaseFor,
                Clock.systemUTC());
    }
}
