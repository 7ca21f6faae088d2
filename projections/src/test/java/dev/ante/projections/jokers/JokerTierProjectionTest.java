package dev.ante.projections.jokers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.game.GameCompleted;
import dev.ante.domain.game.ItemPurchased;
import dev.ante.domain.game.ItemType;
import dev.ante.domain.game.JokerSold;
import dev.ante.domain.game.Outcome;
import dev.ante.domain.game.ShopEntered;
import dev.ante.domain.game.ShopItem;
import dev.ante.projections.Batching;
import dev.ante.projections.ReadModelDatabase;
import dev.ante.projections.support.Wilson;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JokerTierProjectionTest {

    private ReadModelDatabase db;
    private JokerTierProjection projection;
    private JokerTiers tiers;

    @BeforeEach
    void setUp() {
        db = ReadModelDatabase.migrated();
        projection = new JokerTierProjection(db.jdbc());
        tiers = new JokerTiers(db.jdbc());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenShopsPurchasesSalesAndOutcomes_whenProjected_thenEachJokerCountsThemExactly(Batching batching) {
        batching.feed(events());

        assertTiers();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Batching.class)
    void givenAProjectedTierList_whenResetAndReplayed_thenItIsAsAfterOnePass(Batching batching) {
        batching.feed(events());
        projection.reset();
        assertThat(tiers.list(0, JokerTiers.Sort.GAMES, 100)).isEmpty();

        batching.feed(events());

        assertTiers();
    }

    /**
     * Two shops offer Joker twice and Blueprint once (a tarot is no joker); Joker and Greedy Joker are bought
     * (a tarot purchase is no joker), Joker sold; a won game ends holding Joker twice and Blueprint, a lost
     * one Joker; an abandoned one counts nowhere.
     */
    private List<Runnable> events() {
        ShopEntered first = new ShopEntered(1, 10, List.of(new ShopItem(0, "JOKER", "Joker", 4),
                new ShopItem(1, "JOKER", "Blueprint", 10), new ShopItem(2, "TAROT", "The World", 3)), 5);
        ShopEntered second = new ShopEntered(2, 10, List.of(new ShopItem(0, "JOKER", "Joker", 4)), 5);
        return List.of(
                () -> projection.on(first),
                () -> projection.on(new ItemPurchased(1, ItemType.JOKER, "Joker", 4, 6)),
                () -> projection.on(new ItemPurchased(1, ItemType.CONSUMABLE, "The World", 3, 3)),
                () -> projection.on(second),
                () -> projection.on(new ItemPurchased(2, ItemType.JOKER, "Greedy Joker", 5, 1)),
                () -> projection.on(new JokerSold(2, "Joker", 2, 3)),
                () -> projection.on(new GameCompleted(Outcome.WIN, 8, 20, 1000, List.of("Joker", "Joker", "Blueprint"))),
                () -> projection.on(new GameCompleted(Outcome.LOSS, 3, 0, 100, List.of("Joker"))),
                () -> projection.on(new GameCompleted(Outcome.ABANDONED, 2, 0, 50, List.of("Blueprint"))));
    }

    private void assertTiers() {
        assertThat(tiers.list(0, JokerTiers.Sort.GAMES, 100)).containsExactly(
                new JokerTier("Joker", 2, 1, 0.5, 1, 2, 1, 0.5, Wilson.lowerBound(1, 1)),
                new JokerTier("Blueprint", 1, 0, 0.0, 0, 1, 1, 1.0, Wilson.lowerBound(1, 0)),
                new JokerTier("Greedy Joker", 0, 1, null, 0, 0, 0, null, 0.0));
        assertThat(tiers.list(1, JokerTiers.Sort.WILSON, 100)).extracting(JokerTier::joker)
                .containsExactly("Blueprint", "Joker");
        assertThat(tiers.list(0, JokerTiers.Sort.PICK_RATE, 1)).extracting(JokerTier::joker)
                .containsExactly("Joker");
    }
}
