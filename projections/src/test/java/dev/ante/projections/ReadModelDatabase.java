package dev.ante.projections;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A private in-memory H2 database in PostgreSQL mode with the read-model schema migrated, the way the
 * embedded mode runs it. Each test gets its own, so no test sees another's rows.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    private ReadModelDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static ReadModelDatabase migrated() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/readmodels").load().migrate();
        return new ReadModelDatabase(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Rows in {@code table}, for checking what a reset leaves behind. */
    public long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    @Override
    public void close() {
        // DB_CLOSE_DELAY=-1 keeps an in-memory database for the life of the JVM unless it is shut down.
        jdbc.execute("SHUTDOWN");
        dataSource.close();
    }
}
