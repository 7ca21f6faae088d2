package dev.ante.simulator.game;

import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Phase;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.domain.game.ShopRerolled;
import java.util.ArrayList;
import java.util.List;

/**
 * The shop after a beaten blind: its offers and their prices (vouchers and tags change both), the agent's
 * choices among them, rerolls at rising cost, purchases and the sale of the weakest joker to make room.
 */
final class Shop {

    /** An offer in a shop slot; slots -1 and -2 stand for rerolling and leaving. */
    record ShopOffer(int slot, String itemType, String name, int cost) {
    }

    private static final String[] PACKS = {"Arcana Pack", "Celestial Pack", "Standard Pack"};
    private static final int MAX_SHOP_ACTIONS = 8;

    private final RunState run;
    private final GameRecorder recorder;
    private final AgentPolicy policy;
    private final Consumables consumables;

    Shop(RunState run, GameRecorder recorder, AgentPolicy policy, Consumables consumables) {
        this.run = run;
        this.recorder = recorder;
        this.policy = policy;
        this.consumables = consumables;
    }

    void visit(Voucher onOffer) {
        List<ShopOffer> offers = new ArrayList<>();
        int cardSlots = 2 + (run.vouchers.contains(Voucher.OVERSTOCK) ? 1 : 0);
        for (int i = 0; i < cardSlots; i++) {
            offers.add(cardOffer(i, run.pendingCoupon));
        }
        int slot = cardSlots;
        if (run.pendingFreeJoker != null) {
            offers.add(new ShopOffer(slot++, "JOKER", randomJoker(run.pendingFreeJoker).displayName(), 0));
            run.pendingFreeJoker = null;
        }
        if (onOffer != null) {
            offers.add(new ShopOffer(slot++, "VOUCHER", onOffer.displayName(), price(Voucher.COST)));
        }
        for (int i = 0; i < 2; i++) {
            offers.add(new ShopOffer(slot++, "BOOSTER_PACK", PACKS[run.random.nextInt(PACKS.length)], price(4)));
        }
        run.pendingCoupon = false;
        int rerollCost = run.pendingD6 ? 0 : run.vouchers.contains(Voucher.REROLL_SURPLUS) ? 3 : 5;
        run.pendingD6 = false;
        recorder.emit(new ShopEntered(run.ante, run.money, offers.stream()
                .map(o -> new ShopItem(o.slot(), o.itemType(), o.name(), o.cost())).toList(), rerollCost), 900);

        int rerolls = 0;
        for (int action = 0; action < MAX_SHOP_ACTIONS; action++) {
            // Interest stops at the cap, so money beyond the reserve is worth spending.
            // ...but an engine comes first: no saving before three scoring jokers.
            int reserve = policy.scoringJokers() < 3 ? 0
                    : Math.min(run.style.interestTarget(), run.vouchers.contains(Voucher.SEED_MONEY) ? 50 : 25);
            double richness = Math.max(0, run.money - reserve - 8) / 10.0;
            List<String> options = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<ShopOffer> choices = new ArrayList<>();
            for (ShopOffer offer : offers) {
                options.add(offer.name());
                if (offer.cost() <= run.money) {
                    double value = policy.valueOf(offer);
                    if (run.money - offer.cost() < reserve && value < 1.5) {
                        value *= 0.5;
                    }
                    values.add(value);
                    choices.add(offer);
                }
            }
            double bestItem = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            boolean canReroll = rerolls < run.style.rerollBudget() + (int) richness && bestItem < 0.9
                    && run.money - rerollCost >= reserve / 2 && run.money >= rerollCost;
            options.add("reroll");
            options.add("leave");
            if (canReroll) {
                values.add(Math.min(0.8, 0.6 + 0.05 * richness));
                choices.add(new ShopOffer(-1, "REROLL", "reroll", rerollCost));
            }
            values.add(0.55 - 0.1 * Math.min(3, richness));
            choices.add(new ShopOffer(-2, "LEAVE", "leave", 0));

            double t = 0.08 + run.style.temperature() * 0.4;
            double[] weights = new double[values.size()];
            double sum = 0;
            double top = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.exp((values.get(i) - top) / t);
                sum += weights[i];
            }
            int pick = run.pickIndex(weights, sum);
            ShopOffer chosen = choices.get(pick);
            recorder.decision(Phase.SHOP, "shop_action", options, chosen.name(), weights[pick] / sum,
                    recorder.usesLlm(), "shop:" + action);
            if (chosen.slot() == -2) {
                return;
            }
            if (chosen.slot() == -1) {
                run.money -= rerollCost;
                recorder.emit(new ShopRerolled(run.ante, rerollCost, run.money), 500);
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
        double roll = run.random.nextDouble();
        if (run.vouchers.contains(Voucher.MAGIC_TRICK) && roll < 0.1) {
            Card card = new Card(2 + run.random.nextInt(13), "SHDC".charAt(run.random.nextInt(4)));
            return new ShopOffer(slot, "PLAYING_CARD", card.toString(), free ? 0 : price(1));
        }
        if (roll < 0.71) {
            double rarity = run.random.nextDouble();
            Joker.Rarity r = rarity < 0.70 ? Joker.Rarity.COMMON : rarity < 0.95 ? Joker.Rarity.UNCOMMON
                    : Joker.Rarity.RARE;
            Joker joker = randomJoker(r);
            return new ShopOffer(slot, "JOKER", joker.displayName(), free ? 0 : price(joker.cost()));
        }
        if (roll < 0.85) {
            return new ShopOffer(slot, "TAROT", Consumables.TAROTS[run.random.nextInt(Consumables.TAROTS.length)],
                    free ? 0 : price(3));
        }
        HandType type = Consumables.PLANET_TYPES[run.random.nextInt(Consumables.PLANET_TYPES.length)];
        return new ShopOffer(slot, "PLANET", type.planet(), free ? 0 : price(3));
    }

    private int price(int cost) {
        return run.vouchers.contains(Voucher.CLEARANCE_SALE) ? Math.max(1, cost * 3 / 4) : cost;
    }

    private Joker randomJoker(Joker.Rarity rarity) {
        List<Joker> pool = new ArrayList<>();
        for (Joker j : Joker.values()) {
            if (j.rarity() == rarity && !run.holds(j) && (j != Joker.CAVENDISH || run.grosMichelExtinct)
                    && (j != Joker.GROS_MICHEL || !run.grosMichelExtinct)) {
                pool.add(j);
            }
        }
        if (pool.isEmpty()) {
            return Joker.JOKER;
        }
        return pool.get(run.random.nextInt(pool.size()));
    }

    private void buy(ShopOffer offer) {
        switch (offer.itemType()) {
            case "JOKER" -> {
                if (run.jokers.size() >= run.jokerSlots()) {
                    sellWeakest();
                }
                run.money -= offer.cost();
                recorder.emit(new ItemPurchased(run.ante, ItemType.JOKER, offer.name(), offer.cost(), run.money),
                        600);
                run.jokers.add(new JokerSlot(RunState.jokerNamed(offer.name()), offer.cost()));
                policy.arrangeJokers();
            }
            case "TAROT", "PLANET" -> {
                run.money -= offer.cost();
                recorder.emit(new ItemPurchased(run.ante, ItemType.CONSUMABLE, offer.name(), offer.cost(), run.money),
                        500);
                if (offer.itemType().equals("PLANET")) {
                    consumables.usePlanet(offer.name());
                } else {
                    consumables.useTarot(offer.name(), consumables.drawForTargets());
                }
            }
            case "VOUCHER" -> {
                run.money -= offer.cost();
                recorder.emit(new ItemPurchased(run.ante, ItemType.VOUCHER, offer.name(), offer.cost(), run.money),
                        600);
                for (Voucher v : Voucher.values()) {
                    if (v.displayName().equals(offer.name())) {
                        run.vouchers.add(v);
                    }
                }
            }
            case "BOOSTER_PACK" -> {
                run.money -= offer.cost();
                recorder.emit(new ItemPurchased(run.ante, ItemType.BOOSTER_PACK, offer.name(), offer.cost(), run.money),
                        600);
                consumables.openPack(offer.name());
            }
            case "PLAYING_CARD" -> {
                run.money -= offer.cost();
                recorder.emit(new ItemPurchased(run.ante, ItemType.PLAYING_CARD, offer.name(), offer.cost(), run.money),
                        500);
                run.deck.add(RunState.parseCard(offer.name()));
            }
            default -> throw new IllegalStateException("cannot buy " + offer);
        }
    }

    void sellWeakest() {
        JokerSlot weakest = policy.weakest();
        run.jokers.remove(weakest);
        run.money += weakest.sellValue();
        recorder.emit(new JokerSold(run.ante, weakest.name(), weakest.sellValue(), run.money), 500);
    }
}
