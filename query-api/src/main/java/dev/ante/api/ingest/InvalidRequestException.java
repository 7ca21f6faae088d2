package dev.ante.api.ingest;

import dev.ante.domain.Violation;
import java.util.List;

/** A request that cannot be accepted as sent; every problem found is listed. Nothing was written. */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final List<Violation> violations;

    public InvalidRequestException(String title, List<Violation> violations) {
        super(title + ": " + violations.stream().map(Violation::render).limit(5).toList());
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String title, Violation violation) {
        this(title, List.of(violation));
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
