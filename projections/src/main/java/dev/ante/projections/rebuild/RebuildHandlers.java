package dev.ante.projections.rebuild;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlerInterceptorMemberChain;
import org.axonframework.messaging.annotation.MessageHandlingMember;

/**
 * A projection's {@code @EventHandler} methods as a rebuild calls them: the same handlers, parameter resolvers and
 * handler enhancers Axon's {@code AnnotationEventHandlerAdapter} finds on the class path, but the handler for a
 * payload type is looked up once rather than for every event (Axon walks every handler's parameters each time,
 * which was a tenth of a rebuild worker's time). The lookup depends on the payload type alone: every event of the
 * log is a domain event, so a handler's other parameters (stream, revision, time) always resolve.
 */
final class RebuildHandlers {

    private final Object target;
    private final Class<Object> type;
    private final AnnotatedHandlerInspector<Object> inspector;
    private final MessageHandlerInterceptorMemberChain<Object> interceptors;
    /** Asked by the reader's thread (which events to hand over) and used by the worker's. */
    private final Map<Class<?>, Optional<MessageHandlingMember<? super Object>>> byPayload = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    RebuildHandlers(Object target) {
        this.target = target;
        this.type = (Class<Object>) target.getClass();
        this.inspector = AnnotatedHandlerInspector.inspectType(type, ClasspathParameterResolverFactory.forClass(type),
                ClasspathHandlerDefinition.forClass(type));
        this.interceptors = inspector.chainedInterceptor(type);
    }

    /** Whether the projection has a handler for events of this one's payload type. */
    boolean canHandle(EventMessage<?> event) {
        return handlerOf(event).isPresent();
    }

    /** Calls the projection's handler for the event, through its interceptors; nothing if it has none. */
    void handle(EventMessage<?> event) throws Exception {
        Optional<MessageHandlingMember<? super Object>> handler = handlerOf(event);
        if (handler.isPresent()) {
            interceptors.handle(event, target, handler.get());
        }
    }

    private Optional<MessageHandlingMember<? super Object>> handlerOf(EventMessage<?> event) {
        Optional<MessageHandlingMember<? super Object>> known = byPayload.get(event.getPayloadType());
        if (known == null) {
            known = inspector.getHandlers(type).filter(handler -> handler.canHandle(event)).findFirst();
            byPayload.put(event.getPayloadType(), known);
        }
        return known;
    }
}
