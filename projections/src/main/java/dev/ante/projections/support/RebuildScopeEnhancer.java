package dev.ante.projections.support;

import dev.ante.projections.ProjectionNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

/**
 * Applies a rebuild's scope ({@link Rebuilds}) to the read models' handlers: a read model outside the
 * scope neither clears its tables on the reset nor handles the events the rebuild re-reads. Handlers of
 * other processing groups are left as they are.
 */
public class RebuildScopeEnhancer implements HandlerEnhancerDefinition {

    private final Map<Class<?>, String> groups = new ConcurrentHashMap<>();
    private final CurrentRebuild current;

    public RebuildScopeEnhancer(CurrentRebuild current) {
        this.current = current;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        String group = groups.computeIfAbsent(original.declaringClass(), RebuildScopeEnhancer::groupOf);
        if (!ProjectionNames.ALL.contains(group)) {
            return original;
        }
        boolean reset = original.annotationAttributes(ResetHandler.class).isPresent();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (reset) {
                    return Rebuilds.inScope(message.getPayload(), group) ? super.handle(message, target) : null;
                }
                if (message instanceof TrackedEventMessage<?> tracked && ReplayToken.isReplay(tracked.trackingToken())) {
                    String scope = Rebuilds.scope(tracked.trackingToken()).orElse(CurrentRebuild.EVERYTHING);
                    current.observe(scope);
                    if (!CurrentRebuild.EVERYTHING.equals(scope) && !Rebuilds.inScope(scope, group)) {
                        return null;
                    }
                }
                return super.handle(message, target);
            }
        };
    }

    private static String groupOf(Class<?> type) {
        ProcessingGroup group = type.getAnnotation(ProcessingGroup.class);
        return group == null ? "" : group.value();
    }
}
