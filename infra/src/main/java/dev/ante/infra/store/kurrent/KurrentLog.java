package dev.ante.infra.store.kurrent;

import static dev.ante.infra.store.StreamStore.START;
import static dev.ante.infra.store.StreamStoreArguments.requireAfterPosition;
import static dev.ante.infra.store.StreamStoreArguments.requireMaxCount;

import dev.ante.infra.store.RecordedEvent;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ResolvedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The log of a {@link KurrentStreamStore}: {@code $all} seen through {@link KurrentStoreOptions#streamPrefixes()}.
 * System streams ({@code $...}), snapshot streams and other applications' streams are skipped on the client,
 * since the Java client cannot filter {@code $all} reads on the server; remembered scans spare pollers that
 * are caught up from reading the same skipped events again.
 */
final class KurrentLog {

    private static final int SCAN_HINTS_REMEMBERED = 256;

    private final KurrentConnection connection;
    private final KurrentStoreOptions options;
    private final Predicate<String> inLog;

    // $all only grows at its end, so a stretch found to hold no events of the log never will. Remembering how
    // far such a scan got from a given position spares pollers that are caught up (Axon asks about once a
    // second) from reading other streams' events, and snapshots, again and again.
    private final Map<Long, Position> scannedPast = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Position> eldest) {
                    return size() > SCAN_HINTS_REMEMBERED;
                }
            });
    // The same for the head: the newest $all event the last search saw, and the head it found then.
    private volatile HeadHint headHint;

    KurrentLog(KurrentConnection connection, KurrentStoreOptions options) {
        this.connection = connection;
        this.options = options;
        List<String> prefixes = options.streamPrefixes();
        this.inLog = stream -> !stream.startsWith("$") && !stream.startsWith(KurrentStoreOptions.SNAPSHOT_PREFIX)
                && prefixes.stream().anyMatch(stream::startsWith);
    }

    List<RecordedEvent> readAll(long afterPosition, int maxCount) {
        requireAfterPosition(afterPosition);
        requireMaxCount(maxCount);
        List<RecordedEvent> events = new ArrayList<>();
        // Full (commit, prepare) positions from here on: other applications' events written in explicit
        // transactions share a commit position, and only the pair is a valid place to continue from.
        Position start = afterPosition == START ? null : new Position(afterPosition, afterPosition);
        Position skipTo = scannedPast.get(afterPosition);
        Position last = skipTo != null ? skipTo : start;
        // The first page is sized for the request (+1: a read from a position includes the event there); once
        // a page turns out to hold other streams' events, full pages skip them faster.
        int pageSize = (int) Math.min(options.readPageSize(), (long) maxCount + 1);
        while (true) {
            ReadAllOptions readOptions = connection.authenticated(ReadAllOptions.get())
                    .forwards().maxCount(pageSize).deadline(options.readDeadline().toMillis());
            if (last == null) {
                readOptions.fromStart();
            } else {
                readOptions.fromPosition(last);
            }
            String what = "read $all after position " + (last == null ? START : last.getCommitUnsigned());
            List<ResolvedEvent> page;
            try {
                page = connection.call(what, options.readDeadline(), c -> c.readAll(readOptions)).getEvents();
            } catch (IllegalArgumentException e) {
                if (skipTo == null || !skipTo.equals(last)) {
                    throw e;
                }
                // The remembered event is gone (scavenged, say): scan from the caller's position after all.
                scannedPast.remove(afterPosition);
                skipTo = null;
                last = start;
                continue;
            }
            for (ResolvedEvent resolved : page) {
                io.kurrent.dbclient.RecordedEvent event = resolved.getOriginalEvent();
                if (last != null && event.getPosition().compareTo(last) <= 0) {
                    continue;
                }
                last = event.getPosition();
                if (inLog.test(event.getStreamId())) {
                    events.add(KurrentStreams.toRecordedEvent(event));
                    if (events.size() == maxCount) {
                        return List.copyOf(events);
                    }
                }
            }
            if (page.size() < pageSize || !events.isEmpty()) {
                if (events.isEmpty() && last != null && !last.equals(start)) {
                    scannedPast.put(afterPosition, last);
                }
                return List.copyOf(events);
            }
            pageSize = options.readPageSize();
        }
    }

    long headPosition() {
        HeadHint known = headHint;
        HeadHint found = scanBackwards("find the head of the log", event -> true, known);
        if (found.newestSeen() != null) {
            headHint = found;
        }
        return found.head();
    }

    long positionBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        // KurrentDB keeps no index by time: walk back from the end, which is short for the recent instants
        // that replays and resets usually ask for.
        return scanBackwards("find the position before " + instant,
                event -> event.getCreated().isBefore(instant), null).head();
    }

    /** The newest event of $all seen by a backwards search, and the position that search found. */
    private record HeadHint(Position newestSeen, long head) {
    }

    // Walks $all back from its end to the newest log event that is wanted; a search that reaches events an
    // earlier one already saw (known) ends with that search's answer.
    private HeadHint scanBackwards(String what, Predicate<io.kurrent.dbclient.RecordedEvent> wanted,
                                   HeadHint known) {
        Position before = null;
        Position newestSeen = null;
        // With an earlier answer to build on, the first events usually settle it: start small, then grow.
        int pageSize = known == null ? options.readPageSize() : 2;
        while (true) {
            ReadAllOptions readOptions = connection.authenticated(ReadAllOptions.get())
                    .backwards().maxCount(pageSize).deadline(options.readDeadline().toMillis());
            if (before == null) {
                readOptions.fromEnd();
            } else {
                readOptions.fromPosition(before);
            }
            List<ResolvedEvent> page = connection.call(what, options.readDeadline(), c -> c.readAll(readOptions))
                    .getEvents();
            for (ResolvedEvent resolved : page) {
                io.kurrent.dbclient.RecordedEvent event = resolved.getOriginalEvent();
                // Backwards reads start before the given position; the check only guards against a server that
                // would include it.
                if (before != null && event.getPosition().compareTo(before) >= 0) {
                    continue;
                }
                if (newestSeen == null) {
                    newestSeen = event.getPosition();
                }
                if (known != null && event.getPosition().compareTo(known.newestSeen()) <= 0) {
                    return new HeadHint(newestSeen, known.head());
                }
                if (inLog.test(event.getStreamId()) && wanted.test(event)) {
                    return new HeadHint(newestSeen, event.getPosition().getCommitUnsigned());
                }
            }
            if (page.size() < pageSize) {
                return new HeadHint(newestSeen, START);
            }
            before = page.get(page.size() - 1).getOriginalEvent().getPosition();
            pageSize = Math.min(pageSize * 2, options.readPageSize());
        }
    }
}
