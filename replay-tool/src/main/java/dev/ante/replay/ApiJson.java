package dev.ante.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The JSON settings of the platform's API, so that {@code --format json} prints what the API answers:
 * Spring Boot's defaults (the Java 8, java.time and parameter-names modules, ISO-8601 dates rather than
 * timestamps, unknown properties ignored, no default view inclusion) and the platform's
 * {@code spring.jackson.default-property-inclusion: always}, which writes nulls.
 */
public final class ApiJson {

    private ApiJson() {
    }

    /** A new mapper with the API's settings. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule())
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }
}
