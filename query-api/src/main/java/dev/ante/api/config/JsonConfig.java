package dev.ante.api.config;

import dev.ante.api.ingest.IngestJson;
import dev.ante.infra.codec.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JSON readers: a strict one for what agents send, the codec for what the store holds. */
@Configuration
public class JsonConfig {

    @Bean
    IngestJson ingestJson() {
        return IngestJson.strict();
    }

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
