package dev.ante.projections.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

/**
 * Wraps the read models' event handlers so that, while a read model is isolating a failed batch, each event's
 * changes are written when its handler returns, inside the handler's invocation, where the processor's
 * dead-letter queue sees a failure ({@link ReadModelBatch}). Registered through
 * {@code META-INF/services}, so every handler adapter Axon builds (processors, dead-letter retries, rebuilds)
 * applies it.
 */
public final class EventByEventWrites implements HandlerEnhancerDefinition {

    private static final String READ_MODELS = "dev.ante.projections.";

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || !original.declaringClass().getName().startsWith(READ_MODELS)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                return ReadModelBatch.handle(target, () -> original.handle(message, target));
            }
        };
    }
}
