package dev.ante.api.timeseries;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import dev.ante.projections.timeseries.QuestDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Researchers' read-only SQL on QuestDB. A query runs as QuestDB's read-only user (QuestDB itself
 * refuses writes); before that, {@link ResearchSqlPolicy} refuses anything but one read statement over
 * the reviewed functions and tables. Every query is bounded in rows, in bytes of JSON, in time (QuestDB's
 * own timeout) and in how many run at once. The rules are listed in {@code docs/api.md} ("Research SQL").
 */
public class ResearchSql {

    /** A result: column names and QuestDB types, rows of JSON-ready values, and whether rows were cut. */
    public record Result(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    }

    /** One result column. */
    public record Column(String name, String type) {
    }

    /** Rows in the first fetch; later fetches are sized by the driver from the rows it has seen. */
    private static final int FIRST_FETCH_ROWS = 16;
    /** The driver cancels a query this long after QuestDB should have stopped it itself. */
    private static final int DRIVER_TIMEOUT_GRACE_SECONDS = 2;
    private static final int RETRY_AFTER_SECONDS = 1;
    /** {"columns":[],"rows":[],"truncated":false} and some room. */
    private static final int ENVELOPE_BYTES = 64;

    private final QuestDb questDb;
    private final AnteProperties.QuestDb limits;
    private final ResearchSqlPolicy policy;
    private final ResearchQuerySlots slots;
    private final MeterRegistry meters;

    public ResearchSql(QuestDb questDb, AnteProperties properties, ResearchSqlPolicy policy, ResearchQuerySlots slots,
                       MeterRegistry meters) {
        this.meters = meters;
        this.questDb = questDb;
        this.limits = properties.questdb();
        this.policy = policy;
        this.slots = slots;
    }

    /**
     * Runs {@code query} returning at most {@code limit} rows and about {@code max-result-bytes} of JSON.
     *
     * @throws InvalidRequestException for anything but one read statement, or a query QuestDB rejects (400)
     * @throws ForbiddenQueryException for writes, or functions, tables and statements off the allow-list (403)
     * @throws TooManyQueriesException when every query slot is taken (429)
     * @throws QueryTimedOutException  when the query outlives {@code query-timeout} (504)
     */
    public Result run(String query, int limit) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            policy.check(query);
            if (!slots.tryAcquire()) {
                throw new TooManyQueriesException(slots.slots(), RETRY_AFTER_SECONDS);
            }
            try {
                Result result = execute(query, limit);
                outcome = "ok";
                return result;
            } finally {
                slots.release();
            }
        } catch (RuntimeException e) {
            outcome = outcomeOf(e);
            throw e;
        } finally {
            Timer.builder("ante.sql.queries")
                    .description("Research SQL queries by outcome: ok, invalid, forbidden, busy, timeout, error")
                    .tag("outcome", outcome).register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The {@code outcome} tag of a query that failed with {@code e}. */
    private static String outcomeOf(RuntimeException e) {
        if (e instanceof ForbiddenQueryException) {
            return "forbidden";
        } else if (e instanceof TooManyQueriesException) {
            return "busy";
        } else if (e instanceof QueryTimedOutException) {
            return "timeout";
        } else if (e instanceof InvalidRequestException) {
            return "invalid";
        }
        return "error";
    }

    private Result execute(String query, int limit) {
        long maxBytes = limits.maxResultBytes().toBytes();
        // The driver may hold one fetch in memory: allow a few result budgets, and at least QuestDB's
        // largest single text value (1 MiB) times the first fetch's rows.
        long driverBuffer = Math.max(4 * maxBytes, 2L * FIRST_FETCH_ROWS * 1024 * 1024);
        try (Connection c = questDb.readOnly(driverBuffer)) {
            // Without a transaction pgjdbc reads the whole result before returning the first row.
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(FIRST_FETCH_ROWS);
                st.setMaxRows(limit + 1);
                st.setQueryTimeout((int) Math.max(1, limits.queryTimeout().toSeconds()) + DRIVER_TIMEOUT_GRACE_SECONDS);
                // Closing the connection ends the (read-only) transaction.
                return read(st, query, limit, maxBytes);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Result read(Statement st, String query, int limit, long maxBytes) throws SQLException {
        List<Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        ResultSet rs;
        try {
            rs = st.executeQuery(query);
        } catch (SQLException e) {
            if (bufferExceeded(e)) {
                return new Result(columns, rows, true);
            }
            throw e;
        }
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            JsonSize size = new JsonSize(maxBytes);
            size.add(ENVELOPE_BYTES);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Column column = new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i));
                size.add(JsonSize.of(column.name()) + JsonSize.of(column.type()) + 20);
                columns.add(column);
            }
            while (next(rs)) {
                if (rows.size() == limit) {
                    return new Result(columns, rows, true);
                }
                List<Object> row = new ArrayList<>(columns.size());
                long rowBytes = 2;
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = value(rs, meta, i);
                    row.add(value);
                    rowBytes += JsonSize.of(value) + 1;
                }
                if (!size.fits(rowBytes)) {
                    if (rows.isEmpty()) {
                        // Even one row is too big: keep it, with its text values cut to share what is left.
                        rows.add(size.cut(row));
                    }
                    return new Result(columns, rows, true);
                }
                size.add(rowBytes);
                rows.add(row);
            }
            return new Result(columns, rows, false);
        } catch (BufferExceeded e) {
            return new Result(columns, rows, true);
        }
    }

    /** {@link ResultSet#next()}, reporting the driver's own byte limit as the end of what can be read. */
    private static boolean next(ResultSet rs) throws SQLException {
        try {
            return rs.next();
        } catch (SQLException e) {
            if (bufferExceeded(e)) {
                throw new BufferExceeded();
            }
            throw e;
        }
    }

    private static boolean bufferExceeded(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("maxResultBuffer");
    }

    private RuntimeException failure(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        // QuestDB's own limit says "timeout, query aborted"; the driver's fallback cancel says "cancelled by user".
        if (message.contains("timeout, query aborted") || message.contains("cancelled by user")) {
            return new QueryTimedOutException(limits.queryTimeout(), e);
        }
        if (message.contains("permission denied")) {
            return new ForbiddenQueryException("the query would change data or schema: " + message);
        }
        if ("08001".equals(e.getSQLState()) || "08006".equals(e.getSQLState())) {
            return new TimeSeriesUnavailableException("QuestDB at " + questDb.endpoint().host() + ":"
                    + questDb.endpoint().pgPort() + " cannot be reached: " + message, e);
        }
        return new InvalidRequestException("Query failed", new Violation(null, "query", message));
    }

    /** The driver refused to buffer more of the result. */
    private static final class BufferExceeded extends RuntimeException {
        BufferExceeded() {
            super(null, null, false, false);
        }
    }

    private static Object value(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        Object value = rs.getObject(i);
        if (value == null) {
            return null;
        }
        int type = meta.getColumnType(i);
        if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || value instanceof Timestamp) {
            // QuestDB sends timestamps without a zone; they are UTC.
            return rs.getTimestamp(i).toLocalDateTime().atOffset(ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }
}
