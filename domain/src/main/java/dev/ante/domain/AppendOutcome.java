package dev.ante.domain;

import java.util.List;

/**
 * What a recorded batch did to its stream: the revisions of the newly appended events (both null when
 * every event was a duplicate), the stream's last revision, and which events were skipped as duplicates.
 */
public record AppendOutcome(
        String stream,
        Long firstRevision,
        Long lastRevision,
        long streamRevision,
        int appended,
        List<Integer> duplicateIndexes) {

    public AppendOutcome {
        duplicateIndexes = List.copyOf(duplicateIndexes);
    }

    public int duplicates() {
        return duplicateIndexes.size();
    }
}
