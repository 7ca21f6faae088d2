package dev.ante.domain.game;

import dev.ante.domain.catalog.Max;
import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;
import dev.ante.domain.catalog.Size;
import java.util.List;

/** The agent made a decision; what it could choose and what it chose. */
public record DecisionMade(
        @Min(1) int ante,
        Phase phase,
        String decisionType,
        @Size(min = 1, max = 100) List<String> optionsAvailable,
        String optionSelected,
        @Opt @Min(0) @Max(1) Double confidence,
        boolean usedLlm,
        @Opt String contextHash,
        @Min(0) int timeToDecisionMs) implements GameEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
