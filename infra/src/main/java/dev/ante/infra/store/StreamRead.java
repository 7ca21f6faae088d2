package dev.ante.infra.store;

import java.util.List;

/** The result of reading one stream: either the stream does not exist, or a page of its events. */
public sealed interface StreamRead {

    /** The stream has never been written. */
    record NotFound(String stream) implements StreamRead {
    }

    /** A page of events and the stream's last revision at the time of the read. */
    record Found(String stream, List<RecordedEvent> events, long lastRevision) implements StreamRead {
    }
}
