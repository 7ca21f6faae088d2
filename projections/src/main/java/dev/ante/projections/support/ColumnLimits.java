package dev.ante.projections.support;

import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The most characters each bounded text column of a table takes, as the database says. A projection that holds
 * rows in memory ({@link HeldWrites}) checks its values against them as it holds each unit, so that a value the
 * table would refuse fails the event that brought it — which is then parked, as a live batch's would be —
 * rather than the write of everything held.
 */
public final class ColumnLimits {

    /** Beyond this a column is taken as unbounded text (PostgreSQL reports TEXT as about two billion). */
    private static final int UNBOUNDED = 100_000_000;

    private final String table;
    private final Map<String, Integer> maxChars;
    /** H2 counts a text's UTF-16 units against a column's length; PostgreSQL its characters (code points). */
    private final boolean utf16Units;

    private ColumnLimits(String table, Map<String, Integer> maxChars, boolean utf16Units) {
        this.table = table;
        this.maxChars = maxChars;
        this.utf16Units = utf16Units;
    }

    /** Reads the limits of {@code table}'s columns (on the connection's schema). */
    public static ColumnLimits of(JdbcTemplate jdbc, String table) {
        Map<String, Integer> limits = jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> found = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                int type = meta.getColumnType(i);
                boolean text = type == Types.VARCHAR || type == Types.CHAR || type == Types.NVARCHAR
                        || type == Types.NCHAR;
                int precision = meta.getPrecision(i);
                if (text && precision > 0 && precision < UNBOUNDED) {
                    found.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), precision);
                }
            }
            return found;
        });
        Boolean h2 = jdbc.execute((java.sql.Connection connection) ->
                connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2"));
        return new ColumnLimits(table, limits == null ? Map.of() : Map.copyOf(limits), Boolean.TRUE.equals(h2));
    }

    /** Throws, naming the column, if {@code value} has more characters than {@code column} takes. */
    public void check(String column, String value) {
        if (value == null) {
            return;
        }
        Integer max = maxChars.get(column.toLowerCase(Locale.ROOT));
        if (max == null || value.length() <= max) {
            return;
        }
        int length = utf16Units ? value.length() : value.codePointCount(0, value.length());
        if (length > max) {
            throw new IllegalArgumentException("Value too long for column " + table + "." + column + " (" + length
                    + " characters, at most " + max + ")");
        }
    }
}
