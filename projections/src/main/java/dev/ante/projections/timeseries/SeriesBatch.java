package dev.ante.projections.timeseries;

import io.questdb.client.Sender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows one batch of events produces, grouped by table, so that each table is sent in its own HTTP
 * flush: QuestDB commits a flush atomically only when it holds one table.
 */
final class SeriesBatch {

    private final Map<String, List<Consumer<Sender>>> rows = new LinkedHashMap<>();

    void add(String table, Consumer<Sender> row) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Sends every table's rows, one flush per table. */
    void sendTo(Sender sender) {
        rows.forEach((table, tableRows) -> {
            for (Consumer<Sender> row : tableRows) {
                row.accept(sender.table(table));
            }
            sender.flush();
        });
    }
}
