package dev.ante.api.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.IncomingEvent;
import dev.ante.domain.catalog.EventCatalog;
import dev.ante.domain.strategy.StrategyRetired;
import dev.ante.infra.codec.EventCodec;
import dev.ante.simulator.Envelope;
import dev.ante.simulator.Simulation;
import dev.ante.simulator.SimulationConfig;
import dev.ante.simulator.StreamBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The event serializer writes and reads with the codec's mapper; stores written before, when Axon's
 * Spring Boot support built it over Spring's web mapper, hold exactly the bytes it writes now.
 */
class EventSerializerTest {

    private final EventCodec codec = new EventCodec();
    private final Serializer serializer = new JsonConfig().eventSerializer(codec, new AnnotationRevisionResolver());

    @Test
    void givenTheEventSerializer_whenBuilt_thenItsMapperIsTheCodecs() {
        assertThat(serializer).isInstanceOfSatisfying(JacksonSerializer.class,
                jackson -> assertThat(jackson.getObjectMapper()).isSameAs(codec.mapper()));
    }

    @Test
    void givenEveryCatalogType_whenSerialized_thenTheBytesAreWhatSpringsMapperWroteAndBothRead() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("spring.jackson.default-property-inclusion=always")
                .run(context -> {
                    ObjectMapper web = context.getBean(ObjectMapper.class);
                    Serializer before = JacksonSerializer.builder().objectMapper(web).build();
                    Set<String> types = new TreeSet<>();
                    for (StreamBatch batch : Simulation.of(SimulationConfig.of(7, 3, 40))) {
                        for (Envelope envelope : batch.events()) {
                            types.add(envelope.type());
                            assertSameBytesAndReadBack(envelope.data(), before);
                            MetaData metaData =
                                    MetaData.with(IncomingEvent.OCCURRED_AT, envelope.occurredAt().toString());
                            assertThat(text(serializer.serialize(metaData, byte[].class)))
                                    .isEqualTo(text(before.serialize(metaData, byte[].class)));
                        }
                    }
                    // The simulated agents never retire a strategy: with a reason and without one.
                    for (StrategyRetired retired
                            : List.of(new StrategyRetired("superseded"), new StrategyRetired(null))) {
                        types.add(EventCatalog.nameOf(StrategyRetired.class));
                        assertSameBytesAndReadBack(retired, before);
                    }
                    assertThat(types).containsAll(Arrays.stream(EventCatalog.values())
                            .flatMap(catalog -> catalog.typeNames().stream()).toList());
                });
    }

    private void assertSameBytesAndReadBack(Object data, Serializer before) throws Exception {
        SerializedObject<byte[]> now = serializer.serialize(data, byte[].class);
        SerializedObject<byte[]> then = before.serialize(data, byte[].class);
        assertThat(text(now)).isEqualTo(text(then));
        assertThat(now.getType()).isEqualTo(then.getType());
        Object read = serializer.deserialize(new SimpleSerializedObject<>(then.getData(), byte[].class,
                new SimpleSerializedType(data.getClass().getName(), null)));
        assertThat(read).isEqualTo(data);
        assertThat(codec.mapper().readValue(now.getData(), data.getClass())).isEqualTo(data);
    }

    private static String text(SerializedObject<byte[]> serialized) {
        return new String(serialized.getData(), UTF_8);
    }
}
