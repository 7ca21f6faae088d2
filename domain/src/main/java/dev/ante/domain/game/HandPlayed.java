package dev.ante.domain.game;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** A hand was played and scored. */
public record HandPlayed(
        @Min(1) int ante,
        BlindType blindType,
        @Min(1) int handNumber,
        @Size(min = 1, max = 5) List<String> cards,
        String handType,
        @Size(max = 20) List<String> jokers,
        @Min(0) long baseChips,
        @Min(0) double baseMult,
        @Opt @Size(max = 40) List<JokerEffect> jokerEffects,
        @Min(0) long finalChips,
        @Min(0) double finalMult,
        @Min(0) long finalScore,
        @Opt Integer moneyBefore,
        @Opt Integer moneyAfter,
        @Opt @Min(0) Integer timeToDecisionMs) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
