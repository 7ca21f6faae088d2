package dev.ante.projections.support;

import dev.ante.projections.ProjectionNames;
import java.util.Arrays;
import java.util.Optional;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Rebuilding some read models of the shared {@value ProjectionNames#READ_MODELS} processor without the
 * others. The processor is reset with a scope naming the read models to rebuild (their processing groups,
 * comma-separated); Axon keeps that scope in the replay token, so it survives a restart mid-rebuild.
 * While the processor re-reads events it had handled before the reset, only the read models in scope
 * clear and handle them; the others skip them, as they already hold them. Events past the reset are new
 * to every read model.
 */
public final class Rebuilds {

    private Rebuilds() {
    }

    /** The scope that rebuilds {@code groups}. */
    public static String scope(String... groups) {
        return String.join(",", groups);
    }

    /** Whether a reset with {@code scope} (null: everything) rebuilds the read model {@code group}. */
    public static boolean inScope(Object scope, String group) {
        if (!(scope instanceof String names)) {
            return true;
        }
        return Arrays.asList(names.split(",")).contains(group);
    }

    /** The scope of the rebuild {@code token} belongs to, if it belongs to one with a scope. */
    public static Optional<String> scope(TrackingToken token) {
        return ReplayToken.replayContext(token, String.class);
    }
}
