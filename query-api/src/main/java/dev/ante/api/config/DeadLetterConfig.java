package dev.ante.api.config;

import dev.ante.projections.ProjectionNames;
import dev.ante.projections.support.ReadModelBatch;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parks what a processor cannot handle, instead of retrying it forever: an event whose handler fails goes
 * to a JDBC-backed sequenced dead-letter queue (table {@code dead_letter_entry}, beside the tokens, in the
 * processor's transaction); later events of the same stream wait behind it and every other stream flows on.
 * A replay clears the processor's dead letters. Every read model and both time-series writers park. The read
 * models write at commit, so a batch that fails to write is retried event by event to find the event to park
 * ({@link ReadModelBatch}). Failures of a whole batch (QuestDB or the database unreachable) are not
 * dead-lettered: the batch is retried from the token.
 */
@Configuration
public class DeadLetterConfig {

    /** The processors whose failed events are parked: every read model and both time-series writers. */
    public static final List<String> PROCESSORS = Stream.concat(ProjectionNames.ALL.stream(),
            Stream.of(GameSeriesProjection.NAME, LearningSeriesProjection.NAME)).toList();

    /** Axon's dead-letter table, in the snake case of the rest of the schema (V4 migration). */
    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("event_timestamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    ConfigurerModule deadLetterQueues(ConnectionProvider connections, TransactionManager transactions,
                                           Serializer serializer,
                                           @Qualifier("eventSerializer") Serializer eventSerializer) {
        return configurer -> {
            for (String processor : PROCESSORS) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(processor, c -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(processor)
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(schema())
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .build())
                        // Whether a stream has parked events is remembered in memory, so the ordinary
                        // path costs no query per event.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(processor,
                                (c, builder) -> builder.enableSequenceIdentifierCache().allowReset(true));
            }
        };
    }
}
