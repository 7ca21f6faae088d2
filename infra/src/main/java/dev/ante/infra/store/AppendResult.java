package dev.ante.infra.store;

/** The outcome of an append: the revisions given to the new events and the position of the last one. */
public record AppendResult(String stream, long firstRevision, long lastRevision, long lastPosition) {
}
