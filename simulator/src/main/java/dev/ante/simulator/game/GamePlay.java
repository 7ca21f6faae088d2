package dev.ante.simulator.game;

import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindSkipped;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.domain.game.ConsumableType;
import dev.ante.domain.game.ConsumableUsed;
import dev.ante.domain.game.DecisionMade;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.Phase;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.domain.game.ShopRerolled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plays one game by the rules of a Balatro-like run and records it as the game stream's events: antes 1–8
 * of small, big and boss blinds with growing chip targets; hands scored by {@link Scoring}; discards; skips
 * for tags; a shop after every beaten blind with jokers, consumables, vouchers, packs, sales and rerolls;
 * interest; and the agent's decisions with their confidence. The agent's choices follow its
 * {@link PlayStyle}, so better parameters and better joker combinations really do win more.
 *
 * <p>Everything random comes from the given {@link SplittableRandom}, so a game is a pure function of its
 * setup, its random stream and its start time.
 */
public final class GamePlay {

    /**
     * What a game is played with.
     *
     * @param stopAfterEvents 0 for a normal run; otherwise play endless antes and stop at exactly this many
     *                        events, the last one a GameCompleted (ABANDONED): a marathon for stress tests
     * @param sandboxCap      the ante whose chip targets endless antes keep (a trainer's flat difficulty)
     * @param crashAt         0 for none; otherwise the fraction (0..1) of the game after which the agent's
     *                        process dies, leaving the game unfinished
     */
    public record Setup(String gameId, String agentId, String strategyId, String modelVersion, DeckType deck,
                        Stake stake, PlayStyle style, int stopAfterEvents, int sandboxCap, double crashAt) {
    }

    /**
     * A played game: its events in the chunks an agent would post them in (one per blind and one per shop
     * visit), how it ended (null when unfinished), how far it got and its best hand.
     */
    public record Played(String gameId, List<List<TimedEvent>> chunks, Outcome outcome, int finalAnte,
                         long bestHandScore, int events, List<String> finalJokers) {
    }

    private enum RoundEnd {
        DEFEATED, LOST, ABANDONED
    }

    private record Candidate(List<Card> cards, List<Card> held, HandType type, long score) {
    }

    private record ShopOffer(int slot, String itemType, String name, int cost) {
    }

    private static final String[] TAROTS = {"The Star", "The Moon", "The Sun", "The World", "Strength",
        "The Hanged Man", "Death", "The Empress", "The Hierophant", "Justice", "The Lovers", "The Hermit",
        "Temperance", "The High Priestess"};
    private static final String[] SPECTRALS = {"Sigil", "Immolate", "Black Hole"};
    private static final String[] PACKS = {"Arcana Pack", "Celestial Pack", "Standard Pack"};
    private static final HandType[] PLANET_TYPES = {HandType.HIGH_CARD, HandType.PAIR, HandType.TWO_PAIR,
        HandType.THREE_OF_A_KIND, HandType.STRAIGHT, HandType.FLUSH, HandType.FULL_HOUSE, HandType.FOUR_OF_A_KIND,
        HandType.STRAIGHT_FLUSH};
    private static final int MAX_SHOP_ACTIONS = 8;
    private static final int BASE_HAND_SIZE = 8;

    private final Setup setup;
    private final PlayStyle style;
    private final SplittableRandom random;
    private final SimClock clock;
    private final boolean endless;

    private final List<List<TimedEvent>> chunks = new ArrayList<>();
    private List<TimedEvent> chunk = new ArrayList<>();
    private int eventCount;

    private final List<Card> deck;
    private final List<JokerSlot> jokers = new ArrayList<>();
    private final int[] levels = new int[HandType.values().length];
    private final int[] typePlays = new int[HandType.values().length];
    private final Set<Voucher> vouchers = EnumSet.noneOf(Voucher.class);
    private int money;
    private int ante = 1;
    private long bestHandScore;
    private long lastBestScore;
    private int skips;
    private int handsPlayedRun;
    private int unusedDiscardsRun;
    private int bossesDefeated;
    private boolean grosMichelExtinct;
    private int pendingInvestment;
    private boolean pendingCoupon;
    private boolean pendingD6;
    private boolean pendingJuggle;
    private Joker.Rarity pendingFreeJoker;
    private int lastDecisionMs;

    private GamePlay(Setup setup, SplittableRandom random, SimClock clock) {
        this.setup = setup;
        this.style = setup.style();
        this.random = random;
        this.clock = clock;
        this.endless = setup.stopAfterEvents() > 0;
        this.deck = new ArrayList<>(setup.deck().cards(random));
        java.util.Arrays.fill(levels, 1);
    }

    /** Plays the game described by {@code setup}. */
    public static Played play(Setup setup, SplittableRandom random, SimClock clock) {
        return new GamePlay(setup, random, clock).run();
    }

    // --- the run -------------------------------------------------------------------------------------------

    private Played run() {
        money = setup.deck().startingMoney();
        emit(new GameStarted(setup.agentId(), setup.strategyId(), setup.modelVersion(), balatroSeed(),
                setup.deck().displayName(), setup.stake().displayName(), money), 1_500);
        Outcome outcome = null;
        boolean giveUpEarly = !endless && random.nextDouble() < 0.01;
        int giveUpAnte = 2 + random.nextInt(5);
        outer:
        for (ante = 1; endless || ante <= 8; ante++) {
            Boss boss = pickBoss();
            Voucher onOffer = pickVoucher();
            for (BlindType blind : BlindType.values()) {
                if (giveUpEarly && ante == giveUpAnte && blind == BlindType.BIG) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
                if (blind != BlindType.BOSS && decideSkip(blind)) {
                    endChunk();
                    continue;
                }
                RoundEnd end = playRound(blind, boss);
                if (end == RoundEnd.LOST) {
                    outcome = Outcome.LOSS;
                    break outer;
                }
                if (end == RoundEnd.ABANDONED) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
                if (!endless && ante == 8 && blind == BlindType.BOSS) {
                    outcome = Outcome.WIN;
                    break outer;
                }
                endChunk();
                if (endless && eventCount >= setup.stopAfterEvents()) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
                shop(onOffer);
                if (vouchers.contains(onOffer)) {
                    onOffer = null;
                }
                endChunk();
                if (endless && eventCount >= setup.stopAfterEvents()) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
            }
        }
        int finalAnte = Math.min(ante, endless ? ante : 8);
        emit(new GameCompleted(outcome, finalAnte, money, bestHandScore, jokerNames()), 800);
        endChunk();
        if (endless) {
            return trimmedMarathon(finalAnte);
        }
        if (setup.crashAt() > 0) {
            return crashed();
        }
        return new Played(setup.gameId(), chunks, outcome, finalAnte, bestHandScore, eventCount, jokerNames());
    }

