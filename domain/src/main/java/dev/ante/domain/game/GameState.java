package dev.ante.domain.game;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything known about one game after its first {@code revision + 1} events. This is the one fold of
 * the game stream, shared by the aggregate, the API and the replay tool: {@link #evolve} is pure and
 * the empty state is {@link #initial()}.
 *
 * <p>Collections are immutable; a fold step shares every collection it does not change, so folding a
 * long game stays linear in its length.
 */
public record GameState(
        GameStatus status,
        long revision,
        Integer ante,
        BlindType blindType,
        Phase phase,
        Integer money,
        List<String> jokers,
        int handsPlayed,
        long bestHandScore,
        Map<String, Integer> handTypeCounts,
        ShopEntered lastShop,
        DecisionMade lastDecision,
        String agentId,
        String strategyId,
        String deck,
        String stake,
        String seed) {

    private static final GameState INITIAL = new GameState(GameStatus.ACTIVE, -1, null, null, null, null,
            List.of(), 0, 0, Collections.unmodifiableMap(new TreeMap<>()), null, null, null, null, null, null, null);

    /** The state before any event: revision -1, ACTIVE, nothing known. */
    public static GameState initial() {
        return INITIAL;
    }

    /** Folds a whole sequence of events, in stream order, from the initial state. */
    public static GameState fold(Iterable<? extends GameEvent> events) {
        GameState state = INITIAL;
        for (GameEvent event : events) {
            state = state.evolve(event);
        }
        return state;
    }

    /** True once GameStarted has been folded in. */
    public boolean started() {
        return revision >= 0;
    }

    /** True once GameCompleted has been folded in. */
    public boolean completed() {
        return status != GameStatus.ACTIVE;
    }

    /** The state after {@code event}, which becomes revision {@code revision + 1}. */
    public GameState evolve(GameEvent event) {
        Step step = new Step(this);
        event.accept(step);
        return step.build();
    }

    /** One fold step: starts as a copy of the state and changes only what the event implies. */
    private static final class Step implements GameEvent.Visitor<Void> {
        private GameStatus status;
        private final long revision;
        private Integer ante;
        private BlindType blindType;
        private Phase phase;
        private Integer money;
        private List<String> jokers;
        private int handsPlayed;
        private long bestHandScore;
        private Map<String, Integer> handTypeCounts;
        private ShopEntered lastShop;
        private DecisionMade lastDecision;
        private String agentId;
        private String strategyId;
        private String deck;
        private String stake;
        private String seed;

        Step(GameState s) {
            status = s.status;
            revision = s.revision + 1;
            ante = s.ante;
            blindType = s.blindType;
            phase = s.phase;
            money = s.money;
            jokers = s.jokers;
            handsPlayed = s.handsPlayed;
            bestHandScore = s.bestHandScore;
            handTypeCounts = s.handTypeCounts;
            lastShop = s.lastShop;
            lastDecision = s.lastDecision;
            agentId = s.agentId;
            strategyId = s.strategyId;
            deck = s.deck;
            stake = s.stake;
            seed = s.seed;
        }

        GameState build() {
            return new GameState(status, revision, ante, blindType, phase, money, jokers, handsPlayed,
                    bestHandScore, handTypeCounts, lastShop, lastDecision, agentId, strategyId, deck, stake, seed);
        }

        private void moneyAfter(Integer value) {
            if (value != null) {
                money = value;
            }
        }

        @Override
        public Void visit(GameStarted e) {
            agentId = e.agentId();
            strategyId = e.strategyId();
            deck = e.deck();
            stake = e.stake();
            seed = e.seed();
            money = e.startingMoney();
            phase = Phase.BLIND_SELECT;
            return null;
        }

        @Override
        public Void visit(BlindSelected e) {
            ante = e.ante();
            blindType = e.blindType();
            phase = Phase.PLAYING;
            return null;
        }

        @Override
        public Void visit(BlindSkipped e) {
            ante = e.ante();
            blindType = e.blindType();
            phase = Phase.BLIND_SELECT;
            return null;
        }

        @Override
        public Void visit(HandPlayed e) {
            ante = e.ante();
            blindType = e.blindType();
            phase = Phase.PLAYING;
            jokers = List.copyOf(e.jokers());
            handsPlayed++;
            bestHandScore = Math.max(bestHandScore, e.finalScore());
            TreeMap<String, Integer> counts = new TreeMap<>(handTypeCounts);
            counts.merge(e.handType(), 1, Integer::sum);
            handTypeCounts = Collections.unmodifiableMap(counts);
            moneyAfter(e.moneyAfter());
            return null;
        }

        @Override
        public Void visit(CardsDiscarded e) {
            ante = e.ante();
            blindType = e.blindType();
            phase = Phase.PLAYING;
            return null;
        }

        @Override
        public Void visit(BlindDefeated e) {
            ante = e.ante();
            blindType = e.blindType();
            phase = Phase.SHOP;
            money = e.moneyAfter();
            return null;
        }

        @Override
        public Void visit(ShopEntered e) {
            ante = e.ante();
            phase = Phase.SHOP;
            money = e.money();
            lastShop = e;
            return null;
        }

        @Override
        public Void visit(ShopRerolled e) {
            ante = e.ante();
            phase = Phase.SHOP;
            money = e.moneyAfter();
            return null;
        }

        @Override
        public Void visit(ItemPurchased e) {
            ante = e.ante();
            phase = Phase.SHOP;
            money = e.moneyAfter();
            if (e.itemType() == ItemType.JOKER) {
                List<String> more = new ArrayList<>(jokers);
                more.add(e.name());
                jokers = List.copyOf(more);
            }
            return null;
        }

        @Override
        public Void visit(JokerSold e) {
            ante = e.ante();
            money = e.moneyAfter();
            List<String> fewer = new ArrayList<>(jokers);
            fewer.remove(e.name());
            jokers = List.copyOf(fewer);
            return null;
        }

        @Override
        public Void visit(ConsumableUsed e) {
            ante = e.ante();
            return null;
        }

        @Override
        public Void visit(DecisionMade e) {
            ante = e.ante();
            phase = e.phase();
            lastDecision = e;
            return null;
        }

        @Override
        public Void visit(GameCompleted e) {
            status = switch (e.outcome()) {
                case WIN -> GameStatus.WON;
                case LOSS -> GameStatus.LOST;
                case ABANDONED -> GameStatus.ABANDONED;
            };
            ante = e.finalAnte();
            money = e.finalMoney();
            jokers = List.copyOf(e.jokers());
            return null;
        }
    }
}
