package dev.ante.domain;

import java.util.List;

/**
 * A request to record a batch of events on one stream, all or nothing.
 *
 * @param <E> the stream's event catalog
 */
public interface RecordEvents<E> {

    /** The stream's name, e.g. {@code game-g-1}. */
    String stream();

    /** What the stream must be before the batch. */
    ExpectedRevision expectedRevision();

    /** The submitted events, in order; at least one. */
    List<IncomingEvent<E>> events();
}
