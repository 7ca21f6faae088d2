package dev.ante.api.timeseries;

import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.NotFoundException;
import dev.ante.projections.timeseries.QuestDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learning run's metrics in buckets of steps, from QuestDB's {@code learning_metrics} (docs/api.md,
 * "Learning curves"). Runs as QuestDB's read-only user, within the research queries' slots and time limit.
 */
public class LearningCurves {

    /** The curve of one metric: its buckets in step order, empty ones left out. */
    public record Metric(String name, List<Bucket> buckets) {
    }

    /** Steps {@code fromStep..toStep}: how many points, their mean, least, greatest and latest value. */
    public record Bucket(long fromStep, long toStep, long count, double mean, double min, double max, double last) {
    }

    /**
     * @param bucketSteps steps per bucket
     * @param truncated   true when more than {@code ante.questdb.max-rows} buckets would have been returned
     */
    public record Curves(String runId, long fromStep, long toStep, long bucketSteps, List<Metric> metrics,
                         boolean truncated) {
    }

    private static final int RETRY_AFTER_SECONDS = 1;

    private final QuestDb questDb;
    private final ResearchQuerySlots slots;
    private final int maxRows;
    private final int timeoutSeconds;

    public LearningCurves(QuestDb questDb, AnteProperties properties, ResearchQuerySlots slots) {
        this.questDb = questDb;
        this.slots = slots;
        this.maxRows = properties.questdb().maxRows();
        this.timeoutSeconds = (int) Math.max(1, properties.questdb().queryTimeout().toSeconds());
    }

    /**
     * The run's metrics ({@code name}, or all when null) between {@code fromStep} and {@code toStep} (the
     * run's first and last step when null) in {@code buckets} buckets of equal width.
     *
     * @throws NotFoundException when the run has no such metric at all
     */
    public Curves curves(String runId, String name, Long fromStep, Long toStep, int buckets) {
        if (!slots.tryAcquire()) {
            throw new TooManyQueriesException(slots.slots(), RETRY_AFTER_SECONDS);
        }
        try (Connection c = questDb.readOnly()) {
            long[] range = range(c, runId, name);
            if (range == null) {
                throw new NotFoundException("run " + runId + " has no " + (name == null ? "metrics" : "metric " + name));
            }
            long from = fromStep != null ? fromStep : range[0];
            long to = toStep != null ? toStep : range[1];
            long width = Math.max(1, (to - from) / buckets + 1);
            if (to < from) {
                return new Curves(runId, from, to, width, List.of(), false);
            }
            return read(c, runId, name, from, to, width);
        } catch (SQLException e) {
            throw new TimeSeriesUnavailableException("QuestDB could not answer: " + e.getMessage(), e);
        } finally {
            slots.release();
        }
    }

    private long[] range(Connection c, String runId, String name) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT min(step), max(step), count() FROM learning_metrics"
                + " WHERE run_id = ?" + (name == null ? "" : " AND name = ?"))) {
            st.setQueryTimeout(timeoutSeconds);
            st.setString(1, runId);
            if (name != null) {
                st.setString(2, name);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getLong(3) > 0 ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
            }
        }
    }

    private Curves read(Connection c, String runId, String name, long from, long to, long width)
            throws SQLException {
        // The step bounds and width are numbers this method computed; only the strings are bound.
        String sql = "SELECT name, (step - " + from + ") / " + width + " bucket, count() n, avg(value) mean,"
                + " min(value) lo, max(value) hi, last(value) latest FROM learning_metrics WHERE run_id = ?"
                + (name == null ? "" : " AND name = ?") + " AND step >= " + from + " AND step <= " + to
                + " ORDER BY name, bucket LIMIT " + (maxRows + 1);
        Map<String, List<Bucket>> byName = new LinkedHashMap<>();
        int rows = 0;
        boolean truncated = false;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setQueryTimeout(timeoutSeconds);
            st.setString(1, runId);
            if (name != null) {
                st.setString(2, name);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (++rows > maxRows) {
                        truncated = true;
                        break;
                    }
                    long bucketFrom = from + rs.getLong(2) * width;
                    byName.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Bucket(bucketFrom,
                            Math.min(to, bucketFrom + width - 1), rs.getLong(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7)));
                }
            }
        }
        List<Metric> metrics = new ArrayList<>();
        byName.forEach((metric, buckets) -> metrics.add(new Metric(metric, List.copyOf(buckets))));
        return new Curves(runId, from, to, width, metrics, truncated);
    }
}