    /** Cuts a marathon to exactly the requested number of events, the last being its GameCompleted. */
    private Played trimmedMarathon(int finalAnte) {
        List<TimedEvent> all = new ArrayList<>(eventCount);
        chunks.forEach(all::addAll);
        TimedEvent last = all.get(all.size() - 1);
        List<TimedEvent> kept = new ArrayList<>(all.subList(0, Math.min(all.size() - 1, setup.stopAfterEvents() - 1)));
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
        return new Played(setup.gameId(), rechunked, Outcome.ABANDONED, keptAnte, bestHandScore, kept.size(),
                done.jokers());
    }

    /** The agent's process died part-way: the stream simply stops, with no GameCompleted. */
    private Played crashed() {
        int keep = Math.max(1, (int) Math.floor((eventCount - 1) * setup.crashAt()));
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
        return new Played(setup.gameId(), kept, null, lastAnte, bestHandScore, count, List.of());
    }

    private static int anteOf(GameEvent event) {
        return event.accept(new AnteOf());
    }

    // --- blinds --------------------------------------------------------------------------------------------

    private boolean decideSkip(BlindType blind) {
        Tag tag = Tag.values()[random.nextInt(Tag.values().length)];
        long chips = chipsFor(blind, null);
        double strength = lastBestScore * 3.0 / Math.max(1, chips);
        double pSkip = style.skipAggression() * clamp((strength - 1.5) / 2, 0, 1);
        if (tag == Tag.INVESTMENT || tag == Tag.ECONOMY || tag == Tag.RARE) {
            pSkip += 0.08 * style.skipAggression();
        }
        boolean skip = random.nextDouble() < pSkip;
        boolean llm = usesLlm();
        String skipOption = "skip:" + tag.displayName();
        decision(Phase.BLIND_SELECT, "select_blind", List.of("play", skipOption), skip ? skipOption : "play",
                skip ? Math.max(pSkip, 0.05) : Math.max(1 - pSkip, 0.05), llm, blind.name());
        if (!skip) {
            return false;
        }
        emit(new BlindSkipped(ante, blind, tag.displayName()), 600);
        skips++;
        applyTag(tag);
        return true;
    }

    private void applyTag(Tag tag) {
        switch (tag) {
            case INVESTMENT -> pendingInvestment++;
            case ECONOMY -> money += Math.min(Math.max(money, 0), 40);
            case SPEED -> money += 5 * skips;
            case HANDY -> money += handsPlayedRun;
            case GARBAGE -> money += unusedDiscardsRun;
            case COUPON -> pendingCoupon = true;
            case D6 -> pendingD6 = true;
            case JUGGLE -> pendingJuggle = true;
            case CHARM -> openPack("Arcana Pack");
            case METEOR -> openPack("Celestial Pack");
            case UNCOMMON -> pendingFreeJoker = Joker.Rarity.UNCOMMON;
            case RARE -> pendingFreeJoker = Joker.Rarity.RARE;
            case BOSS -> {
                // rerolls the boss; the next boss is picked fresh anyway
            }
        }
    }

    private long chipsFor(BlindType blind, Boss boss) {
        long base = setup.stake().baseChips(ante, setup.sandboxCap());
        return switch (blind) {
            case SMALL -> base;
            case BIG -> base * 3 / 2;
            case BOSS -> base * (boss == null ? 2 : boss.chipFactor());
        };
    }

