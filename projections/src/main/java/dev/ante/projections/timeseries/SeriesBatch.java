package dev.ante.projections.timeseries;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.client.Sender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rows one batch of events produces, grouped by table, so that each table is sent in its own HTTP
 * flush: QuestDB commits a flush atomically only when it holds one table. Rows are built and checked
 * when they are added, inside the event's handler.
 */
final class SeriesBatch {

    private final Map<String, List<SeriesRow>> rows = new LinkedHashMap<>();

    /**
     * Builds a row of {@code table}; if the event's values cannot be written, the exception leaves the
     * handler and nothing of the row is kept.
     */
    void add(String table, Consumer<SeriesRow> build) {
        SeriesRow row = new SeriesRow(table);
        build.accept(row);
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    }

    /**
     * Runs one event's handler: either every row it adds stays, or, when it throws, none does.
     */
    void event(Runnable handler) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        rows.forEach((table, list) -> sizes.put(table, list.size()));
        try {
            handler.run();
        } catch (RuntimeException e) {
            rows.entrySet().removeIf(entry -> !sizes.containsKey(entry.getKey()));
            sizes.forEach((table, size) -> {
                List<SeriesRow> list = rows.get(table);
                list.subList(size, list.size()).clear();
            });
            throw e;
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Appends every table's rows straight to the table's WAL through a QuestDB engine in this process, one
     * commit per table, as the ILP flushes below would; a table that fails is rolled back.
     */
    void writeTo(CairoEngine engine) {
        rows.forEach((table, tableRows) -> {
            TableToken token = engine.getTableTokenIfExists(table);
            if (token == null) {
                throw new SeriesWriteException("QuestDB has no table " + table, null);
            }
            try (WalWriter writer = engine.getWalWriter(token)) {
                try {
                    // Every row of a table names the same columns: look each up in the metadata once.
                    Map<String, SeriesRow.Column> columns = new HashMap<>();
                    for (SeriesRow row : tableRows) {
                        row.writeTo(writer, columns);
                    }
                    writer.commit();
                } catch (RuntimeException e) {
                    writer.rollback();
                    throw e;
                }
            }
        });
    }

    /** Sends every table's rows, one flush per table. */
    void sendTo(Sender sender) {
        rows.forEach((table, tableRows) -> {
            for (SeriesRow row : tableRows) {
                row.writeTo(sender);
            }
            sender.flush();
        });
    }
}
