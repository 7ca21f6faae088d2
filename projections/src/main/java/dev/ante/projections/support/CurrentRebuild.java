package dev.ante.projections.support;

import dev.ante.projections.ProjectionNames;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope of the rebuild each shared processor is running, as far as this process knows:
 * set when a rebuild is started here, and from every re-read event the read models see (the scope travels
 * in the replay token, so a rebuild resumed after a restart is known again from its first event).
 */
public final class CurrentRebuild {

    /** The scope of a rebuild of every read model. */
    public static final String EVERYTHING = "*";

    private final Map<String, String> scopes = new ConcurrentHashMap<>();

    /**
     * Records the scope of a rebuild of {@code processor} started or seen; {@link #EVERYTHING} for a
     * reset of all its groups.
     */
    public void observe(String processor, String scope) {
        scopes.put(processor, scope);
    }

    /** The scope last started or seen on {@code processor}, if any. */
    public Optional<String> scope(String processor) {
        return Optional.ofNullable(scopes.get(processor));
    }

    /** Whether a rebuild of {@code group}'s processor with the last known scope includes it; true when none is known. */
    public boolean includes(String group) {
        String known = scopes.get(ProjectionNames.processorOf(group));
        return known == null || EVERYTHING.equals(known) || Rebuilds.inScope(known, group);
    }
}
