package dev.ante.api.config;

import dev.ante.infra.store.StreamStore;
import dev.ante.infra.store.kurrent.KurrentStoreOptions;
import dev.ante.infra.store.kurrent.KurrentStreamStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The production event store: a KurrentDB/EventStoreDB server. Startup fails, naming the server and the
 * reason, when it cannot be reached or refuses the credentials.
 */
@Configuration
@ConditionalOnProperty(name = "ante.event-store.backend", havingValue = "kurrentdb")
public class KurrentStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(KurrentStoreConfig.class);

    @Bean(destroyMethod = "close")
    StreamStore streamStore(AnteProperties properties,
                            @Value("${ante.retention.archive-after:}") String archiveAfter) {
        if (!archiveAfter.isBlank()) {
            throw new IllegalStateException("ante.retention.archive-after archives the embedded event store; with"
                    + " KurrentDB, keep or trim streams with its own stream metadata ($maxAge) and scavenging");
        }
        AnteProperties.EventStore config = properties.eventStore();
        String url = config.kurrentdbUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ante.event-store.kurrentdb-url is required when "
                    + "ante.event-store.backend=kurrentdb (e.g. kurrentdb://host:2113?tls=false)");
        }
        KurrentStoreOptions options = KurrentStoreOptions.defaults();
        if (config.kurrentdbUser() != null && !config.kurrentdbUser().isBlank()) {
            options = options.withCredentials(config.kurrentdbUser(),
                    config.kurrentdbPassword() == null ? "" : config.kurrentdbPassword());
        }
        String shown = redacted(url);
        KurrentStreamStore store;
        try {
            // connect() reads the end of the log once, so an unreachable server or refused credentials fail here.
            store = KurrentStreamStore.connect(url, options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("KurrentDB at " + shown + " cannot be used: " + e.getMessage(), e);
        }
        log.info("Event store: KurrentDB at {}", shown);
        return store;
    }

    /** The connection string without a password that may be embedded in it. */
    static String redacted(String url) {
        return url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }
}
