package dev.ante.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * @param reads      how long and how many reads may wait for {@code minPosition}
 * @param security   API keys per role; when all are empty the embedded mode generates a keys file
 * @param questdb    where the time series go
 * @param eventStore where the events go
 * @param stream     the live stream of events ({@code GET /api/v1/stream})
 * @param mcp        the MCP server at {@code /mcp}
 * @param backup     online backups of the embedded data directory ({@code POST /api/v1/admin/backup})
 */
@ConfigurationProperties("ante")
public record AnteProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("process-crash") String durability,
        @DefaultValue Ingest ingest,
        @DefaultValue Reads reads,
        @DefaultValue Security security,
        @DefaultValue QuestDb questdb,
        @DefaultValue EventStore eventStore,
        @DefaultValue Stream stream,
        @DefaultValue Mcp mcp,
        @DefaultValue Backup backup) {

    /**
     * @param dir            where backups are written, one directory each; default: {@code <data dir>-backups}
     *                       beside the data directory (never inside it)
     * @param questdbApplyWait the longest a backup waits for QuestDB to apply the time-series rows the read
     *                       models' copy counts as written
     */
    public record Backup(
            Path dir,
            @DefaultValue("60s") Duration questdbApplyWait) {

        /** The backups directory for {@code dataDir}. */
        public Path dirFor(Path dataDir) {
            if (dir != null) {
                return dir.toAbsolutePath().normalize();
            }
            Path data = dataDir.toAbsolutePath().normalize();
            return data.resolveSibling(data.getFileName() + "-backups");
        }
    }

    /**
     * @param maxBatchEvents     events per JSON batch
     * @param maxBatchBytes      body size of a JSON batch
     * @param maxNdjsonLines     lines per NDJSON request
     * @param maxNdjsonBytes     body size of an NDJSON request
     * @param maxNdjsonLineBytes size of one NDJSON line
     * @param bodyMemoryBudget   heap that all write requests in flight may keep of their bodies together;
     *                           beyond it a request gets 503 with Retry-After. Default (unset): a quarter
     *                           of the maximum heap
     * @param bodyGrace          how long a body may take before its pace is checked
     * @param minBodyRate        after the grace period a body must arrive at least this fast, on average,
     *                           per second; slower bodies are cut off with 408
     * @param maxEventAge        how far before its request an event's {@code occurredAt} may be; older events are
     *                           refused unless the request says {@code ?backfill=true}
     * @param maxEventLead       how far after its request an event's {@code occurredAt} may be (clock skew)
     */
    public record Ingest(
            @DefaultValue("1000") int maxBatchEvents,
            @DefaultValue("2MB") DataSize maxBatchBytes,
            @DefaultValue("10000") int maxNdjsonLines,
            @DefaultValue("16MB") DataSize maxNdjsonBytes,
            @DefaultValue("1MB") DataSize maxNdjsonLineBytes,
            DataSize bodyMemoryBudget,
            @DefaultValue("5s") Duration bodyGrace,
            @DefaultValue("16KB") DataSize minBodyRate,
            @DefaultValue("24h") Duration maxEventAge,
            @DefaultValue("5m") Duration maxEventLead) {
    }

    /**
     * Read-your-writes waits ({@code ?minPosition=P}); a waiting read holds no request thread.
     *
     * @param maxPositionWait    the longest a read waits for its position before answering with what it has
     * @param maxPositionWaiters reads that may wait at once; beyond, a read that would wait gets 503 with
     *                           Retry-After
     */
    public record Reads(
            @DefaultValue("5s") Duration maxPositionWait,
            @DefaultValue("1000") int maxPositionWaiters) {
    }

    /**
     * API keys by role; each list may hold several keys so keys can be rotated.
     *
     * @param sessionTtl  how long a dashboard sign-in lasts
     * @param maxSessions dashboard sign-ins kept at once; beyond it the oldest is signed out
     */
    public record Security(
            @DefaultValue List<String> agentKeys,
            @DefaultValue List<String> researcherKeys,
            @DefaultValue List<String> adminKeys,
            @DefaultValue("12h") Duration sessionTtl,
            @DefaultValue("10000") int maxSessions) {

        public boolean noneConfigured() {
            return agentKeys.isEmpty() && researcherKeys.isEmpty() && adminKeys.isEmpty();
        }
    }

    /**
     * The time-series store.
     *
     * @param mode             {@code embedded}: a QuestDB server inside this process, under {@code dir};
     *                         {@code external}: an existing server at {@code host}; {@code disabled}: none
     * @param dir              the embedded server's root; defaults to {@code <data dir>/questdb}
     * @param host             where QuestDB listens (the embedded server binds to it)
     * @param httpPort         ILP-over-HTTP and web console port; 0 picks a free one (embedded only)
     * @param pgPort           PostgreSQL wire port; 0 picks a free one (embedded only)
     * @param user             QuestDB's admin user, for writes and schema changes
     * @param readOnlyUser     QuestDB's read-only user, for {@code POST /api/v1/sql}
     * @param ttlDays          rows older than this, counted from each table's newest row, are dropped
     * @param queryTimeout     the longest a query may run; the embedded server applies it to every query
     *                         (QuestDB's {@code query.timeout}), researchers' queries are also cancelled by
     *                         the driver a little later in case an external server allows more
     * @param maxRows          the most rows a researcher's query may return
     * @param maxResultBytes   the most JSON a researcher's query may return; rows beyond it are cut and the
     *                         result is marked truncated
     * @param maxConcurrentQueries researchers' queries running at once; more are answered 429. Keep it below
     *                         QuestDB's worker count so Ante's own writers and health check find a free worker
     * @param batchLinger      how long a time-series processor that has caught up waits after the next event
     *                         before writing, so that events arriving one by one share a QuestDB commit; no
     *                         wait while it is behind (0: no wait)
     * @param server           QuestDB server properties for the embedded server ({@code server.conf} keys
     *                         such as {@code shared.worker.sleep.threshold}), over Ante's own; settings Ante
     *                         relies on (ports, users, timeouts) cannot be changed here
     * @param directWrites     with the embedded server, whether the time-series writers append rows to its
     *                         tables' WAL directly (true) or send them over ILP/HTTP like to a remote server
     */
    public record QuestDb(
            @DefaultValue("embedded") String mode,
            Path dir,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("9000") int httpPort,
            @DefaultValue("8812") int pgPort,
            @DefaultValue("admin") String user,
            @DefaultValue("quest") String password,
            @DefaultValue("user") String readOnlyUser,
            @DefaultValue("quest") String readOnlyPassword,
            @DefaultValue("30") int ttlDays,
            @DefaultValue("10s") java.time.Duration queryTimeout,
            @DefaultValue("10000") int maxRows,
            @DefaultValue("8MB") DataSize maxResultBytes,
            @DefaultValue("1") int maxConcurrentQueries,
            @DefaultValue("250ms") java.time.Duration batchLinger,
            @DefaultValue Map<String, String> server,
            @DefaultValue("true") boolean directWrites) {

        public boolean embedded() {
            return "embedded".equalsIgnoreCase(mode);
        }
    }

    /**
     * The event store backend.
     *
     * @param backend        {@code sqlite}: the embedded store in the data directory; {@code kurrentdb}: a
     *                       KurrentDB/EventStoreDB server
     * @param kurrentdbUrl   the server's connection string, e.g. {@code kurrentdb://host:2113?tls=false}
     * @param kurrentdbUser  user name, when the server requires one
     * @param kurrentdbPassword its password
     * @param snapshotEvery  a game's state is snapshotted once this many events have been loaded or
     *                       recorded since its last snapshot; 0 turns snapshots off
     * @param cachedEvents   how many events' worth of stream state the write path keeps in memory (a
     *                       stream weighs its number of events); the least recently used streams leave first
     */
    public record EventStore(
            @DefaultValue("sqlite") String backend,
            String kurrentdbUrl,
            String kurrentdbUser,
            String kurrentdbPassword,
            @DefaultValue("1000") int snapshotEvery,
            @DefaultValue("500000") long cachedEvents) {
    }

    /**
     * The live stream: server-sent events of the log as it grows.
     *
     * @param maxBuffered   events a client may fall behind the log before it is sent {@code overflow} and
     *                      closed (buffered frames are shared between clients)
     * @param maxClients    open streams at once; one more gets 503 with Retry-After
     * @param heartbeat     how often an idle stream gets a {@code : ping} comment
     * @param pollInterval  how often the stream looks for events appended elsewhere (another instance, a
     *                      backfill); appends through this instance are sent at once
     * @param catchUpPage   events read from the store per page while a client catches up
     */
    public record Stream(
            @DefaultValue("10000") int maxBuffered,
            @DefaultValue("256") int maxClients,
            @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("500") int catchUpPage) {
    }

    /**
     * The MCP server at {@code /mcp}: its tools read the platform's own HTTP API with the caller's key.
     *
     * @param enabled            whether {@code /mcp} is served
     * @param maxRows            the largest {@code limit} a tool passes on
     * @param maxResultBytes     the longest JSON a tool returns; longer answers are cut and marked
     * @param maxConcurrentCalls tool calls running at once; one more is answered "busy"
     * @param maxRequestBytes    the largest MCP request body read
     * @param callTimeout        the longest a tool waits for the API
     */
    public record Mcp(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("200") int maxRows,
            @DefaultValue("100KB") DataSize maxResultBytes,
            @DefaultValue("4") int maxConcurrentCalls,
            @DefaultValue("256KB") DataSize maxRequestBytes,
            @DefaultValue("30s") Duration callTimeout) {
    }
}
