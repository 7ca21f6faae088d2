package dev.ante.api.ingest;

import java.util.List;

/**
 * What an accepted batch did: the revisions of the appended events (null when all were duplicates),
 * the global position of the stream's last event (wait for it with {@code minPosition}), how many were
 * appended and which were skipped as duplicates.
 */
public record AppendResponse(
        String stream,
        Long firstRevision,
        Long lastRevision,
        long position,
        int appended,
        int duplicates,
        List<Integer> duplicateIndexes) {
}
