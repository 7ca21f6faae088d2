package dev.ante.bench.inprocess;

import org.axonframework.eventsourcing.eventstore.jdbc.AbstractEventTableFactory;

/**
 * Axon's stock event tables on SQLite: the generic layout with the global index as SQLite's integer primary
 * key (which SQLite numbers itself when an insert leaves it out, as the engine's inserts do) and binary
 * payloads as BLOBs. Nothing else differs from the tables Axon creates on other databases.
 */
final class SqliteEventTableFactory extends AbstractEventTableFactory {

    @Override
    protected String idColumnType() {
        return "INTEGER";
    }

    @Override
    protected String payloadType() {
        return "BLOB";
    }
}
