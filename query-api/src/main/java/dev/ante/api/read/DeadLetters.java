package dev.ante.api.read;

import dev.ante.api.error.NotFoundException;
import dev.ante.projections.support.ReadModelBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The events processors have parked: listed, retried, and discarded one stream's blocking event at a time.
 * A parked event holds back the later events of its stream (they are parked behind it); every other stream
 * flows on.
 */
@Component
public class DeadLetters {

    /**
     * One parked event.
     *
     * @param sequence the stream the event holds back, as the queue names it: what {@code discard} takes
     * @param index    its place in that sequence (0: the event that failed; later ones wait behind it)
     */
    public record Letter(String processor, String sequence, long index, String eventId, String type,
                         String aggregateId, Long revision, String causeType, String cause, Instant enqueuedAt,
                         Instant lastTouched) {
    }

    /** What a retry or discard did: letters processed, discarded, and still parked in the processor. */
    public record Outcome(String processor, int sequencesRetried, int sequencesCleared, int discarded,
                          long stillParked) {
    }

    private final EventProcessingConfiguration processing;

    public DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Up to {@code limit} parked events, processor by processor, each sequence in order. */
    public List<Letter> list(String processor, int limit) {
        List<Letter> letters = new ArrayList<>();
        for (String name : processor == null ? processing.eventProcessors().keySet() : List.of(processor)) {
            var queue = processing.deadLetterQueue(name);
            if (queue.isEmpty()) {
                if (processor != null) {
                    throw unknown(processor);
                }
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.get().deadLetters()) {
                long index = 0;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letters.size() >= limit) {
                        return letters;
                    }
                    letters.add(letter(name, letter, index++));
                }
            }
        }
        return letters;
    }

    /**
     * Hands every parked sequence of {@code processor} to it again, in order; a sequence whose first event fails
     * again stays parked as it was.
     */
    public Outcome retry(String processor) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> unknown(processor));
        long sequences = queue.amountOfSequences();
        int retried = 0;
        int cleared = 0;
        for (int i = 0; i < sequences; i++) {
            retried++;
            if (ReadModelBatch.isolated(() -> letters.process(letter -> true))) {
                cleared++;
            }
        }
        return new Outcome(processor, retried, cleared, 0, queue.size());
    }

    /**
     * Discards the event that blocks {@code sequence} (the first of it) and hands the events parked behind it to
     * the processor again: the one event is given up, nothing else is.
     */
    public Outcome discard(String processor, String sequence) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        Iterator<DeadLetter<? extends EventMessage<?>>> first = queue.deadLetterSequence(sequence).iterator();
        if (!first.hasNext()) {
            throw new NotFoundException("nothing is parked in " + processor + " for sequence '" + sequence + "'");
        }
        queue.evict(first.next());
        int retried = 0;
        if (queue.contains(sequence)) {
            retried = 1;
            SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                    .orElseThrow(() -> unknown(processor));
            ReadModelBatch.isolated(() -> letters.process(letter -> sequenceOf(letter).equals(sequence)));
        }
        return new Outcome(processor, retried, queue.contains(sequence) ? 0 : 1, 1, queue.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing.deadLetterQueue(processor).orElseThrow(() -> unknown(processor));
    }

    private NotFoundException unknown(String processor) {
        return new NotFoundException("'" + processor + "' is not a processor that parks events; those that do: "
                + processing.eventProcessors().keySet().stream().filter(n -> processing.deadLetterQueue(n).isPresent())
                .sorted().toList());
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : "";
    }

    private static Letter letter(String processor, DeadLetter<? extends EventMessage<?>> letter, long index) {
        EventMessage<?> message = letter.message();
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long revision = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        return new Letter(processor, sequenceOf(letter), index,
                message.getIdentifier(), message.getPayloadType().getSimpleName(), aggregateId, revision,
                letter.cause().map(c -> c.type()).orElse(null),
                letter.cause().map(c -> Objects.toString(c.message(), null)).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
