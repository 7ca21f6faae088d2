package dev.ante.simulator.game;

import dev.ante.domain.game.BlindDefeated;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindSkipped;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.CardsDiscarded;
import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.Phase;
import dev.ante.simulator.game.AgentPolicy.Candidate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays one game by the rules of a Balatro-like run and records it as the game stream's events: antes 1–8
 * of small, big and boss blinds with growing chip targets; hands scored by {@link Scoring}; discards; skips
 * for tags; a shop after every beaten blind with jokers, consumables, vouchers, packs, sales and rerolls;
 * interest; and the agent's decisions with their confidence. The agent's choices follow its
 * {@link PlayStyle}, so better parameters and better joker combinations really do win more.
 *
 * <p>This class holds the rules of the run — antes, blinds, rounds, tags, rewards and the jokers that change
 * as the run goes — and works with the run's state ({@link RunState}), the agent's evaluation of its options
 * ({@link AgentPolicy}), the shop and its pricing ({@link Shop}), packs and consumables ({@link Consumables})
 * and the recording of events ({@link GameRecorder}).
 *
 * <p>Everything random comes from the given {@link SplittableRandom}, so a game is a pure function of its
 * setup, its random stream and its start time. The collaborators share that one random stream and draw from
 * it in the order the game is played.
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

    private final RunState run;
    private final GameRecorder recorder;
    private final AgentPolicy policy;
    private final Consumables consumables;
    private final Shop shop;
    private final boolean endless;

    private GamePlay(Setup setup, SplittableRandom random, SimClock clock) {
        this.run = new RunState(setup, random);
        this.recorder = new GameRecorder(run, clock);
        this.policy = new AgentPolicy(run);
        this.consumables = new Consumables(run, recorder, policy);
        this.shop = new Shop(run, recorder, policy, consumables);
        this.endless = setup.stopAfterEvents() > 0;
    }

    /** Plays the game described by {@code setup}. */
    public static Played play(Setup setup, SplittableRandom random, SimClock clock) {
        return new GamePlay(setup, random, clock).playGame();
    }

    private Played playGame() {
        run.money = run.setup.deck().startingMoney();
        recorder.emit(new GameStarted(run.setup.agentId(), run.setup.strategyId(), run.setup.modelVersion(),
                balatroSeed(), run.setup.deck().displayName(), run.setup.stake().displayName(), run.money), 1_500);
        Outcome outcome = null;
        boolean giveUpEarly = !endless && run.random.nextDouble() < 0.01;
        int giveUpAnte = 2 + run.random.nextInt(5);
        outer:
        for (run.ante = 1; endless || run.ante <= 8; run.ante++) {
            Boss boss = pickBoss();
            Voucher onOffer = pickVoucher();
            for (BlindType blind : BlindType.values()) {
                if (giveUpEarly && run.ante == giveUpAnte && blind == BlindType.BIG) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
                if (blind != BlindType.BOSS && decideSkip(blind)) {
                    recorder.endChunk();
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
                if (!endless && run.ante == 8 && blind == BlindType.BOSS) {
                    outcome = Outcome.WIN;
                    break outer;
                }
                recorder.endChunk();
                if (endless && recorder.eventCount() >= run.setup.stopAfterEvents()) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
                shop.visit(onOffer);
                if (run.vouchers.contains(onOffer)) {
                    onOffer = null;
                }
                recorder.endChunk();
                if (endless && recorder.eventCount() >= run.setup.stopAfterEvents()) {
                    outcome = Outcome.ABANDONED;
                    break outer;
                }
            }
        }
        int finalAnte = Math.min(run.ante, endless ? run.ante : 8);
        recorder.emit(new GameCompleted(outcome, finalAnte, run.money, run.bestHandScore, run.jokerNames()), 800);
        recorder.endChunk();
        if (endless) {
            return recorder.trimmedMarathon(finalAnte);
        }
        if (run.setup.crashAt() > 0) {
            return recorder.crashed();
        }
        return new Played(run.setup.gameId(), recorder.chunks(), outcome, finalAnte, run.bestHandScore,
                recorder.eventCount(), run.jokerNames());
    }

    private boolean decideSkip(BlindType blind) {
        Tag tag = Tag.values()[run.random.nextInt(Tag.values().length)];
        long chips = chipsFor(blind, null);
        double strength = run.lastBestScore * 3.0 / Math.max(1, chips);
        double pSkip = run.style.skipAggression() * RunState.clamp((strength - 1.5) / 2, 0, 1);
        if (tag == Tag.INVESTMENT || tag == Tag.ECONOMY || tag == Tag.RARE) {
            pSkip += 0.08 * run.style.skipAggression();
        }
        boolean skip = run.random.nextDouble() < pSkip;
        boolean llm = recorder.usesLlm();
        String skipOption = "skip:" + tag.displayName();
        recorder.decision(Phase.BLIND_SELECT, "select_blind", List.of("play", skipOption), skip ? skipOption : "play",
                skip ? Math.max(pSkip, 0.05) : Math.max(1 - pSkip, 0.05), llm, blind.name());
        if (!skip) {
            return false;
        }
        recorder.emit(new BlindSkipped(run.ante, blind, tag.displayName()), 600);
        run.skips++;
        applyTag(tag);
        return true;
    }

    private void applyTag(Tag tag) {
        switch (tag) {
            case INVESTMENT -> run.pendingInvestment++;
            case ECONOMY -> run.money += Math.min(Math.max(run.money, 0), 40);
            case SPEED -> run.money += 5 * run.skips;
            case HANDY -> run.money += run.handsPlayedRun;
            case GARBAGE -> run.money += run.unusedDiscardsRun;
            case COUPON -> run.pendingCoupon = true;
            case D6 -> run.pendingD6 = true;
            case JUGGLE -> run.pendingJuggle = true;
            case CHARM -> consumables.openPack("Arcana Pack");
            case METEOR -> consumables.openPack("Celestial Pack");
            case UNCOMMON -> run.pendingFreeJoker = Joker.Rarity.UNCOMMON;
            case RARE -> run.pendingFreeJoker = Joker.Rarity.RARE;
            case BOSS -> {
                // rerolls the boss; the next boss is picked fresh anyway
            }
        }
    }

    private long chipsFor(BlindType blind, Boss boss) {
        long base = run.setup.stake().baseChips(run.ante, run.setup.sandboxCap());
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
        recorder.emit(new BlindSelected(run.ante, blind, blindName, chips), 700);
        Scoring.Debuff debuff = blind == BlindType.BOSS ? boss.debuff() : Scoring.Debuff.NONE;
        if (rule == Boss.Rule.DEBUFF_ALL_UNTIL_SALE && !run.jokers.isEmpty()) {
            shop.sellWeakest();
            debuff = Scoring.Debuff.NONE;
        }
        int hands = rule == Boss.Rule.ONE_HAND ? 1
                : run.setup.deck().hands() + (run.vouchers.contains(Voucher.GRABBER) ? 1 : 0);
        int discards = rule == Boss.Rule.NO_DISCARDS ? 0 : Math.max(0, run.setup.deck().discards()
                - run.setup.stake().fewerDiscards() + (run.vouchers.contains(Voucher.WASTEFUL) ? 1 : 0)
                + run.count(Joker.DRUNKARD));
        int handSize = Math.max(5, RunState.BASE_HAND_SIZE + run.count(Joker.JUGGLER)
                + (run.vouchers.contains(Voucher.PAINT_BRUSH) ? 1 : 0) + (run.pendingJuggle ? 3 : 0)
                - (rule == Boss.Rule.SMALLER_HAND ? 1 : 0) - 2 * run.count(Joker.STUNTMAN));
        run.pendingJuggle = false;

        List<Card> pile = new ArrayList<>(run.deck);
        run.shuffle(pile);
        List<Card> hand = new ArrayList<>();
        run.draw(pile, hand, handSize);
        long scored = 0;
        int handNumber = 0;
        int discardsUsed = 0;
        EnumSet<HandType> roundTypes = EnumSet.noneOf(HandType.class);
        boolean consideredGivingUp = false;
        boolean declinedGivingUp = false;
        while (scored < chips && hands > 0 && !hand.isEmpty()) {
            int disabled = rule == Boss.Rule.DISABLE_JOKER && !run.jokers.isEmpty()
                    ? run.random.nextInt(run.jokers.size()) : -1;
            Scoring.Context ctx = new Scoring.Context(run.levels, run.typePlays, discards, run.money, debuff,
                    rule == Boss.Rule.HALF_BASE, disabled, hands, run.jokerSlots(), roundTypes);
            List<Candidate> candidates = policy.candidates(hand, ctx, rule, roundTypes);
            Candidate best = candidates.get(0);
            long need = chips - scored;
            boolean llm = recorder.usesLlm();
            double temperature = llm ? run.style.temperature() * 0.6 : run.style.temperature();
            String context = "hand:" + blind + ':' + handNumber;

            if (!consideredGivingUp && best.score() * hands * 4L < need) {
                consideredGivingUp = true;
            }
            if (consideredGivingUp && !declinedGivingUp
                    && run.random.nextDouble() < run.style.abandonPropensity() * 0.15) {
                List<String> options = new ArrayList<>(AgentPolicy.playOptions(candidates, 3));
                options.add("abandon");
                recorder.decision(Phase.PLAYING, "play_or_discard", options, "abandon",
                        0.5 + run.random.nextDouble() * 0.4, llm, context);
                return RoundEnd.ABANDONED;
            }
            declinedGivingUp |= consideredGivingUp;
            // A hand that keeps pace with what the blind still needs is played; a weak one is discarded.
            double pace = (double) need / hands;
            boolean chase = discards > 0 && best.score() < need
                    && (best.score() < pace * (0.8 + 0.6 * run.style.discardEagerness())
                    || (!run.style.focus().aims(best.type()) && best.score() < pace * 1.5
                    && run.random.nextDouble() < run.style.discardEagerness() * 0.3));
            List<String> options = new ArrayList<>(AgentPolicy.playOptions(candidates, 3));
            List<Card> toDiscard = chase || discards > 0 ? policy.chooseDiscard(hand) : List.of();
            String discardOption = toDiscard.isEmpty() ? null : "discard:" + RunState.cardList(toDiscard);
            if (discards > 0 && discardOption != null) {
                options.add(discardOption);
            }
            if (chase && discardOption != null) {
                double confidence = RunState.clamp(1.0 - (double) best.score() * hands / Math.max(1, need), 0.3, 0.97);
                recorder.decision(Phase.PLAYING, "play_or_discard", options, discardOption, confidence, llm, context);
                hand.removeAll(toDiscard);
                discards--;
                discardsUsed++;
                for (JokerSlot slot : run.jokers) {
                    if (slot.joker() == Joker.GREEN_JOKER) {
                        slot.counter(Math.max(0, slot.counter() - 1));
                    } else if (slot.joker() == Joker.RAMEN) {
                        slot.counter(slot.counter() - 0.01 * toDiscard.size());
                    }
                }
                run.jokers.removeIf(slot -> slot.joker() == Joker.RAMEN && slot.counter() <= 1.0);
                recorder.emit(new CardsDiscarded(run.ante, blind, RunState.cardNames(toDiscard), discards), 900);
                run.draw(pile, hand, handSize - hand.size());
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
            int pick = run.pickIndex(weights, sum);
            Candidate chosen = candidates.get(pick);
            recorder.decision(Phase.PLAYING, "play_or_discard", options, AgentPolicy.playOption(chosen),
                    weights[pick] / sum, llm, context);

            beforeHand(chosen);
            Scoring.Result result = Scoring.score(chosen.cards(), chosen.held(), run.jokers, ctx, true);
            int moneyBefore = run.money;
            if (rule == Boss.Rule.MONEY_PER_CARD) {
                run.money = Math.max(0, run.money - chosen.cards().size());
            }
            if (rule == Boss.Rule.MOST_PLAYED_COSTS_MONEY && run.isMostPlayed(result.type())) {
                run.money = 0;
            }
            handNumber++;
            hands--;
            run.handsPlayedRun++;
            scored += result.finalScore();
            run.bestHandScore = Math.max(run.bestHandScore, result.finalScore());
            roundTypes.add(result.type());
            recorder.emit(new HandPlayed(run.ante, blind, handNumber, RunState.cardNames(chosen.cards()),
                    result.type().displayName(), run.jokerNames(), result.baseChips(), result.baseMult(),
                    result.effects().isEmpty() ? null : result.effects(), result.finalChips(), result.finalMult(),
                    result.finalScore(), moneyBefore, run.money, recorder.lastDecisionMs()), 2_200);
            afterHand(result);
            hand.removeAll(chosen.cards());
            run.draw(pile, hand, handSize - hand.size());
        }
        run.lastBestScore = Math.max(run.lastBestScore / 2, bestOfRound(scored, handNumber));
        if (scored < chips) {
            return RoundEnd.LOST;
        }
        int reward = roundReward(blind, hands, discards, discardsUsed);
        run.money += reward;
        recorder.emit(new BlindDefeated(run.ante, blind, scored, reward, run.money), 1_200);
        run.unusedDiscardsRun += discards;
        if (blind == BlindType.BOSS) {
            run.bossesDefeated++;
            run.money += 25 * run.pendingInvestment;
            run.pendingInvestment = 0;
        }
        endOfRound();
        return RoundEnd.DEFEATED;
    }

    private static long bestOfRound(long scored, int hands) {
        return hands == 0 ? 0 : scored / hands;
    }

    private int roundReward(BlindType blind, int handsLeft, int discardsLeft, int discardsUsed) {
        int blindReward = switch (blind) {
            case SMALL -> run.setup.stake().smallBlindPays() ? 3 : 0;
            case BIG -> 4;
            case BOSS -> 5;
        };
        int cap = run.vouchers.contains(Voucher.SEED_MONEY) ? 10 : 5;
        int interest = run.setup.deck().paysInterest()
                ? Math.min(Math.max(0, run.money) / 5, cap) * (1 + run.count(Joker.TO_THE_MOON)) : 0;
        int leftovers = run.setup.deck() == DeckType.GREEN ? 2 * handsLeft + discardsLeft : handsLeft;
        int fromJokers = 4 * run.count(Joker.GOLDEN_JOKER) + run.count(Joker.ROCKET) * (1 + 2 * run.bossesDefeated)
                + (discardsUsed == 0 ? 2 * discardsLeft * run.count(Joker.DELAYED_GRATIFICATION) : 0);
        return blindReward + interest + leftovers + fromJokers;
    }

    private void endOfRound() {
        List<JokerSlot> gone = new ArrayList<>();
        for (JokerSlot slot : run.jokers) {
            switch (slot.joker()) {
                case EGG -> slot.addSellValue(3);
                case POPCORN -> {
                    slot.counter(slot.counter() - 4);
                    if (slot.counter() <= 0) {
                        gone.add(slot);
                    }
                }
                case GROS_MICHEL -> {
                    if (run.random.nextInt(6) == 0) {
                        gone.add(slot);
                        run.grosMichelExtinct = true;
                    }
                }
                default -> {
                    // nothing at the end of a round
                }
            }
        }
        run.jokers.removeAll(gone);
    }

    private void beforeHand(Candidate chosen) {
        boolean faceScored = chosen.cards().stream().anyMatch(Card::isFace);
        for (JokerSlot slot : run.jokers) {
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
        run.typePlays[result.type().ordinal()]++;
        List<JokerSlot> gone = new ArrayList<>();
        for (JokerSlot slot : run.jokers) {
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
        run.jokers.removeAll(gone);
    }

    private Boss pickBoss() {
        boolean finisherAnte = run.ante % 8 == 0;
        List<Boss> pool = new ArrayList<>();
        for (Boss boss : Boss.values()) {
            if (finisherAnte ? boss.isFinisher() : !boss.isFinisher() && boss.minAnte() <= run.ante) {
                pool.add(boss);
            }
        }
        return pool.get(run.random.nextInt(pool.size()));
    }

    private Voucher pickVoucher() {
        List<Voucher> pool = new ArrayList<>();
        for (Voucher v : Voucher.values()) {
            if (!run.vouchers.contains(v)) {
                pool.add(v);
            }
        }
        return pool.isEmpty() ? null : pool.get(run.random.nextInt(pool.size()));
    }

    private String balatroSeed() {
        String alphabet = "ABCDEFGHIJKLMNPQRSTUVWXYZ123456789";
        StringBuilder seed = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            seed.append(alphabet.charAt(run.random.nextInt(alphabet.length())));
        }
        return seed.toString();
    }
}
