package dev.ante.infra.store.kurrent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link KurrentStreamStore} talks to KurrentDB. Everything about the connection itself (hosts, TLS,
 * keep-alive, discovery) lives in the connection string; these are the store's own choices.
 *
 * @param appendDeadline  how long an append may take before it counts as failed (its outcome is then unknown)
 * @param readDeadline    how long one page of a read may take
 * @param readPageSize    how many events one request asks for when reading {@code $all} or paging a stream
 * @param streamPrefixes  the streams that make up the Ante log: {@code readAll}, the head and positions by time
 *                        see only streams starting with one of these
 * @param username        user for every request, overriding any credentials in the connection string; or null
 * @param password        that user's password; null exactly when {@code username} is
 * @param minRetryDelay   first pause before reconnecting after a failure
 * @param maxRetryDelay   the pause doubles after each consecutive failure, up to this
 */
public record KurrentStoreOptions(
        Duration appendDeadline,
        Duration readDeadline,
        int readPageSize,
        List<String> streamPrefixes,
        String username,
        String password,
        Duration minRetryDelay,
        Duration maxRetryDelay) {

    /** The streams Ante writes: games, strategies and learning runs. */
    public static final List<String> ANTE_STREAM_PREFIXES = List.of("game-", "strategy-", "learning-");

    /** Prefix of the streams that hold snapshots; never part of the log. */
    public static final String SNAPSHOT_PREFIX = "snapshot-";

    public KurrentStoreOptions {
        requirePositive(appendDeadline, "appendDeadline");
        requirePositive(readDeadline, "readDeadline");
        requirePositive(minRetryDelay, "minRetryDelay");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        if (maxRetryDelay.compareTo(minRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay must not be shorter than minRetryDelay");
        }
        // A page must hold at least the event it starts from (reads from a position include it) and one more.
        if (readPageSize < 2 || readPageSize > 10_000) {
            throw new IllegalArgumentException("readPageSize must be between 2 and 10000, was " + readPageSize);
        }
        streamPrefixes = List.copyOf(Objects.requireNonNull(streamPrefixes, "streamPrefixes"));
        if (streamPrefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one stream prefix is required");
        }
        for (String prefix : streamPrefixes) {
            if (prefix.isEmpty() || prefix.startsWith("$") || prefix.startsWith(SNAPSHOT_PREFIX)
                    || SNAPSHOT_PREFIX.startsWith(prefix)) {
                throw new IllegalArgumentException("stream prefix '" + prefix
                        + "' would take in system or snapshot streams");
            }
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together");
        }
    }

    /** Ten-second deadlines, pages of 500 events, Ante's streams, no credentials, retries from 0.5 s to 30 s. */
    public static KurrentStoreOptions defaults() {
        return new KurrentStoreOptions(Duration.ofSeconds(10), Duration.ofSeconds(10), 500, ANTE_STREAM_PREFIXES,
                null, null, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public KurrentStoreOptions withAppendDeadline(Duration deadline) {
        return new KurrentStoreOptions(deadline, readDeadline, readPageSize, streamPrefixes, username, password,
                minRetryDelay, maxRetryDelay);
    }

    public KurrentStoreOptions withReadDeadline(Duration deadline) {
        return new KurrentStoreOptions(appendDeadline, deadline, readPageSize, streamPrefixes, username, password,
                minRetryDelay, maxRetryDelay);
    }

    public KurrentStoreOptions withReadPageSize(int pageSize) {
        return new KurrentStoreOptions(appendDeadline, readDeadline, pageSize, streamPrefixes, username, password,
                minRetryDelay, maxRetryDelay);
    }

    public KurrentStoreOptions withStreamPrefixes(List<String> prefixes) {
        return new KurrentStoreOptions(appendDeadline, readDeadline, readPageSize, prefixes, username, password,
                minRetryDelay, maxRetryDelay);
    }

    public KurrentStoreOptions withCredentials(String user, String secret) {
        return new KurrentStoreOptions(appendDeadline, readDeadline, readPageSize, streamPrefixes,
                Objects.requireNonNull(user, "user"), Objects.requireNonNull(secret, "secret"),
                minRetryDelay, maxRetryDelay);
    }

    public KurrentStoreOptions withRetryDelays(Duration min, Duration max) {
        return new KurrentStoreOptions(appendDeadline, readDeadline, readPageSize, streamPrefixes, username, password,
                min, max);
    }

    /** Whether the options carry credentials of their own. */
    public boolean hasCredentials() {
        return username != null;
    }

    // Keeps the password out of logs and exception messages.
    @Override
    public String toString() {
        return "KurrentStoreOptions[appendDeadline=" + appendDeadline + ", readDeadline=" + readDeadline
                + ", readPageSize=" + readPageSize + ", streamPrefixes=" + streamPrefixes
                + ", username=" + username + ", password=" + (password == null ? null : "***")
                + ", minRetryDelay=" + minRetryDelay + ", maxRetryDelay=" + maxRetryDelay + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
