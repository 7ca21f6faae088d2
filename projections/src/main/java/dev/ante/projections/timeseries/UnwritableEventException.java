package dev.ante.projections.timeseries;

/**
 * An event whose rows QuestDB would refuse (a control character in a name, a time before 1970). Thrown
 * from the event's own handler, so the processor parks that event as a dead letter and goes on with the
 * others, instead of retrying a batch that can never succeed.
 */
public class UnwritableEventException extends RuntimeException {
    public UnwritableEventException(String message) {
        super(message);
    }
}
