package dev.ante.api.timeseries;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import dev.ante.projections.timeseries.QuestDb;
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
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Researchers' read-only SQL on QuestDB. A query runs as QuestDB's read-only user (QuestDB itself
 * refuses writes); before that, anything that is not a single read statement is refused here, and every
 * query is bounded in rows and in time.
 */
public class ResearchSql {

    /** A result: column names and QuestDB types, rows of JSON-ready values, and whether rows were cut. */
    public record Result(List<Column> columns, List<List<Object>> rows, boolean truncated) {
    }

    /** One result column. */
    public record Column(String name, String type) {
    }

    private static final Set<String> READ_STATEMENTS = Set.of("SELECT", "WITH", "SHOW", "EXPLAIN", "DECLARE");
    private static final Set<String> WRITE_STATEMENTS = Set.of("INSERT", "UPDATE", "DELETE", "DROP", "TRUNCATE",
            "ALTER", "CREATE", "COPY", "RENAME", "REINDEX", "VACUUM", "BACKUP", "GRANT", "REVOKE", "SNAPSHOT",
            "CHECKPOINT", "CANCEL", "MERGE", "REFRESH", "SET", "BEGIN", "COMMIT", "ROLLBACK");
    private static final Pattern LITERALS_AND_COMMENTS =
            Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern FIRST_WORD = Pattern.compile("^\\s*\\(*\\s*([A-Za-z]+)");

    private final QuestDb questDb;
    private final AnteProperties.QuestDb limits;

    public ResearchSql(QuestDb questDb, AnteProperties properties) {
        this.questDb = questDb;
        this.limits = properties.questdb();
    }

    /**
     * Runs {@code query} returning at most {@code limit} rows.
     *
     * @throws InvalidRequestException for anything but one read statement (400)
     * @throws ForbiddenQueryException for statements that would write or change the schema (403)
     */
    public Result run(String query, int limit) {
        check(query);
        try (Connection c = questDb.readOnly(); Statement st = c.createStatement()) {
            st.setMaxRows(limit + 1);
            st.setQueryTimeout((int) Math.max(1, limits.queryTimeout().toSeconds()));
            try (ResultSet rs = st.executeQuery(query)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Column> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(value(rs, meta, i));
                    }
                    rows.add(row);
                }
                return new Result(columns, rows, truncated);
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            if (message.contains("permission denied")) {
                throw new ForbiddenQueryException("the query would change data or schema: " + message);
            }
            if ("08001".equals(e.getSQLState()) || "08006".equals(e.getSQLState())) {
                throw new TimeSeriesUnavailableException("QuestDB at " + questDb.endpoint().host() + ":"
                        + questDb.endpoint().pgPort() + " cannot be reached: " + message, e);
            }
            throw new InvalidRequestException("Query failed", new Violation(null, "query", message));
        }
    }

    private static void check(String query) {
        String code = LITERALS_AND_COMMENTS.matcher(query).replaceAll(" ");
        int semicolon = code.indexOf(';');
        if (semicolon >= 0 && !code.substring(semicolon + 1).isBlank()) {
            throw new InvalidRequestException("Invalid query",
                    new Violation(null, "query", "must be a single statement; found more after ';'"));
        }
        var first = FIRST_WORD.matcher(code);
        String word = first.find() ? first.group(1).toUpperCase(Locale.ROOT) : "";
        if (WRITE_STATEMENTS.contains(word)) {
            throw new ForbiddenQueryException(word + " statements are not allowed: queries are read-only");
        }
        if (!READ_STATEMENTS.contains(word)) {
            throw new InvalidRequestException("Invalid query", new Violation(null, "query",
                    "must start with SELECT, WITH, SHOW, EXPLAIN or DECLARE" + (word.isEmpty() ? "" : ", started with " + word)));
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
