package dev.ante.domain.learning;

import dev.ante.domain.catalog.Min;
import dev.ante.domain.catalog.Opt;

/** One training metric at one step of a learning run. */
public record MetricRecorded(@Min(0) long step, String name, double value, @Opt String strategyId)
        implements LearningEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
