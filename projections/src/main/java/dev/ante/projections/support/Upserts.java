package dev.ante.projections.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write half of what every projection's flush does — load the rows its batch touches ({@link InChunks}),
 * merge the batch into them, write each row once: a row that was stored before the batch is updated, any
 * other inserted, and each of the two statements goes to the database as one JDBC batch.
 */
public final class Upserts {

    private final String insert;
    private final String update;
    private final List<Object[]> inserts = new ArrayList<>();
    private final List<Object[]> updates = new ArrayList<>();

    /**
     * @param insert the INSERT, with a parameter per value
     * @param update the UPDATE, with a parameter per value and the key's last
     */
    public Upserts(String insert, String update) {
        this.insert = insert;
        this.update = update;
    }

    /** A row that was not stored before the batch. */
    public void insert(Object... values) {
        inserts.add(values);
    }

    /** A row that was stored before the batch. */
    public void update(Object... values) {
        updates.add(values);
    }

    /** A row whose values fit both statements: updated if it was {@code stored}, inserted if not. */
    public void row(boolean stored, Object... values) {
        (stored ? updates : inserts).add(values);
    }

    /** Sends the inserts, then the updates, each as one batch; nothing for a statement without rows. */
    public void writeTo(JdbcTemplate jdbc) {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(insert, inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(update, updates);
        }
    }
}
