package dev.ante.api.timeseries;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.support.OwnerOnlyFiles;
import dev.ante.projections.timeseries.GameSeriesProjection;
import dev.ante.projections.timeseries.LearningSeriesProjection;
import dev.ante.projections.timeseries.QuestDb;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The time-series side: QuestDB (embedded or external), its schema, and the processors writing to it.
 * Absent when {@code ante.questdb.mode=disabled}.
 */
@Configuration
@ConditionalOnExpression("'${ante.questdb.mode:embedded}' != 'disabled'")
public class QuestDbConfig {

    /**
     * Who Ante is in QuestDB: the embedded server's generated users (in the data directory), or the
     * configured ones of an external server.
     */
    @Bean
    QuestDbCredentials questDbCredentials(AnteProperties properties) throws IOException {
        AnteProperties.QuestDb config = properties.questdb();
        if (config.embedded()) {
            OwnerOnlyFiles.directory(properties.dataDir());
            return QuestDbCredentials.loadOrGenerate(properties.dataDir().resolve(QuestDbCredentials.FILE_NAME));
        }
        return new QuestDbCredentials(config.user(), config.password(), config.readOnlyUser(),
                config.readOnlyPassword());
    }

    @Bean(destroyMethod = "close")
    EmbeddedQuestDb embeddedQuestDb(AnteProperties properties, QuestDbCredentials credentials) {
        AnteProperties.QuestDb config = properties.questdb();
        if (!config.embedded()) {
            return null;
        }
        Path dir = config.dir() != null ? config.dir() : properties.dataDir().resolve("questdb");
        EmbeddedQuestDb server = new EmbeddedQuestDb(dir, config.host(), config.httpPort(), config.pgPort(),
                (int) Math.max(1, config.queryTimeout().toSeconds()), credentials, config.server());
        server.start();
        return server;
    }

    @Bean
    QuestDb questDb(AnteProperties properties, QuestDbCredentials credentials,
                    ObjectProvider<EmbeddedQuestDb> embeddedServer) {
        AnteProperties.QuestDb config = properties.questdb();
        EmbeddedQuestDb embedded = embeddedServer.getIfAvailable();
        int httpPort = embedded != null ? embedded.httpPort() : config.httpPort();
        int pgPort = embedded != null ? embedded.pgPort() : config.pgPort();
        QuestDb.Endpoint endpoint = new QuestDb.Endpoint(config.host(), httpPort, pgPort, credentials.adminUser(),
                credentials.adminPassword(), credentials.readOnlyUser(), credentials.readOnlyPassword(),
                config.ttlDays());
        // In the embedded mode the writers append to the tables' WAL in this process: no ILP encoding, no
        // HTTP round trip and no parsing on the other side (docs/benchmarks.md).
        QuestDb questDb = embedded != null && config.directWrites() ? new QuestDb(endpoint, embedded::engine)
                : new QuestDb(endpoint);
        try {
            questDb.migrate();
        } catch (SQLException e) {
            throw new IllegalStateException("QuestDB at " + config.host() + ":" + pgPort
                    + " cannot be reached or refused the schema: " + e.getMessage(), e);
        }
        return questDb;
    }

    @Bean
    ResearchSqlPolicy researchSqlPolicy() {
        return ResearchSqlPolicy.reviewed();
    }

    @Bean
    ResearchQuerySlots researchQuerySlots(AnteProperties properties) {
        return new ResearchQuerySlots(properties.questdb().maxConcurrentQueries());
    }

    @Bean
    ResearchSql researchSql(QuestDb questDb, AnteProperties properties, ResearchSqlPolicy policy,
                            ResearchQuerySlots slots, MeterRegistry meters) {
        return new ResearchSql(questDb, properties, policy, slots, meters);
    }

    @Bean
    LearningCurves learningCurves(QuestDb questDb, AnteProperties properties, ResearchQuerySlots slots) {
        return new LearningCurves(questDb, properties, slots);
    }

    @Bean("questdb")
    QuestDbHealthIndicator questDbHealthIndicator(QuestDb questDb) {
        return new QuestDbHealthIndicator(questDb);
    }

    @Bean(destroyMethod = "close")
    GameSeriesProjection gameSeriesProjection(JdbcTemplate jdbc, QuestDb questDb) {
        return new GameSeriesProjection(jdbc, questDb);
    }

    @Bean(destroyMethod = "close")
    LearningSeriesProjection learningSeriesProjection(QuestDb questDb) {
        return new LearningSeriesProjection(questDb);
    }
}
