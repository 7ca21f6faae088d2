package dev.ante.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A batch that breaks a stream rule (GameStarted first and once, nothing after completion, ante never
 * decreases...). Nothing of the batch is recorded.
 */
public class RejectedEventsException extends RuntimeException {

    private final List<Violation> violations;

    public RejectedEventsException(List<Violation> violations) {
        super(violations.stream().map(Violation::render).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public RejectedEventsException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
