package dev.ante.projections.timeseries;

import io.questdb.cairo.CairoEngine;
import io.questdb.client.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processor's connection to QuestDB: rows go straight into the tables' WAL when QuestDB runs in this
 * process ({@link QuestDb#engine()}), over ILP/HTTP otherwise. A {@link Sender} is not thread-safe; a processor with one
 * segment hands its batches from thread to thread but never runs two at once, and the lock makes that
 * explicit. After any failure the sender is dropped: its buffer may hold half a batch, and the
 * processor will retry the whole batch.
 */
final class SeriesSender {

    private static final Logger log = LoggerFactory.getLogger(SeriesSender.class);

    private final QuestDb questDb;
    private Sender sender;

    SeriesSender(QuestDb questDb) {
        this.questDb = questDb;
    }

    synchronized void send(SeriesBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            CairoEngine engine = questDb.engine();
            if (engine != null) {
                batch.writeTo(engine);
                return;
            }
            if (sender == null) {
                sender = questDb.newSender();
            }
            batch.sendTo(sender);
        } catch (RuntimeException e) {
            discard();
            log.warn("QuestDB write failed; the batch will be retried: {}", e.getMessage());
            throw new SeriesWriteException("QuestDB at " + questDb.endpoint().httpAddress() + " refused or missed a write",
                    e);
        }
    }

    synchronized void close() {
        discard();
    }

    private void discard() {
        if (sender != null) {
            try {
                sender.reset();
                sender.close();
            } catch (RuntimeException closing) {
                log.debug("closing a failed QuestDB sender", closing);
            }
            sender = null;
        }
    }
}
