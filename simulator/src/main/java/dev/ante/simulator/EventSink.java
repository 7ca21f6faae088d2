package dev.ante.simulator;

/**
 * Where simulated batches go: the platform's HTTP API ({@link HttpSink}), or anything in-process a
 * benchmark or test provides. Batches of one stream arrive in order; a sink must keep that order.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Delivers {@code batch}, or buffers it for a later {@link #flush()}.
     *
     * @throws SinkException when the batch was refused or could not be delivered
     */
    void send(StreamBatch batch);

    /** Delivers anything buffered. */
    default void flush() {
    }

    @Override
    default void close() {
        flush();
    }
}
