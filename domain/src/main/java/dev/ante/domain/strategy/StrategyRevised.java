package dev.ante.domain.strategy;

import dev.ante.domain.catalog.Opt;
import java.util.Map;

/** New parameters (and perhaps a new model) for a registered strategy. */
public record StrategyRevised(
        @Opt String modelVersion,
        Map<String, Object> parameters,
        @Opt String reason) implements StrategyEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
