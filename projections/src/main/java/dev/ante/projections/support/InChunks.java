package dev.ante.projections.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Loads the rows of many keys with a few {@code IN (…)} queries instead of one query per key: a batch of
 * events names hundreds of games and synergy keys, and one round trip each was most of a rebuild. Only
 * placeholders are added to the SQL; every key is a bound parameter.
 */
public final class InChunks {

    /**
     * Keys per query. H2 checks each row it finds against the whole IN list, one entry after another, so
     * the work per query grows with the square of its length: fifty keys amortise the statement
     * without that term taking over.
     */
    public static final int CHUNK = 50;

    /** Lengths a shorter last chunk is padded up to, so that few distinct statements are ever prepared. */
    private static final int[] LENGTHS = {4, 16, CHUNK};

    private InChunks() {
    }

    /**
     * Every row of {@code select} (which ends with {@code WHERE column}) whose column is one of {@code keys},
     * e.g. {@code select = "SELECT * FROM game_summary WHERE game_id"}.
     */
    public static <T> List<T> query(JdbcTemplate jdbc, String select, Collection<?> keys, RowMapper<T> mapper) {
        List<List<?>> single = new ArrayList<>(keys.size());
        keys.forEach(k -> single.add(List.of(k)));
        return run(jdbc, select, single, 1, mapper);
    }

    /**
     * Every row of {@code select} (which ends with {@code WHERE (column, column…)}) whose columns equal one
     * of {@code keys}, each a list of as many values as there are columns. A row value is what lets both H2
     * and PostgreSQL look every key up in a composite primary key.
     */
    public static <T> List<T> queryComposite(JdbcTemplate jdbc, String select, Collection<? extends List<?>> keys,
                                             int width, RowMapper<T> mapper) {
        return run(jdbc, select, keys, width, mapper);
    }

    private static int padded(int size) {
        for (int length : LENGTHS) {
            if (size <= length) {
                return length;
            }
        }
        throw new IllegalStateException("chunk of " + size + " keys exceeds " + CHUNK);
    }

    private static <T> List<T> run(JdbcTemplate jdbc, String select, Collection<? extends List<?>> keys, int width,
                                   RowMapper<T> mapper) {
        if (keys.isEmpty()) {
            return Collections.emptyList();
        }
        String group = width == 1 ? "?" : "(" + "?, ".repeat(width - 1) + "?)";
        List<List<?>> all = new ArrayList<>(keys);
        List<T> rows = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<List<?>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            int length = padded(chunk.size());
            String sql = select + " IN (" + (group + ", ").repeat(length - 1) + group + ")";
            List<Object> args = new ArrayList<>(length * width);
            for (List<?> key : chunk) {
                if (key.size() != width) {
                    throw new IllegalArgumentException("key " + key + " does not have " + width + " values");
                }
                args.addAll(key);
            }
            // Repeating a key changes nothing: IN matches each row once.
            for (int i = chunk.size(); i < length; i++) {
                args.addAll(chunk.get(chunk.size() - 1));
            }
            rows.addAll(jdbc.query(sql, mapper, args.toArray()));
        }
        return rows;
    }
}
