package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.infra.codec.EventCodec;

/**
 * The strict mapper for what agents send: duplicate keys and trailing content are errors, since either
 * would make the stored event differ from what the agent meant. Kept out of the context as a plain
 * ObjectMapper bean so Spring's own mapper stays the web layer's.
 */
public record IngestJson(ObjectMapper mapper) {

    public static IngestJson strict() {
        return new IngestJson(EventCodec.defaultMapper().copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }
}
