package dev.ante.api.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ante's own settings ({@code ante.*}); every one is documented in {@code docs/configuration.md}.
 *
 * @param dataDir    where the embedded mode keeps everything (event store, keys file)
 * @param durability {@code process-crash}: acknowledged appends survive a killed process;
 *                   {@code power-loss}: every commit is also fsynced
 * @param ingest     request limits of the write API
 * @param security   API keys per role; when all are empty the embedded mode generates a keys file
 */
@ConfigurationProperties("ante")
public record AnteProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("process-crash") String durability,
        @DefaultValue Ingest ingest,
        @DefaultValue Security security) {

    /**
     * @param maxBatchEvents  events per JSON batch
     * @param maxBatchBytes   body size of a JSON batch
     * @param maxNdjsonLines  lines per NDJSON request
     * @param maxNdjsonBytes  body size of an NDJSON request
     */
    public record Ingest(
            @DefaultValue("1000") int maxBatchEvents,
            @DefaultValue("2MB") DataSize maxBatchBytes,
            @DefaultValue("10000") int maxNdjsonLines,
            @DefaultValue("16MB") DataSize maxNdjsonBytes) {
    }

    /** API keys by role; each list may hold several keys so keys can be rotated. */
    public record Security(
            @DefaultValue List<String> agentKeys,
            @DefaultValue List<String> researcherKeys,
            @DefaultValue List<String> adminKeys) {

        public boolean noneConfigured() {
            return agentKeys.isEmpty() && researcherKeys.isEmpty() && adminKeys.isEmpty();
        }
    }
}
