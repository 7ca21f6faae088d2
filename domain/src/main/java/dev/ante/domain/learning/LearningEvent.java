package dev.ante.domain.learning;

/** The learning-run stream's event catalog ({@code learning-<runId>}). */
public sealed interface LearningEvent permits MetricRecorded {

    <R> R accept(Visitor<R> visitor);

    /** One method per event type of the catalog. */
    interface Visitor<R> {
        R visit(MetricRecorded event);
    }
}
