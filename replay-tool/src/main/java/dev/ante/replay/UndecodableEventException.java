package dev.ante.replay;

import dev.ante.infra.store.RecordedEvent;

/** A stored event of a game stream is not a game event this build can decode. */
public class UndecodableEventException extends ReplayException {

    private final String reason;

    public UndecodableEventException(RecordedEvent event, String reason, Throwable cause) {
        super("revision " + event.revision() + " of " + event.stream() + " cannot be decoded: " + reason, cause);
        this.reason = reason;
    }

    /** Why, without saying where. */
    public String reason() {
        return reason;
    }
}
