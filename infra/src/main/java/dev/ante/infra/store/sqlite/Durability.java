package dev.ante.infra.store.sqlite;

/**
 * How much of a failure an acknowledged append survives. Both modes keep SQLite in WAL mode; they differ
 * only in when the WAL is forced to the disk.
 */
public enum Durability {

    /**
     * {@code synchronous=NORMAL}: a commit is written to the WAL before the append returns, so it survives
     * the JVM being killed, but the WAL is only fsynced at checkpoints; an operating-system crash or a power
     * cut may lose the most recent commits (never corrupting the file).
     */
    PROCESS_CRASH,

    /** {@code synchronous=FULL}: every commit is fsynced before the append returns. */
    POWER_LOSS
}
