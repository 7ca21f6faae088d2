package dev.ante.projections.support;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scope of the rebuild the {@code read-models} processor is running, as far as this process knows:
 * set when a rebuild is started here, and from every re-read event the read models see (the scope travels
 * in the replay token, so a rebuild resumed after a restart is known again from its first event).
 */
public final class CurrentRebuild {

    /** The scope of a rebuild of every read model. */
    public static final String EVERYTHING = "*";

    private final AtomicReference<String> scope = new AtomicReference<>();

    /** Records the scope of a rebuild started or seen; {@link #EVERYTHING} for a reset of all. */
    public void observe(String scope) {
        this.scope.set(scope);
    }

    /** The scope last started or seen, if any. */
    public Optional<String> scope() {
        return Optional.ofNullable(scope.get());
    }

    /** Whether a rebuild with the last known scope includes {@code group}; true when none is known. */
    public boolean includes(String group) {
        String known = scope.get();
        return known == null || EVERYTHING.equals(known) || Rebuilds.inScope(known, group);
    }
}
