package dev.ante.simulator;

import dev.ante.simulator.game.DeckType;
import dev.ante.simulator.game.Focus;
import dev.ante.simulator.game.GamePlay;
import dev.ante.simulator.game.Joker;
import dev.ante.simulator.game.PlayStyle;
import dev.ante.simulator.game.SimClock;
import dev.ante.simulator.game.Stake;
import dev.ante.simulator.game.TimedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Simulated learning agents playing side by side, as data: every batch each agent would post, in the order
 * they would arrive (by the simulated time of their last event). Batches are generated lazily, so a long
 * simulation does not sit in memory; iterating twice yields the same batches.
 *
 * <p>Usage: {@code for (StreamBatch batch : Simulation.of(SimulationConfig.of(42, 4, 100))) sink.send(batch);}
 */
public final class Simulation implements Iterable<StreamBatch> {

    private final SimulationConfig config;

    private Simulation(SimulationConfig config) {
        this.config = config;
    }

    public static Simulation of(SimulationConfig config) {
        return new Simulation(config);
    }

    public SimulationConfig config() {
        return config;
    }

    /** Every agent's batches merged in arrival order; ties go to the lower agent number. */
    @Override
    public Iterator<StreamBatch> iterator() {
        List<Iterator<StreamBatch>> agents = new ArrayList<>();
        for (Iterable<StreamBatch> timeline : agentTimelines()) {
            agents.add(timeline.iterator());
        }
        return new Merged(agents);
    }

    public Stream<StreamBatch> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /**
     * One timeline per agent. Agents are independent of each other, so their timelines may be generated on
     * different threads; each one's order must be kept when sending.
     */
    public List<Iterable<StreamBatch>> agentTimelines() {
        List<Iterable<StreamBatch>> timelines = new ArrayList<>();
        for (int i = 0; i < config.agents(); i++) {
            int index = i;
            timelines.add(() -> new Agent(config, index));
        }
        return timelines;
    }

    /**
     * A single game of exactly {@code events} events for stress tests: a strong agent in a trainer's sandbox
     * (endless antes whose chip targets stay at the first ante's), stopped by the trainer at the requested
     * length and closed with GameCompleted (ABANDONED). Deterministic for a given seed.
     */
    public static List<StreamBatch> marathon(long seed, String gameId, int events) {
        if (events < 2) {
            throw new IllegalArgumentException("a marathon holds at least 2 events, asked for " + events);
        }
        PlayStyle strong = new PlayStyle(Focus.FLUSH, 0.03, 10, 1, 0.0, Joker.Kind.XMULT, 0.0, 0.6, 0.0);
        StreamRef game = StreamRef.game(gameId);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            SplittableRandom random = new SplittableRandom(Agent.mix(seed, 1_000_000L + attempt));
            GamePlay.Played played = GamePlay.play(new GamePlay.Setup(gameId, "marathon-agent", null, null,
                    DeckType.CHECKERED, Stake.WHITE, strong, events, 1, 0), random,
                    new SimClock(SimulationConfig.DEFAULT_START, 1.0));
            if (played.events() != events) {
                continue;
            }
            List<StreamBatch> batches = new ArrayList<>();
            long revision = 0;
            for (List<TimedEvent> chunk : played.chunks()) {
                List<Envelope> envelopes = new ArrayList<>(chunk.size());
                for (TimedEvent e : chunk) {
                    envelopes.add(Envelope.of(Agent.eventId("marathon-" + seed, game.streamName(), revision++),
                            e.occurredAt(), e.event()));
                }
                batches.add(new StreamBatch(game, envelopes));
            }
            return batches;
        }
        throw new IllegalStateException("no marathon of " + events + " events from seed " + seed);
    }

    /** Merges per-agent iterators by the time of each one's next batch. */
    private static final class Merged implements Iterator<StreamBatch> {

        private record Head(StreamBatch batch, int agent, Iterator<StreamBatch> rest) {
        }

        private final PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing((Head h) -> h.batch().at()).thenComparingInt(Head::agent));

        Merged(List<Iterator<StreamBatch>> agents) {
            for (int i = 0; i < agents.size(); i++) {
                Iterator<StreamBatch> it = agents.get(i);
                if (it.hasNext()) {
                    heads.add(new Head(it.next(), i, it));
                }
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public StreamBatch next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            if (head.rest().hasNext()) {
                heads.add(new Head(head.rest().next(), head.agent(), head.rest()));
            }
            return head.batch();
        }
    }
}
