package dev.ante.infra.axon;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nonnull;
import javax.annotation.Nullable;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;

/**
 * A processor's handler invoker that answers "does this processor handle this event?" once per payload type
 * instead of once per event.
 *
 * <p>Axon asks that question of every event a tracking processor reads, and again for each handler group
 * before it hands the event over; its invokers answer by streaming over their handlers and their handlers'
 * members each time, and ask each group whether it supports a reset on the way. With several processors
 * reading every event of the log, that was more than a quarter of all the memory the platform allocated
 * during ingest. The answer depends only on the event's payload type, its kind (a domain event from the log),
 * whether it is being replayed, and the segment — as long as every handler takes the payload plus parameters
 * that Axon matches by the message's kind alone ({@link SourceId}, {@link SequenceNumber}, {@link Timestamp}).
 * This invoker checks that of each handler group when it is built and caches the answers for groups where it
 * holds, on the root segment (one segment per processor), for domain events. Anything else is asked of
 * Axon's invoker as before, and the handlers themselves are always invoked by Axon's.
 */
public final class PayloadTypeDispatch implements EventHandlerInvoker {

    /** Parameter annotations whose resolvers match a message by its kind, never by its content. */
    private static final Set<Class<? extends Annotation>> KIND_ONLY =
            Set.of(SourceId.class, SequenceNumber.class, Timestamp.class);

    /** One handler group, with what it has answered for each payload type when the answer can be kept. */
    private static final class Group {
        final EventHandlerInvoker invoker;
        /** Whether replayed events skip the group when it does not support a reset (as in a multi-group invoker). */
        final boolean skipsReplays;
        final boolean cacheable;
        final Map<Class<?>, Boolean> handlesType = new ConcurrentHashMap<>();
        /** Answers for live events and for replayed ones, kept apart. */
        final Map<Class<?>, Boolean> handlesLive = new ConcurrentHashMap<>();
        final Map<Class<?>, Boolean> handlesReplayed = new ConcurrentHashMap<>();

        Group(EventHandlerInvoker invoker, boolean inMultiGroupInvoker) {
            this.invoker = invoker;
            this.skipsReplays = inMultiGroupInvoker && !invoker.supportsReset();
            this.cacheable = decidedByPayloadType(invoker);
        }

        boolean canHandle(EventMessage<?> event, Segment segment, boolean replay) {
            if (replay && skipsReplays) {
                return false;
            }
            if (!cacheable || segment.getMask() != 0 || !(event instanceof DomainEventMessage)) {
                return invoker.canHandle(event, segment);
            }
            Map<Class<?>, Boolean> answers = replay ? handlesReplayed : handlesLive;
            Class<?> type = event.getPayloadType();
            Boolean known = answers.get(type);
            if (known == null) {
                known = invoker.canHandle(event, segment);
                answers.put(type, known);
            }
            return known;
        }

        boolean canHandleType(Class<?> payloadType) {
            if (!cacheable) {
                return invoker.canHandleType(payloadType);
            }
            return handlesType.computeIfAbsent(payloadType, invoker::canHandleType);
        }
    }

    private final EventHandlerInvoker delegate;
    private final List<Group> groups;
    private final boolean supportsReset;

    /**
     * @param delegate the invoker Axon built for the processor: a {@link MultiEventHandlerInvoker} of one
     *                 invoker per handler group, or a single group's invoker
     */
    public PayloadTypeDispatch(EventHandlerInvoker delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        boolean multiGroup = delegate instanceof MultiEventHandlerInvoker;
        List<EventHandlerInvoker> invokers = multiGroup ? ((MultiEventHandlerInvoker) delegate).delegates()
                : List.of(delegate);
        this.groups = invokers.stream().map(invoker -> new Group(invoker, multiGroup)).toList();
        this.supportsReset = delegate.supportsReset();
    }

    /** Whether every handler group's answers are kept per payload type (for tests and diagnostics). */
    public boolean cachesEveryGroup() {
        return groups.stream().allMatch(g -> g.cacheable);
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> eventMessage, @Nonnull Segment segment) {
        boolean replay = ReplayToken.isReplay(eventMessage);
        for (Group group : groups) {
            if (group.canHandle(eventMessage, segment, replay)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canHandleType(@Nonnull Class<?> payloadType) {
        for (Group group : groups) {
            if (group.canHandleType(payloadType)) {
                return true;
            }
        }
        return false;
    }

    /** Hands the event to each group that handles it, as Axon's multi-group invoker does. */
    @Override
    public void handle(@Nonnull EventMessage<?> message, @Nonnull Segment segment) throws Exception {
        boolean replay = ReplayToken.isReplay(message);
        for (Group group : groups) {
            if (group.canHandle(message, segment, replay)) {
                group.invoker.handle(message, segment);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return supportsReset;
    }

    @Override
    public void performReset() {
        delegate.performReset();
    }

    @Override
    public <R> void performReset(@Nullable R resetContext) {
        delegate.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        delegate.segmentReleased(segment);
    }

    /**
     * Whether a group handles an event can be decided from its payload type: the group is Axon's
     * annotated invoker, and every event handler of every handling class takes its payload first and nothing
     * but kind-matched parameters after it.
     */
    static boolean decidedByPayloadType(EventHandlerInvoker invoker) {
        if (!(invoker instanceof SimpleEventHandlerInvoker simple)) {
            return false;
        }
        for (EventMessageHandler handler : simple.eventHandlers()) {
            if (!(handler instanceof AnnotationEventHandlerAdapter adapter)
                    || !handlersTakeKindOnly(adapter.getTargetType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every event handler {@code type} declares or inherits (from classes or interfaces) takes kind-matched
     * parameters only.
     */
    private static boolean handlersTakeKindOnly(Class<?> type) {
        if (type == null || type == Object.class) {
            return true;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (AnnotationUtils.isAnnotationPresent(method, EventHandler.class) && !kindOnlyParameters(method)) {
                return false;
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (!handlersTakeKindOnly(implemented)) {
                return false;
            }
        }
        return handlersTakeKindOnly(type.getSuperclass());
    }

    private static boolean kindOnlyParameters(Executable handler) {
        Annotation[][] annotations = handler.getParameterAnnotations();
        if (annotations.length == 0 || annotations[0].length > 0) {
            return false;
        }
        for (int i = 1; i < annotations.length; i++) {
            if (annotations[i].length != 1 || !KIND_ONLY.contains(annotations[i][0].annotationType())) {
                return false;
            }
        }
        return true;
    }
}