    private RoundEnd playRound(BlindType blind, Boss boss) {
        Boss.Rule rule = blind == BlindType.BOSS ? boss.rule() : Boss.Rule.NONE;
        long chips = chipsFor(blind, blind == BlindType.BOSS ? boss : null);
        String blindName = switch (blind) {
            case SMALL -> "Small Blind";
            case BIG -> "Big Blind";
            case BOSS -> boss.displayName();
        };
        emit(new BlindSelected(ante, blind, blindName, chips), 700);
        Scoring.Debuff debuff = blind == BlindType.BOSS ? boss.debuff() : Scoring.Debuff.NONE;
        if (rule == Boss.Rule.DEBUFF_ALL_UNTIL_SALE && !jokers.isEmpty()) {
            sellWeakest();
            debuff = Scoring.Debuff.NONE;
        }
        int hands = rule == Boss.Rule.ONE_HAND ? 1
                : setup.deck().hands() + (vouchers.contains(Voucher.GRABBER) ? 1 : 0);
        int discards = rule == Boss.Rule.NO_DISCARDS ? 0 : Math.max(0, setup.deck().discards()
                - setup.stake().fewerDiscards() + (vouchers.contains(Voucher.WASTEFUL) ? 1 : 0)
                + count(Joker.DRUNKARD));
        int handSize = Math.max(5, BASE_HAND_SIZE + count(Joker.JUGGLER)
                + (vouchers.contains(Voucher.PAINT_BRUSH) ? 1 : 0) + (pendingJuggle ? 3 : 0)
                - (rule == Boss.Rule.SMALLER_HAND ? 1 : 0) - 2 * count(Joker.STUNTMAN));
        pendingJuggle = false;

        List<Card> pile = new ArrayList<>(deck);
        shuffle(pile);
        List<Card> hand = new ArrayList<>();
        draw(pile, hand, handSize);
        long scored = 0;
        int handNumber = 0;
        int discardsUsed = 0;
        EnumSet<HandType> roundTypes = EnumSet.noneOf(HandType.class);
        boolean consideredGivingUp = false;
        boolean declinedGivingUp = false;
        while (scored < chips && hands > 0 && !hand.isEmpty()) {
            int disabled = rule == Boss.Rule.DISABLE_JOKER && !jokers.isEmpty() ? random.nextInt(jokers.size()) : -1;
            Scoring.Context ctx = new Scoring.Context(levels, typePlays, discards, money, debuff,
                    rule == Boss.Rule.HALF_BASE, disabled, hands, jokerSlots(), roundTypes);
            List<Candidate> candidates = candidates(hand, ctx, rule, roundTypes);
            Candidate best = candidates.get(0);
            long need = chips - scored;
            boolean llm = usesLlm();
            double temperature = llm ? style.temperature() * 0.6 : style.temperature();
            String context = "hand:" + blind + ':' + handNumber;

            if (!consideredGivingUp && best.score() * hands * 4L < need) {
                consideredGivingUp = true;
            }
            if (consideredGivingUp && !declinedGivingUp && random.nextDouble() < style.abandonPropensity() * 0.15) {
                List<String> options = new ArrayList<>(playOptions(candidates, 3));
                options.add("abandon");
                decision(Phase.PLAYING, "play_or_discard", options, "abandon", 0.5 + random.nextDouble() * 0.4, llm,
                        context);
                return RoundEnd.ABANDONED;
            }
            declinedGivingUp |= consideredGivingUp;
            // A hand that keeps pace with what the blind still needs is played; a weak one is discarded.
            double pace = (double) need / hands;
            boolean chase = discards > 0 && best.score() < need
                    && (best.score() < pace * (0.8 + 0.6 * style.discardEagerness())
                    || (!style.focus().aims(best.type()) && best.score() < pace * 1.5
                    && random.nextDouble() < style.discardEagerness() * 0.3));
            List<String> options = new ArrayList<>(playOptions(candidates, 3));
            List<Card> toDiscard = chase || discards > 0 ? chooseDiscard(hand) : List.of();
            String discardOption = toDiscard.isEmpty() ? null : "discard:" + cardList(toDiscard);
            if (discards > 0 && discardOption != null) {
                options.add(discardOption);
            }
            if (chase && discardOption != null) {
                double confidence = clamp(1.0 - (double) best.score() * hands / Math.max(1, need), 0.3, 0.97);
                decision(Phase.PLAYING, "play_or_discard", options, discardOption, confidence, llm, context);
                hand.removeAll(toDiscard);
                discards--;
                discardsUsed++;
                for (JokerSlot slot : jokers) {
                    if (slot.joker() == Joker.GREEN_JOKER) {
                        slot.counter(Math.max(0, slot.counter() - 1));
                    } else if (slot.joker() == Joker.RAMEN) {
                        slot.counter(slot.counter() - 0.01 * toDiscard.size());
                    }
                }
                jokers.removeIf(slot -> slot.joker() == Joker.RAMEN && slot.counter() <= 1.0);
                emit(new CardsDiscarded(ante, blind, cardNames(toDiscard), discards), 900);
                draw(pile, hand, handSize - hand.size());
                continue;
            }
            int top = Math.min(4, candidates.size());
            double[] weights = new double[top];
            double sum = 0;
            for (int i = 0; i < top; i++) {
                double ratio = (double) candidates.get(i).score() / Math.max(1, best.score());
                weights[i] = Math.exp((ratio - 1) / Math.max(0.01, temperature));
                sum += weights[i];
            }
            int pick = pickIndex(weights, sum);
            Candidate chosen = candidates.get(pick);
            decision(Phase.PLAYING, "play_or_discard", options, playOption(chosen), weights[pick] / sum, llm, context);

            beforeHand(chosen);
            Scoring.Result result = Scoring.score(chosen.cards(), chosen.held(), jokers, ctx, true);
            int moneyBefore = money;
            if (rule == Boss.Rule.MONEY_PER_CARD) {
                money = Math.max(0, money - chosen.cards().size());
            }
            if (rule == Boss.Rule.MOST_PLAYED_COSTS_MONEY && isMostPlayed(result.type())) {
                money = 0;
            }
            handNumber++;
            hands--;
            handsPlayedRun++;
            scored += result.finalScore();
            bestHandScore = Math.max(bestHandScore, result.finalScore());
            roundTypes.add(result.type());
            emit(new HandPlayed(ante, blind, handNumber, cardNames(chosen.cards()), result.type().displayName(),
                    jokerNames(), result.baseChips(), result.baseMult(),
                    result.effects().isEmpty() ? null : result.effects(), result.finalChips(), result.finalMult(),
                    result.finalScore(), moneyBefore, money, lastDecisionMs), 2_200);
            afterHand(result);
            hand.removeAll(chosen.cards());
            draw(pile, hand, handSize - hand.size());
        }
        lastBestScore = Math.max(lastBestScore / 2, bestOfRound(scored, handNumber));
        if (scored < chips) {
            return RoundEnd.LOST;
        }
        int reward = roundReward(blind, hands, discards, discardsUsed);
        money += reward;
        emit(new BlindDefeated(ante, blind, scored, reward, money), 1_200);
        unusedDiscardsRun += discards;
        if (blind == BlindType.BOSS) {
            bossesDefeated++;
            money += 25 * pendingInvestment;
            pendingInvestment = 0;
        }
        endOfRound();
        return RoundEnd.DEFEATED;
    }

    private static long bestOfRound(long scored, int hands) {
        return hands == 0 ? 0 : scored / hands;
    }

    private int roundReward(BlindType blind, int handsLeft, int discardsLeft, int discardsUsed) {
        int blindReward = switch (blind) {
            case SMALL -> setup.stake().smallBlindPays() ? 3 : 0;
            case BIG -> 4;
            case BOSS -> 5;
        };
        int cap = vouchers.contains(Voucher.SEED_MONEY) ? 10 : 5;
        int interest = setup.deck().paysInterest()
                ? Math.min(Math.max(0, money) / 5, cap) * (1 + count(Joker.TO_THE_MOON)) : 0;
        int leftovers = setup.deck() == DeckType.GREEN ? 2 * handsLeft + discardsLeft : handsLeft;
        int fromJokers = 4 * count(Joker.GOLDEN_JOKER) + count(Joker.ROCKET) * (1 + 2 * bossesDefeated)
                + (discardsUsed == 0 ? 2 * discardsLeft * count(Joker.DELAYED_GRATIFICATION) : 0);
        return blindReward + interest + leftovers + fromJokers;
    }

    private void endOfRound() {
        List<JokerSlot> gone = new ArrayList<>();
        for (JokerSlot slot : jokers) {
            switch (slot.joker()) {
                case EGG -> slot.addSellValue(3);
                case POPCORN -> {
                    slot.counter(slot.counter() - 4);
                    if (slot.counter() <= 0) {
                        gone.add(slot);
                    }
                }
                case GROS_MICHEL -> {
                    if (random.nextInt(6) == 0) {
                        gone.add(slot);
                        grosMichelExtinct = true;
                    }
                }
                default -> {
                    // nothing at the end of a round
                }
            }
        }
        jokers.removeAll(gone);
    }

    private void beforeHand(Candidate chosen) {
        boolean faceScored = chosen.cards().stream().anyMatch(Card::isFace);
        for (JokerSlot slot : jokers) {
            switch (slot.joker()) {
                case GREEN_JOKER -> slot.counter(slot.counter() + 1);
                case RUNNER -> slot.counter(slot.counter() + (chosen.type().contains(HandType.STRAIGHT) ? 15 : 0));
                case SQUARE_JOKER -> slot.counter(slot.counter() + (chosen.cards().size() == 4 ? 4 : 0));
                case SPARE_TROUSERS -> slot.counter(slot.counter()
                        + (chosen.type().contains(HandType.TWO_PAIR) ? 2 : 0));
                case RIDE_THE_BUS -> slot.counter(faceScored ? 0 : slot.counter() + 1);
                default -> {
                    // no change before scoring
                }
            }
        }
    }

    private void afterHand(Scoring.Result result) {
        typePlays[result.type().ordinal()]++;
        List<JokerSlot> gone = new ArrayList<>();
        for (JokerSlot slot : jokers) {
            if (slot.joker() == Joker.LOYALTY_CARD) {
                slot.counter(slot.counter() == 0 ? 5 : slot.counter() - 1);
            }
            if (slot.joker() == Joker.ICE_CREAM) {
                slot.counter(slot.counter() - 5);
                if (slot.counter() <= 0) {
                    gone.add(slot);
                }
            }
        }
        jokers.removeAll(gone);
    }

