package dev.ante.api;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole read-model suite on real PostgreSQL, as production runs it. `.ci/run` starts Debian's
 * PostgreSQL and sets {@code ANTE_TEST_POSTGRES_URL}; without it the suite is skipped.
 */
@EnabledIfEnvironmentVariable(named = "ANTE_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "ANTE_TEST_POSTGRES_URL is not set; .ci/postgres.sh starts a PostgreSQL and prints one")
class PostgresReadModelIT extends ReadModelSuite {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = System.getenv("ANTE_TEST_POSTGRES_URL");
        emptySchema(url);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "");
        registry.add("ante.data-dir", DATA_DIR::toString);
    }

    private static final Path DATA_DIR = newDataDir("ante-postgres-");

    /** Each run starts from an empty schema; Flyway builds it again. */
    private static void emptySchema(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS public CASCADE");
            st.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database at " + url, e);
        }
    }
}
