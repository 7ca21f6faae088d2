package dev.ante.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.junit.jupiter.api.Test;

/**
 * The dispatch answers exactly as Axon's invokers do, for live and replayed events, handled and unhandled
 * types, and groups whose answers depend on an event's content (which it does not cache); it hands events to
 * the same handlers.
 */
class PayloadTypeDispatchTest {

    record Played(int score) {
    }

    record Bought(String item) {
    }

    record Ignored(String why) {
    }

    /** Takes the payload and kind-matched parameters only. */
    static class Scores {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Played played, @SourceId String stream, @SequenceNumber long seq) {
            seen.add(stream + "#" + seq + " played " + played.score());
        }

        @EventHandler
        void on(Bought bought) {
            seen.add("bought " + bought.item());
        }
    }

    /** Not replayed: a reset skips it. */
    @DisallowReplay
    static class Notifications {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Played played) {
            seen.add("notified " + played.score());
        }
    }

    /** Handles only events whose metadata says who made them: whether it handles one depends on its content. */
    static class ByAgent {
        final List<String> seen = new ArrayList<>();

        @EventHandler
        void on(Bought bought, @MetaDataValue(value = "agent", required = true) String agent) {
            seen.add(agent + " bought " + bought.item());
        }
    }

    /** A handler inherited from an interface, whose match depends on metadata. */
    interface AgentAware {
        @EventHandler
        default void on(Played played, @MetaDataValue(value = "agent", required = true) String agent) {
        }
    }

    static class ScoresOfAgents extends Scores implements AgentAware {
    }

    private static EventHandlerInvoker group(Object handler) {
        return SimpleEventHandlerInvoker.builder().eventHandlers(handler).build();
    }

    private static DomainEventMessage<?> event(Object payload, long seq, Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>("Game", "game-1", seq, payload, MetaData.from(metaData));
    }

    private static EventMessage<?> replayed(DomainEventMessage<?> event, long position) {
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(1_000), null);
        TrackingToken at = ((ReplayToken) replay).advancedTo(new GlobalSequenceTrackingToken(position));
        return new GenericTrackedDomainEventMessage<>(at, event);
    }

    private static List<EventMessage<?>> events() {
        List<EventMessage<?>> events = new ArrayList<>();
        long seq = 0;
        for (Object payload : List.of(new Played(7), new Bought("Joker"), new Ignored("shop"), new Played(9))) {
            for (Map<String, ?> metaData : List.<Map<String, ?>>of(Map.of(), Map.of("agent", "a1"))) {
                DomainEventMessage<?> event = event(payload, seq++, metaData);
                events.add(event);
                events.add(replayed(event, seq));
                events.add(GenericEventMessage.asEventMessage(payload).andMetaData(metaData));
            }
        }
        return events;
    }

    @Test
    void givenGroupsOfEveryKind_whenAskedAboutEachEventTwice_thenAnswersAsAxonsInvokerDoes() {
        MultiEventHandlerInvoker axon = new MultiEventHandlerInvoker(group(new Scores()), group(new Notifications()),
                group(new ByAgent()));
        PayloadTypeDispatch dispatch = new PayloadTypeDispatch(axon);

        for (int round = 0; round < 2; round++) {
            for (EventMessage<?> event : events()) {
                assertThat(dispatch.canHandle(event, Segment.ROOT_SEGMENT))
                        .as("round %d: %s of %s", round, event.getPayloadType().getSimpleName(), event.getMetaData())
                        .isEqualTo(axon.canHandle(event, Segment.ROOT_SEGMENT));
            }
        }
        for (Class<?> type : List.of(Played.class, Bought.class, Ignored.class)) {
            assertThat(dispatch.canHandleType(type)).isEqualTo(axon.canHandleType(type));
        }
        assertThat(dispatch.supportsReset()).isEqualTo(axon.supportsReset()).isTrue();
    }

    @Test
    void givenAGroupWhoseAnswerDependsOnMetaData_whenAsked_thenItIsAskedEveryTime() {
        PayloadTypeDispatch dispatch = new PayloadTypeDispatch(new MultiEventHandlerInvoker(group(new ByAgent())));

        assertThat(dispatch.cachesEveryGroup()).isFalse();
        assertThat(dispatch.canHandle(event(new Bought("Joker"), 0, Map.of()), Segment.ROOT_SEGMENT)).isFalse();
        assertThat(dispatch.canHandle(event(new Bought("Joker"), 1, Map.of("agent", "a1")), Segment.ROOT_SEGMENT))
                .isTrue();
        assertThat(dispatch.canHandle(event(new Bought("Joker"), 2, Map.of()), Segment.ROOT_SEGMENT)).isFalse();
    }

    @Test
    void givenAHandlerInheritedFromAnInterface_whenItsMatchDependsOnMetaData_thenItsGroupIsNotCached() {
        assertThat(new PayloadTypeDispatch(new MultiEventHandlerInvoker(group(new ScoresOfAgents())))
                .cachesEveryGroup()).isFalse();
    }

    @Test
    void givenKindOnlyHandlers_whenBuilt_thenEveryGroupIsDecidedByPayloadType() {
        assertThat(new PayloadTypeDispatch(new MultiEventHandlerInvoker(group(new Scores()), group(new Notifications())))
                .cachesEveryGroup()).isTrue();
    }

    @Test
    void givenEvents_whenHandled_thenEachGroupThatHandlesThemGetsThem_andReplaysSkipGroupsWithoutReset() throws Exception {
        Scores scores = new Scores();
        Notifications notifications = new Notifications();
        PayloadTypeDispatch dispatch = new PayloadTypeDispatch(
                new MultiEventHandlerInvoker(group(scores), group(notifications)));

        dispatch.handle(event(new Played(7), 3, Map.of()), Segment.ROOT_SEGMENT);
        dispatch.handle(event(new Ignored("x"), 4, Map.of()), Segment.ROOT_SEGMENT);
        dispatch.handle(replayed(event(new Played(9), 5, Map.of()), 6), Segment.ROOT_SEGMENT);
        dispatch.handle(event(new Bought("Joker"), 6, Map.of()), Segment.ROOT_SEGMENT);

        assertThat(scores.seen).containsExactly("game-1#3 played 7", "game-1#5 played 9", "bought Joker");
        assertThat(notifications.seen).containsExactly("notified 7");
    }

    @Test
    void givenASplitSegment_whenAsked_thenTheSegmentStillDecides() {
        MultiEventHandlerInvoker axon = new MultiEventHandlerInvoker(group(new Scores()));
        PayloadTypeDispatch dispatch = new PayloadTypeDispatch(axon);
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        for (EventMessage<?> event : events()) {
            for (Segment half : halves) {
                assertThat(dispatch.canHandle(event, half)).isEqualTo(axon.canHandle(event, half));
            }
        }
    }
}
