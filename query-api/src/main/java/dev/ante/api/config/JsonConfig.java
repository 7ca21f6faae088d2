package dev.ante.api.config;

import dev.ante.api.ingest.IngestJson;
import dev.ante.infra.codec.EventCodec;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JSON readers: a strict one for what agents send, and the codec's for what the store holds, which
 * Axon's event serializer writes and reads with too. Neither is an ObjectMapper bean, so Spring's own
 * mapper stays the web layer's (and that of Axon's general and message serializers).
 */
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

    /**
     * Axon's event serializer over the codec's mapper, so that stored events are written and read back with
     * the one mapper {@link EventCodec#defaultMapper()} defines. Axon's Spring Boot support would otherwise
     * build it over Spring's web mapper; revisions and converters are as it would set them.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(EventCodec codec, RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(JsonConfig.class.getClassLoader()))
                .objectMapper(codec.mapper())
                .build();
    }
}
