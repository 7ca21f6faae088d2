package dev.ante.simulator.game;

import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindSkipped;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.domain.game.ConsumableUsed;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.Phase;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopRerolled;
import dev.ante.simulator.game.GamePlay.Played;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a game as the game stream's events: each event at its simulated time, in the chunks an agent
 * posts (one per blind and one per shop visit), the agent's decisions with their latency, and the cuts
 * made at the end of a marathon or when the agent's process dies part-way.
 */
final class GameRecorder {

    private final RunState run;
    private final SimClock clock;
    private final List<List<TimedEvent>> chunks = new ArrayList<>();
    private List<TimedEvent> chunk = new ArrayList<>();
    private int eventCount;
    private int lastDecisionMs;

    GameRecorder(RunState run, SimClock clock) {
        this.run = run;
        this.clock = clock;
    }

    List<List<TimedEvent>> chunks() {
        return chunks;
    }

    int eventCount() {
        return eventCount;
    }

    /** The latency of the last decision, which the next HandPlayed reports. */
    int lastDecisionMs() {
        return lastDecisionMs;
    }

    /** Cuts a marathon to exactly the requested number of events, the last being its GameCompleted. */
    Played trimmedMarathon(int finalAnte) {
        List<TimedEvent> all = new ArrayList<>(eventCount);
        chunks.forEach(all::addAll);
        TimedEvent last = all.get(all.size() - 1);
        List<TimedEvent> kept = new ArrayList<>(all.subList(0,
                Math.min(all.size() - 1, run.setup.stopAfterEvents() - 1)));
        int keptAnte = 1;
        for (TimedEvent e : kept) {
            keptAnte = Math.max(keptAnte, anteOf(e.event()));
        }
        GameCompleted done = (GameCompleted) last.event();
        kept.add(new TimedEvent(last.occurredAt(), new GameCompleted(Outcome.ABANDONED, keptAnte, done.finalMoney(),
                done.bestHandScore(), done.jokers())));
        List<List<TimedEvent>> rechunked = new ArrayList<>();
        for (int i = 0; i < kept.size(); i += 100) {
            rechunked.add(List.copyOf(kept.subList(i, Math.min(kept.size(), i + 100))));
        }
        return new Played(run.setup.gameId(), rechunked, Outcome.ABANDONED, keptAnte, run.bestHandScore, kept.size(),
                done.jokers());
    }

    /** The agent's process died part-way: the stream simply stops, with no GameCompleted. */
    Played crashed() {
        int keep = Math.max(1, (int) Math.floor((eventCount - 1) * run.setup.crashAt()));
        List<List<TimedEvent>> kept = new ArrayList<>();
        int count = 0;
        int lastAnte = 1;
        for (List<TimedEvent> c : chunks) {
            if (count >= keep) {
                break;
            }
            List<TimedEvent> part = c.subList(0, Math.min(c.size(), keep - count));
            kept.add(List.copyOf(part));
            count += part.size();
            for (TimedEvent e : part) {
                lastAnte = Math.max(lastAnte, anteOf(e.event()));
            }
        }
        return new Played(run.setup.gameId(), kept, null, lastAnte, run.bestHandScore, count, List.of());
    }

    private static int anteOf(GameEvent event) {
        return event.accept(new AnteOf());
    }

    void decision(Phase phase, String type, List<String> options, String selected, double confidence,
                          boolean llm, String context) {
        double base = llm ? 3_200 : phase == Phase.PLAYING ? 450 : 300;
        int ms = (int) Math.min(60_000, Math.round(base * Math.exp(0.45 * run.random.nextGaussian())));
        lastDecisionMs = ms;
        String hash = Long.toHexString(RunState.mix(run.setup.gameId().hashCode() * 31L + eventCount,
                context.hashCode()));
        emit(new DecisionMade(run.ante, phase, type, List.copyOf(options.subList(0, Math.min(100, options.size()))),
                selected, Math.round(RunState.clamp(confidence, 0, 1) * 1000) / 1000.0, llm, hash, ms), ms);
    }

    boolean usesLlm() {
        return run.random.nextDouble() < run.style.llmRate();
    }

    void emit(GameEvent event, long afterMillis) {
        chunk.add(new TimedEvent(clock.advance(afterMillis, run.random.nextInt(1_000)), event));
        eventCount++;
    }

    void endChunk() {
        if (!chunk.isEmpty()) {
            chunks.add(List.copyOf(chunk));
            chunk = new ArrayList<>();
        }
    }

    /** The ante an event carries (GameStarted: 1). */
    private static final class AnteOf implements GameEvent.Visitor<Integer> {
        @Override
        public Integer visit(GameStarted e) {
            return 1;
        }

        @Override
        public Integer visit(BlindSelected e) {
            return e.ante();
        }

        @Override
        public Integer visit(BlindSkipped e) {
            return e.ante();
        }

        @Override
        public Integer visit(HandPlayed e) {
            return e.ante();
        }

        @Override
        public Integer visit(CardsDiscarded e) {
            return e.ante();
        }

        @Override
        public Integer visit(BlindDefeated e) {
            return e.ante();
        }

        @Override
        public Integer visit(ShopEntered e) {
            return e.ante();
        }

        @Override
        public Integer visit(ShopRerolled e) {
            return e.ante();
        }

        @Override
        public Integer visit(ItemPurchased e) {
            return e.ante();
        }

        @Override
        public Integer visit(JokerSold e) {
            return e.ante();
        }

        @Override
        public Integer visit(ConsumableUsed e) {
            return e.ante();
        }

        @Override
        public Integer visit(DecisionMade e) {
            return e.ante();
        }

        @Override
        public Integer visit(GameCompleted e) {
            return e.finalAnte();
        }
    }
}
