package dev.ante.api.timeseries;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken QuestDB port into Spring Boot's short start-up report instead of a page of stack traces. */
class QuestDbPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<QuestDbPortInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, QuestDbPortInUseException cause) {
        return new FailureAnalysis("The embedded QuestDB cannot listen on " + cause.address()
                + ": another process (perhaps another Ante, or a QuestDB) already uses that port.",
                "Stop the other process, or give the embedded QuestDB another port: --" + cause.property()
                        + "=<port> (0 picks a free one, logged at start). With an external QuestDB, set "
                        + "--ante.questdb.mode=external.", cause);
    }
}