    private boolean isMostPlayed(HandType type) {
        int max = 0;
        for (int plays : typePlays) {
            max = Math.max(max, plays);
        }
        return max > 0 && typePlays[type.ordinal()] == max;
    }

    // --- choosing what to play -----------------------------------------------------------------------------

    /**
     * The best few plays of the hand, best score first. A card that does not score only changes the score
     * through a few jokers, so only subsets whose every card scores are weighed; the best of them are then
     * padded with the weakest other cards, as a player sheds dead cards with a hand, and scored again.
     */
    private List<Candidate> candidates(List<Card> hand, Scoring.Context ctx, Boss.Rule rule,
                                       Set<HandType> roundTypes) {
        Card[] cards = hand.toArray(new Card[0]);
        int n = cards.length;
        boolean fourFingers = false;
        boolean smeared = false;
        boolean halfJoker = false;
        for (int i = 0; i < jokers.size(); i++) {
            Joker j = jokers.get(i).joker();
            if (i != ctx.disabledJoker()) {
                fourFingers |= j == Joker.FOUR_FINGERS;
                smeared |= j == Joker.SMEARED_JOKER;
                halfJoker |= j == Joker.HALF_JOKER;
            }
        }
        int all = (1 << n) - 1;
        List<long[]> pure = new ArrayList<>();
        List<long[]> fallback = new ArrayList<>();
        for (int mask = 1; mask <= all; mask++) {
            if (Integer.bitCount(mask) > 5) {
                continue;
            }
            long packed = HandEvaluator.evaluate(cards, mask, fourFingers, smeared);
            if (HandEvaluator.scoringMask(packed) != mask) {
                continue;
            }
            HandType type = HandEvaluator.typeOf(packed);
            boolean allowed = switch (rule) {
                case NO_REPEAT_TYPE -> !roundTypes.contains(type);
                case ONE_TYPE -> roundTypes.isEmpty() || roundTypes.contains(type);
                default -> true;
            };
            long score = Scoring.score(select(cards, mask), select(cards, all & ~mask), jokers, ctx, false)
                    .finalScore();
            (allowed ? pure : fallback).add(new long[] {mask, score});
        }
        if (pure.isEmpty()) {
            pure = fallback;
        }
        pure.sort((a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1]) : Long.compare(Long.bitCount(a[0]),
                Long.bitCount(b[0])));
        int[] byWeakness = weakestFirst(cards);
        List<Candidate> best = new ArrayList<>(6);
        for (int k = 0; k < Math.min(6, pure.size()); k++) {
            int mask = (int) pure.get(k)[0];
            long score = pure.get(k)[1];
            int target = rule == Boss.Rule.FIVE_CARDS ? 5 : halfJoker && Integer.bitCount(mask) <= 3 ? 3 : 5;
            int padded = pad(cards, mask, target, byWeakness);
            if (padded != mask) {
                long packed = HandEvaluator.evaluate(cards, padded, fourFingers, smeared);
                Scoring.Result r = Scoring.score(select(cards, padded), select(cards, all & ~padded), jokers, ctx,
                        false);
                if (r.finalScore() >= score || rule == Boss.Rule.FIVE_CARDS) {
                    best.add(new Candidate(select(cards, padded), select(cards, all & ~padded),
                            HandEvaluator.typeOf(packed), r.finalScore()));
                    continue;
                }
            }
            best.add(new Candidate(select(cards, mask), select(cards, all & ~mask),
                    HandEvaluator.typeOf(HandEvaluator.evaluate(cards, mask, fourFingers, smeared)), score));
        }
        best.sort(Comparator.comparingLong(Candidate::score).reversed());
        return best;
    }

    /** Card positions, weakest first; kings and queens come last when jokers reward holding them. */
    private int[] weakestFirst(Card[] cards) {
        boolean keepKings = holds(Joker.BARON);
        boolean keepQueens = holds(Joker.SHOOT_THE_MOON);
        Integer[] order = new Integer[cards.length];
        for (int i = 0; i < cards.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> (keepKings && cards[i].rank() == 13)
                || (keepQueens && cards[i].rank() == 12) ? 100 : cards[i].chips()));
        int[] out = new int[cards.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    private static int pad(Card[] cards, int mask, int target, int[] byWeakness) {
        int padded = mask;
        for (int i : byWeakness) {
            if (Integer.bitCount(padded) >= Math.min(target, cards.length)) {
                break;
            }
            padded |= 1 << i;
        }
        return padded;
    }

    private static List<Card> select(Card[] cards, int mask) {
        List<Card> out = new ArrayList<>(Integer.bitCount(mask));
        for (int i = 0; i < cards.length; i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(cards[i]);
            }
        }
        return out;
    }


    private static List<String> playOptions(List<Candidate> candidates, int max) {
        List<String> options = new ArrayList<>(max);
        for (Candidate c : candidates) {
            String option = playOption(c);
            if (!options.contains(option)) {
                options.add(option);
            }
            if (options.size() == max) {
                break;
            }
        }
        return options;
    }

    private static String playOption(Candidate c) {
        return "play:" + c.type().displayName() + ':' + cardList(c.cards());
    }

    /**
     * Keeps the cards of the most promising draw — a flush, a straight or sets — weighing each by what the
     * hand would score at its level and how likely the draw is to come in, with the agent's focus as a
     * bias; throws away up to five of the rest, weakest first.
     */
    private List<Card> chooseDiscard(List<Card> hand) {
        boolean smeared = count(Joker.SMEARED_JOKER) > 0;
        int need = count(Joker.FOUR_FINGERS) > 0 ? 4 : 5;
        char suit = mostCommonSuit(hand, smeared);
        List<Card> flush = new ArrayList<>();
        for (Card c : hand) {
            if (HandEvaluator.suitGroup(c.suit(), smeared) == HandEvaluator.suitGroup(suit, smeared)
                    || c.enhancement() == Card.Enhancement.WILD) {
                flush.add(c);
            }
        }
        List<Card> straight = longestRun(hand);
        List<Card> sets = new ArrayList<>();
        int[] counts = rankCounts(hand);
        for (Card c : hand) {
            if (counts[c.rank()] >= 2 || (style.focus() == Focus.FACES && (c.isFace() || c.rank() == 14))) {
                sets.add(c);
            }
        }
        double flushValue = drawValue(HandType.FLUSH, flush.size(), need, new double[] {0, 0, 0.02, 0.15, 0.45});
        double straightValue = drawValue(HandType.STRAIGHT, straight.size(), need,
                new double[] {0, 0, 0.01, 0.08, 0.35});
        int maxSet = 0;
        for (int r = 2; r <= 14; r++) {
            maxSet = Math.max(maxSet, counts[r]);
        }
        HandType setType = maxSet >= 3 ? HandType.FOUR_OF_A_KIND : HandType.THREE_OF_A_KIND;
        double setsValue = expected(setType) * (maxSet >= 3 ? 0.3 : maxSet == 2 ? 0.35 : 0.1)
                * (style.focus() == Focus.PAIRS || style.focus() == Focus.FACES ? 1.5 : 1.0);
        List<Card> keep = flushValue >= straightValue && flushValue >= setsValue ? flush
                : straightValue >= setsValue ? straight : sets;
        List<Card> rest = new ArrayList<>();
        for (Card c : hand) {
            if (!keep.contains(c)) {
                rest.add(c);
            }
        }
        rest.sort(Comparator.comparingInt(Card::chips));
        if (rest.isEmpty()) {
            List<Card> byChips = new ArrayList<>(hand);
            byChips.sort(Comparator.comparingInt(Card::chips));
            rest = byChips.subList(0, Math.min(2, byChips.size()));
        }
        return List.copyOf(rest.subList(0, Math.min(5, rest.size())));
    }

    private double drawValue(HandType type, int have, int need, double[] chance) {
        int missing = need - have;
        double p = missing <= 0 ? 1.0 : chance[Math.max(0, chance.length - missing)];
        Focus aiming = type == HandType.FLUSH ? Focus.FLUSH : Focus.STRAIGHT;
        return expected(type) * p * (style.focus() == aiming ? 1.5 : 1.0);
    }

    /** A rough score of a typical hand of {@code type} at its current level. */
    private double expected(HandType type) {
        int level = levels[type.ordinal()];
        return (type.chipsAt(level) + 40.0) * type.multAt(level);
    }

    private static char mostCommonSuit(List<Card> cards, boolean smeared) {
        int[] counts = new int[4];
        String suits = "SHDC";
        for (Card c : cards) {
            counts[suits.indexOf(HandEvaluator.suitGroup(c.suit(), smeared))]++;
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return suits.charAt(best);
    }

    private static char mostCommonSuit(List<Card> cards) {
        int[] counts = new int[4];
        String suits = "SHDC";
        for (Card c : cards) {
            counts[suits.indexOf(c.suit())]++;
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return suits.charAt(best);
    }

    private static int[] rankCounts(List<Card> cards) {
        int[] counts = new int[15];
        for (Card c : cards) {
            counts[c.rank()]++;
        }
        return counts;
    }

    private static List<Card> longestRun(List<Card> hand) {
        int[] counts = rankCounts(hand);
        int bestStart = 2;
        int bestLength = 0;
        for (int start = 2; start <= 14; start++) {
            int length = 0;
            while (start + length <= 14 && counts[start + length] > 0) {
                length++;
            }
            if (length > bestLength) {
                bestLength = length;
                bestStart = start;
            }
        }
        List<Card> run = new ArrayList<>();
        boolean[] taken = new boolean[15];
        for (Card c : hand) {
            if (c.rank() >= bestStart && c.rank() < bestStart + bestLength && !taken[c.rank()]) {
                taken[c.rank()] = true;
                run.add(c);
            }
        }
        return run;
    }

    // --- the shop ------------------------------------------------------------------------------------------

    private void shop(Voucher onOffer) {
        List<ShopOffer> offers = new ArrayList<>();
        int cardSlots = 2 + (vouchers.contains(Voucher.OVERSTOCK) ? 1 : 0);
        for (int i = 0; i < cardSlots; i++) {
            offers.add(cardOffer(i, pendingCoupon));
        }
        int slot = cardSlots;
        if (pendingFreeJoker != null) {
            offers.add(new ShopOffer(slot++, "JOKER", randomJoker(pendingFreeJoker).displayName(), 0));
            pendingFreeJoker = null;
        }
        if (onOffer != null) {
            offers.add(new ShopOffer(slot++, "VOUCHER", onOffer.displayName(), price(Voucher.COST)));
        }
        for (int i = 0; i < 2; i++) {
            offers.add(new ShopOffer(slot++, "BOOSTER_PACK", PACKS[random.nextInt(PACKS.length)], price(4)));
        }
        pendingCoupon = false;
        int rerollCost = pendingD6 ? 0 : vouchers.contains(Voucher.REROLL_SURPLUS) ? 3 : 5;
        pendingD6 = false;
        emit(new ShopEntered(ante, money, offers.stream()
                .map(o -> new ShopItem(o.slot(), o.itemType(), o.name(), o.cost())).toList(), rerollCost), 900);

        int rerolls = 0;
        for (int action = 0; action < MAX_SHOP_ACTIONS; action++) {
            // Interest stops at the cap, so money beyond the reserve is worth spending.
            // ...but an engine comes first: no saving before three scoring jokers.
            int reserve = scoringJokers() < 3 ? 0
                    : Math.min(style.interestTarget(), vouchers.contains(Voucher.SEED_MONEY) ? 50 : 25);
            double richness = Math.max(0, money - reserve - 8) / 10.0;
            List<String> options = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<ShopOffer> choices = new ArrayList<>();
            for (ShopOffer offer : offers) {
                options.add(offer.name());
                if (offer.cost() <= money) {
                    double value = valueOf(offer);
                    if (money - offer.cost() < reserve && value < 1.5) {
                        value *= 0.5;
                    }
                    values.add(value);
                    choices.add(offer);
                }
            }
            double bestItem = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            boolean canReroll = rerolls < style.rerollBudget() + (int) richness && bestItem < 0.9
                    && money - rerollCost >= reserve / 2 && money >= rerollCost;
            options.add("reroll");
            options.add("leave");
            if (canReroll) {
                values.add(Math.min(0.8, 0.6 + 0.05 * richness));
                choices.add(new ShopOffer(-1, "REROLL", "reroll", rerollCost));
            }
            values.add(0.55 - 0.1 * Math.min(3, richness));
            choices.add(new ShopOffer(-2, "LEAVE", "leave", 0));

            double t = 0.08 + style.temperature() * 0.4;
            double[] weights = new double[values.size()];
            double sum = 0;
            double top = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.exp((values.get(i) - top) / t);
                sum += weights[i];
            }
            int pick = pickIndex(weights, sum);
            ShopOffer chosen = choices.get(pick);
            decision(Phase.SHOP, "shop_action", options, chosen.name(), weights[pick] / sum, usesLlm(),
                    "shop:" + action);
            if (chosen.slot() == -2) {
                return;
            }
            if (chosen.slot() == -1) {
                money -= rerollCost;
                emit(new ShopRerolled(ante, rerollCost, money), 500);
                rerollCost++;
                rerolls++;
                List<ShopOffer> fresh = new ArrayList<>();
                for (ShopOffer offer : offers) {
                    fresh.add(offer.slot() < cardSlots ? cardOffer(offer.slot(), false) : offer);
                }
                offers = fresh;
                continue;
            }
            offers.remove(chosen);
            buy(chosen);
        }
    }

    private ShopOffer cardOffer(int slot, boolean free) {
        double roll = random.nextDouble();
        if (vouchers.contains(Voucher.MAGIC_TRICK) && roll < 0.1) {
            Card card = new Card(2 + random.nextInt(13), "SHDC".charAt(random.nextInt(4)));
            return new ShopOffer(slot, "PLAYING_CARD", card.toString(), free ? 0 : price(1));
        }
        if (roll < 0.71) {
            double rarity = random.nextDouble();
            Joker.Rarity r = rarity < 0.70 ? Joker.Rarity.COMMON : rarity < 0.95 ? Joker.Rarity.UNCOMMON
                    : Joker.Rarity.RARE;
            Joker joker = randomJoker(r);
            return new ShopOffer(slot, "JOKER", joker.displayName(), free ? 0 : price(joker.cost()));
        }
        if (roll < 0.85) {
            return new ShopOffer(slot, "TAROT", TAROTS[random.nextInt(TAROTS.length)], free ? 0 : price(3));
        }
        HandType type = PLANET_TYPES[random.nextInt(PLANET_TYPES.length)];
        return new ShopOffer(slot, "PLANET", type.planet(), free ? 0 : price(3));
    }

    private int price(int cost) {
        return vouchers.contains(Voucher.CLEARANCE_SALE) ? Math.max(1, cost * 3 / 4) : cost;
    }

    private Joker randomJoker(Joker.Rarity rarity) {
        List<Joker> pool = new ArrayList<>();
        for (Joker j : Joker.values()) {
            if (j.rarity() == rarity && !holds(j) && (j != Joker.CAVENDISH || grosMichelExtinct)
                    && (j != Joker.GROS_MICHEL || !grosMichelExtinct)) {
                pool.add(j);
            }
        }
        if (pool.isEmpty()) {
            return Joker.JOKER;
        }
        return pool.get(random.nextInt(pool.size()));
    }

    private double valueOf(ShopOffer offer) {
        return switch (offer.itemType()) {
            case "JOKER" -> {
                Joker joker = jokerNamed(offer.name());
                double value = jokerValue(joker);
                if (jokers.size() >= jokerSlots()) {
                    value -= jokerValue(weakest().joker()) + 0.1;
                }
                yield value;
            }
            case "PLANET" -> planetValue(HandType.ofPlanet(offer.name()));
            case "TAROT" -> tarotValue(offer.name());
            case "VOUCHER" -> voucherValue(offer.name());
            case "BOOSTER_PACK" -> switch (offer.name()) {
                case "Celestial Pack" -> 0.75;
                case "Arcana Pack" -> 0.45;
                default -> style.focus() == Focus.FACES || style.focus() == Focus.PAIRS ? 0.4 : 0.25;
            };
            case "PLAYING_CARD" -> 0.3;
            default -> 0;
        };
    }

    private double jokerValue(Joker joker) {
        double base = switch (joker.kind()) {
            case CHIPS -> 0.8;
            case MULT -> 1.0;
            case XMULT -> 1.6;
            case ECONOMY -> scoringJokers() < 2 ? 0.25 : 0.5 * (9 - Math.min(8, ante)) / 6.0;
            case UTILITY -> 0.5;
            case COPY -> {
                // Worth what it would copy: the best scoring joker held, or little while there is none.
                double bestOther = 0.4;
                for (JokerSlot slot : jokers) {
                    Joker.Kind kind = slot.joker().kind();
                    if (kind == Joker.Kind.CHIPS || kind == Joker.Kind.MULT || kind == Joker.Kind.XMULT) {
                        bestOther = Math.max(bestOther, jokerValue(slot.joker()));
                    }
                }
                yield bestOther;
            }
        };
        double focus = joker.focus() == Focus.ANY ? 1.0 : joker.focus() == style.focus() ? 1.7 : 0.35;
        if ((joker == Joker.FOUR_FINGERS || joker == Joker.SMEARED_JOKER) && style.focus() == Focus.FLUSH) {
            focus = 2.6;
        }
        if (joker == Joker.FOUR_FINGERS && style.focus() == Focus.STRAIGHT) {
            focus = 2.4;
        }
        double preference = joker.kind() == style.preferredKind() ? 1.3 : 1.0;
        return base * focus * preference;
    }

    /** A planet is worth what the agent's play leans on: its focus, and the hands it has been playing. */
    private double planetValue(HandType type) {
        double share = handsPlayedRun == 0 ? 0 : (double) typePlays[type.ordinal()] / handsPlayedRun;
        return 0.3 + (style.focus().aims(type) && style.focus() != Focus.ANY ? 0.5 : 0) + 2.0 * share;
    }

    private double tarotValue(String name) {
        char main = mostCommonSuit(deck);
        return switch (name) {
            case "The Star" -> style.focus() == Focus.FLUSH && main == 'D' ? 1.0 : 0.2;
            case "The Moon" -> style.focus() == Focus.FLUSH && main == 'C' ? 1.0 : 0.2;
            case "The Sun" -> style.focus() == Focus.FLUSH && main == 'H' ? 1.0 : 0.2;
            case "The World" -> style.focus() == Focus.FLUSH && main == 'S' ? 1.0 : 0.2;
            case "The Lovers" -> style.focus() == Focus.FLUSH ? 0.7 : 0.3;
            case "The Empress", "Justice", "The Hermit", "The High Priestess" -> 0.6;
            case "The Hierophant", "The Hanged Man" -> 0.5;
            default -> 0.35;
        };
    }

    private double voucherValue(String name) {
        return switch (name) {
            case "Grabber", "Wasteful", "Paint Brush" -> 1.1;
            case "Seed Money" -> style.interestTarget() >= 15 ? 0.9 : 0.4;
            case "Clearance Sale", "Overstock", "Reroll Surplus" -> 0.7;
            case "Telescope" -> 0.6;
            case "Magic Trick", "Crystal Ball" -> 0.3;
            default -> 0.1;
        };
    }

    private void buy(ShopOffer offer) {
        switch (offer.itemType()) {
            case "JOKER" -> {
                if (jokers.size() >= jokerSlots()) {
                    sellWeakest();
                }
                money -= offer.cost();
                emit(new ItemPurchased(ante, ItemType.JOKER, offer.name(), offer.cost(), money), 600);
                jokers.add(new JokerSlot(jokerNamed(offer.name()), offer.cost()));
                arrangeJokers();
            }
            case "TAROT", "PLANET" -> {
                money -= offer.cost();
                emit(new ItemPurchased(ante, ItemType.CONSUMABLE, offer.name(), offer.cost(), money), 500);
                if (offer.itemType().equals("PLANET")) {
                    usePlanet(offer.name());
                } else {
                    useTarot(offer.name(), drawForTargets());
                }
            }
            case "VOUCHER" -> {
                money -= offer.cost();
                emit(new ItemPurchased(ante, ItemType.VOUCHER, offer.name(), offer.cost(), money), 600);
                for (Voucher v : Voucher.values()) {
                    if (v.displayName().equals(offer.name())) {
                        vouchers.add(v);
                    }
                }
            }
            case "BOOSTER_PACK" -> {
                money -= offer.cost();
                emit(new ItemPurchased(ante, ItemType.BOOSTER_PACK, offer.name(), offer.cost(), money), 600);
                openPack(offer.name());
            }
            case "PLAYING_CARD" -> {
                money -= offer.cost();
                emit(new ItemPurchased(ante, ItemType.PLAYING_CARD, offer.name(), offer.cost(), money), 500);
                deck.add(parseCard(offer.name()));
            }
            default -> throw new IllegalStateException("cannot buy " + offer);
        }
    }

    /**
     * Orders the jokers as a player would: chips and +mult first, multipliers last (they multiply what the
     * others added), Blueprint just before the strongest multiplier so that it copies it.
     */
    private void arrangeJokers() {
        List<JokerSlot> additive = new ArrayList<>();
        List<JokerSlot> other = new ArrayList<>();
        List<JokerSlot> multipliers = new ArrayList<>();
        List<JokerSlot> blueprints = new ArrayList<>();
        for (JokerSlot slot : jokers) {
            switch (slot.joker().kind()) {
                case CHIPS, MULT -> additive.add(slot);
                case XMULT -> multipliers.add(slot);
                case COPY -> (slot.joker() == Joker.BLUEPRINT ? blueprints : other).add(slot);
                default -> other.add(slot);
            }
        }
        multipliers.sort(Comparator.comparingDouble((JokerSlot slot) -> jokerValue(slot.joker())));
        List<JokerSlot> ordered = new ArrayList<>(additive);
        ordered.addAll(other);
        ordered.addAll(multipliers);
        int at = multipliers.isEmpty() ? ordered.size() : ordered.size() - 1;
        ordered.addAll(at, blueprints);
        jokers.clear();
        jokers.addAll(ordered);
    }

    private int scoringJokers() {
        int n = 0;
        for (JokerSlot slot : jokers) {
            Joker.Kind kind = slot.joker().kind();
            n += kind == Joker.Kind.CHIPS || kind == Joker.Kind.MULT || kind == Joker.Kind.XMULT ? 1 : 0;
        }
        return n;
    }

    private void sellWeakest() {
        JokerSlot weakest = weakest();
        jokers.remove(weakest);
        money += weakest.sellValue();
        emit(new JokerSold(ante, weakest.name(), weakest.sellValue(), money), 500);
    }

    private JokerSlot weakest() {
        JokerSlot weakest = jokers.get(0);
        for (JokerSlot slot : jokers) {
            if (jokerValue(slot.joker()) < jokerValue(weakest.joker())) {
                weakest = slot;
            }
        }
        return weakest;
    }

    private int jokerSlots() {
        return setup.deck().jokerSlots();
    }

    // --- packs and consumables -----------------------------------------------------------------------------

    private void openPack(String pack) {
        List<String> options = new ArrayList<>(3);
        switch (pack) {
            case "Celestial Pack" -> {
                for (int i = 0; i < 3; i++) {
                    options.add(random.nextInt(100) < 2 ? "Black Hole"
                            : PLANET_TYPES[random.nextInt(PLANET_TYPES.length)].planet());
                }
                if (vouchers.contains(Voucher.TELESCOPE)) {
                    options.set(0, mostPlayed().planet());
                }
            }
            case "Arcana Pack" -> {
                for (int i = 0; i < 3; i++) {
                    options.add(random.nextInt(100) < 4 ? SPECTRALS[random.nextInt(2)]
                            : TAROTS[random.nextInt(TAROTS.length)]);
                }
            }
            default -> {
                for (int i = 0; i < 3; i++) {
                    options.add(new Card(2 + random.nextInt(13), "SHDC".charAt(random.nextInt(4))).toString());
                }
            }
        }
        double[] values = new double[options.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = packValue(pack, options.get(i));
        }
        double max = java.util.Arrays.stream(values).max().orElse(0);
        double t = 0.08 + style.temperature() * 0.4;
        double[] weights = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            weights[i] = Math.exp((values[i] - max) / t);
            sum += weights[i];
        }
        int pick = pickIndex(weights, sum);
        String chosen = options.get(pick);
        decision(Phase.PACK, "pick_card", options.stream().distinct().toList(), chosen, weights[pick] / sum,
                usesLlm(), "pack:" + pack);
        switch (pack) {
            case "Celestial Pack" -> usePlanet(chosen);
            case "Arcana Pack" -> useTarot(chosen, drawForTargets());
            default -> deck.add(parseCard(chosen));
        }
    }

    private double packValue(String pack, String option) {
        return switch (pack) {
            case "Celestial Pack" -> {
                if (option.equals("Black Hole")) {
                    yield 2.0;
                }
                yield planetValue(HandType.ofPlanet(option));
            }
            case "Arcana Pack" -> option.equals("Sigil") && style.focus() == Focus.FLUSH ? 1.5 : tarotValue(option);
            default -> {
                Card c = parseCard(option);
                yield switch (style.focus()) {
                    case FLUSH -> c.suit() == mostCommonSuit(deck) ? 1.0 : 0.1;
                    case FACES -> c.isFace() ? 1.0 : 0.1;
                    default -> c.chips() / 11.0;
                };
            }
        };
    }

    private void usePlanet(String name) {
        if (name.equals("Black Hole")) {
            for (int i = 0; i < levels.length; i++) {
                levels[i]++;
            }
            emit(new ConsumableUsed(ante, name, ConsumableType.SPECTRAL, null), 700);
            return;
        }
        HandType type = HandType.ofPlanet(name);
        levels[type.ordinal()]++;
        for (JokerSlot slot : jokers) {
            if (slot.joker() == Joker.CONSTELLATION) {
                slot.counter(slot.counter() + 0.1);
            }
        }
        emit(new ConsumableUsed(ante, name, ConsumableType.PLANET, null), 700);
    }

    /** Positions in the deck of a hand drawn to choose a tarot's targets from. */
    private List<Integer> drawForTargets() {
        List<Integer> positions = new ArrayList<>(deck.size());
        for (int i = 0; i < deck.size(); i++) {
            positions.add(i);
        }
        shuffle(positions);
        return new ArrayList<>(positions.subList(0, Math.min(BASE_HAND_SIZE, positions.size())));
    }

    private void useTarot(String name, List<Integer> drawn) {
        char main = mostCommonSuit(deck);
        List<Integer> targets = new ArrayList<>();
        ConsumableType kind = ConsumableType.TAROT;
        switch (name) {
            case "The Star", "The Moon", "The Sun", "The World" -> {
                char suit = switch (name) {
                    case "The Star" -> 'D';
                    case "The Moon" -> 'C';
                    case "The Sun" -> 'H';
                    default -> 'S';
                };
                for (int p : drawn) {
                    if (targets.size() < 3 && deck.get(p).suit() != suit) {
                        targets.add(p);
                    }
                }
                targets.forEach(p -> deck.set(p, deck.get(p).withSuit(suit)));
            }
            case "Strength" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> -deck.get(p).rank()));
                targets.forEach(p -> deck.set(p, deck.get(p).withRank(deck.get(p).rank() == 14 ? 2
                        : deck.get(p).rank() + 1)));
            }
            case "The Hanged Man" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> deck.get(p).chips()));
                targets.sort(Comparator.reverseOrder());
            }
            case "Death" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> deck.get(p).chips()));
                if (targets.size() == 2) {
                    deck.set(targets.get(0), deck.get(drawn.get(drawn.size() - 1)));
                }
            }
            case "The Empress", "The Hierophant" -> {
                pickTargets(drawn, targets, 2, Comparator.comparingInt(p -> -deck.get(p).chips()));
                Card.Enhancement e = name.equals("The Empress") ? Card.Enhancement.MULT : Card.Enhancement.BONUS;
                targets.forEach(p -> deck.set(p, deck.get(p).enhanced(e)));
            }
            case "Justice", "The Lovers" -> {
                pickTargets(drawn, targets, 1, Comparator.comparingInt(p -> -deck.get(p).chips()));
                Card.Enhancement e = name.equals("Justice") ? Card.Enhancement.GLASS : Card.Enhancement.WILD;
                targets.forEach(p -> deck.set(p, deck.get(p).enhanced(e)));
            }
            case "The Hermit" -> money += Math.min(Math.max(0, money), 20);
            case "Temperance" -> money += Math.min(50, jokers.stream().mapToInt(JokerSlot::sellValue).sum());
            case "Sigil" -> {
                kind = ConsumableType.SPECTRAL;
                targets.addAll(drawn);
                targets.forEach(p -> deck.set(p, deck.get(p).withSuit(main)));
            }
            case "Immolate" -> {
                kind = ConsumableType.SPECTRAL;
                pickTargets(drawn, targets, 5, Comparator.comparingInt(p -> deck.get(p).chips()));
                targets.sort(Comparator.reverseOrder());
                money += 20;
            }
            default -> {
                // The High Priestess: its planets are used right after it
            }
        }
        List<String> names = targets.isEmpty() ? null : targets.stream().map(p -> deck.get(p).toString()).toList();
        emit(new ConsumableUsed(ante, name, kind, names), 800);
        if (name.equals("The Hanged Man") || name.equals("Immolate")) {
            for (int p : targets) {
                if (deck.size() > 20) {
                    deck.remove(p);
                }
            }
        }
        if (name.equals("The High Priestess")) {
            usePlanet(PLANET_TYPES[random.nextInt(PLANET_TYPES.length)].planet());
            usePlanet(PLANET_TYPES[random.nextInt(PLANET_TYPES.length)].planet());
        }
    }

    private void pickTargets(List<Integer> drawn, List<Integer> targets, int max, Comparator<Integer> order) {
        List<Integer> sorted = new ArrayList<>(drawn);
        sorted.sort(order);
        targets.addAll(sorted.subList(0, Math.min(max, sorted.size())));
    }

    private HandType mostPlayed() {
        HandType best = HandType.HIGH_CARD;
        for (HandType type : HandType.values()) {
            if (typePlays[type.ordinal()] > typePlays[best.ordinal()]) {
                best = type;
            }
        }
        return best;
    }

    // --- bosses and vouchers of an ante --------------------------------------------------------------------

    private Boss pickBoss() {
        boolean finisherAnte = ante % 8 == 0;
        List<Boss> pool = new ArrayList<>();
        for (Boss boss : Boss.values()) {
            if (finisherAnte ? boss.isFinisher() : !boss.isFinisher() && boss.minAnte() <= ante) {
                pool.add(boss);
            }
        }
        return pool.get(random.nextInt(pool.size()));
    }

    private Voucher pickVoucher() {
        List<Voucher> pool = new ArrayList<>();
        for (Voucher v : Voucher.values()) {
            if (!vouchers.contains(v)) {
                pool.add(v);
            }
        }
        return pool.isEmpty() ? null : pool.get(random.nextInt(pool.size()));
    }

    // --- events --------------------------------------------------------------------------------------------

    private void decision(Phase phase, String type, List<String> options, String selected, double confidence,
                          boolean llm, String context) {
        double base = llm ? 3_200 : phase == Phase.PLAYING ? 450 : 300;
        int ms = (int) Math.min(60_000, Math.round(base * Math.exp(0.45 * random.nextGaussian())));
        lastDecisionMs = ms;
        String hash = Long.toHexString(mix(setup.gameId().hashCode() * 31L + eventCount, context.hashCode()));
        emit(new DecisionMade(ante, phase, type, List.copyOf(options.subList(0, Math.min(100, options.size()))),
                selected, Math.round(clamp(confidence, 0, 1) * 1000) / 1000.0, llm, hash, ms), ms);
    }

    private boolean usesLlm() {
        return random.nextDouble() < style.llmRate();
    }

    private void emit(GameEvent event, long afterMillis) {
        chunk.add(new TimedEvent(clock.advance(afterMillis, random.nextInt(1_000)), event));
        eventCount++;
    }

    private void endChunk() {
        if (!chunk.isEmpty()) {
            chunks.add(List.copyOf(chunk));
            chunk = new ArrayList<>();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private String balatroSeed() {
        String alphabet = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789";
        StringBuilder seed = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            seed.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return seed.toString();
    }

    private List<String> jokerNames() {
        return jokers.stream().map(JokerSlot::name).toList();
    }

    private int count(Joker joker) {
        int n = 0;
        for (JokerSlot slot : jokers) {
            if (slot.joker() == joker) {
                n++;
            }
        }
        return n;
    }

    private boolean holds(Joker joker) {
        return count(joker) > 0;
    }

    private static Joker jokerNamed(String name) {
        for (Joker j : Joker.values()) {
            if (j.displayName().equals(name)) {
                return j;
            }
        }
        throw new IllegalArgumentException("no joker named " + name);
    }

    private static Card parseCard(String text) {
        return new Card("23456789TJQKA".indexOf(text.charAt(0)) + 2, text.charAt(1));
    }

    private static List<String> cardNames(List<Card> cards) {
        return cards.stream().map(Card::toString).toList();
    }

    private static String cardList(List<Card> cards) {
        StringBuilder out = new StringBuilder();
        for (Card c : cards) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(c);
        }
        return out.toString();
    }

    private void draw(List<Card> pile, List<Card> hand, int count) {
        for (int i = 0; i < count && !pile.isEmpty(); i++) {
            hand.add(pile.remove(pile.size() - 1));
        }
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private int pickIndex(double[] weights, double sum) {
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
