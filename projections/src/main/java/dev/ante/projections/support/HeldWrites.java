package dev.ante.projections.support;

/**
 * A projection that, built for a rebuild, holds its units' changes in memory instead of writing each unit's,
 * and writes them when asked: a key that many units touch is then written once, not once per unit. The
 * rebuild asks when {@link #full()} says so and before it swaps the read model in.
 *
 * <p>Held changes live only in memory: a rebuild that fails or stops loses them with its shadow tables. A unit's
 * changes are held as its unit of work commits, after every handler has returned, and all or nothing; a unit
 * whose handlers or holding fail holds nothing and can be handled again event by event. One whose database
 * transaction then fails to commit is not handled again: the rebuild fails.
 */
public interface HeldWrites {

    /** Whether the changes held have reached the bound on the memory they may take. */
    boolean full();

    /** Writes what is held into the read model's tables, in the caller's transaction, and holds nothing. */
    void writeHeld();

    /**
     * Fails unless {@code table} has no rows: a projection that knows what its tables hold from its own writes
     * checks this before it holds its first unit.
     */
    static void requireEmpty(org.springframework.jdbc.core.JdbcTemplate jdbc, String table) {
        Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        if (rows == null || rows != 0) {
            throw new IllegalStateException("a projection that holds its changes starts on empty tables; " + table
                    + " has " + rows + " rows");
        }
    }
}
