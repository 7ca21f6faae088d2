package dev.ante.infra.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pools of a {@link SqliteStreamStore}: a single writer connection and a small pool of
 * read-only connections, with the SQLite settings each needs.
 */
final class SqlitePools {

    private static final int READER_POOL_SIZE = 4;
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final long MMAP_BYTES = 256L * 1024 * 1024;
    private static final long JOURNAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;
    // The default of 1,000 pages checkpoints every few thousand events, each time in the middle of an
    // append; 4,000 pages (16 MB) checkpoints a quarter as often and still keeps the WAL small for readers.
    private static final int WAL_AUTOCHECKPOINT_PAGES = 4_000;

    private SqlitePools() {
    }

    /** The pool of one writer connection, creating the file if needed. */
    static HikariDataSource writer(Path file, Durability durability) {
        return pool("ante-events-writer", writerConfig(durability), file, 1, false);
    }

    /** The pool of read-only connections. */
    static HikariDataSource readers(Path file) {
        return pool("ante-events-reader", readerConfig(), file, READER_POOL_SIZE, true);
    }

    private static SQLiteConfig writerConfig(Durability durability) {
        SQLiteConfig config = commonConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.POWER_LOSS
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setPragma(SQLiteConfig.Pragma.JOURNAL_SIZE_LIMIT, Long.toString(JOURNAL_SIZE_LIMIT_BYTES));
        config.setCacheSize(-64 * 1024);
        return config;
    }

    private static SQLiteConfig readerConfig() {
        SQLiteConfig config = commonConfig();
        config.setReadOnly(true);
        config.setCacheSize(-16 * 1024);
        return config;
    }

    private static SQLiteConfig commonConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
        config.setGetGeneratedKeys(false);
        return config;
    }

    private static HikariDataSource pool(String name, SQLiteConfig config, Path file, int size, boolean readOnly) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(dataSource);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        // Must match the driver's open flags: the driver refuses to change them on an open connection.
        hikari.setReadOnly(readOnly);
        // An SQLite connection is a file handle, not a socket: there is nothing to expire or keep alive.
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        hikari.setKeepaliveTime(0);
        hikari.setConnectionTimeout(30_000);
        if (!readOnly) {
            hikari.setConnectionInitSql("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
        }
        return new HikariDataSource(hikari);
    }
}
