package dev.ante.projections.timeseries;

import dev.ante.domain.RunId;
import dev.ante.domain.learning.MetricRecorded;
import dev.ante.projections.support.Batch;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;

/** Writes learning runs' metrics to QuestDB's {@code learning_metrics}, one row per MetricRecorded. */
@ProcessingGroup(LearningSeriesProjection.NAME)
public class LearningSeriesProjection {

    /** The processor's name. */
    public static final String NAME = "questdb-learning";

    private final QuestDb questDb;
    private final SeriesSender sender;

    public LearningSeriesProjection(QuestDb questDb) {
        this.questDb = questDb;
        this.sender = new SeriesSender(questDb);
    }

    @EventHandler
    void on(MetricRecorded e, @SourceId String stream, @SequenceNumber long seq, @Timestamp Instant at) {
        SeriesBatch batch = Batch.current(this, SeriesBatch::new, sender::send);
        String runId = RunId.fromStreamName(stream).value();
        batch.add("learning_metrics", row -> {
            row.symbol("name", e.name());
            if (e.strategyId() != null) {
                row.symbol("strategy_id", e.strategyId());
            }
            row.stringColumn("run_id", runId).longColumn("seq", seq).longColumn("step", e.step())
                    .doubleColumn("value", e.value()).at(at);
        });
    }

    /** A replay rebuilds the tables as Ante defines them (keys, retention), then refills them. */
    @ResetHandler
    void reset() throws SQLException {
        // QuestDB's ILP endpoint keeps each connection's table writers: rows sent over the old connection
        // after a drop would go to the dropped table. A new connection looks the new table up.
        sender.close();
        questDb.recreate(SeriesSchema.LEARNING);
    }

    /** Releases the QuestDB connection when the application stops. */
    public void close() {
        sender.close();
    }
}
