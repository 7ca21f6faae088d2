package dev.ante.infra.store.kurrent;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The metadata of a snapshot event: the stream revision the snapshot covers, wrapped around the snapshot's own
 * metadata, as {@code {"coveredRevision":N,"metadata":<original bytes>}}.
 *
 * <p>The original bytes are embedded verbatim rather than re-serialized, so they come back byte for byte, and
 * the prefix is fixed for a given revision, so unwrapping is a comparison and a slice.
 */
final class SnapshotMetadata {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String REVISION_FIELD = "coveredRevision";

    private SnapshotMetadata() {
    }

    /** The covered revision and the original metadata of a snapshot. */
    record Unwrapped(long coveredRevision, byte[] metadata) {
    }

    static byte[] wrap(long coveredRevision, byte[] metadata) {
        byte[] prefix = prefix(coveredRevision);
        byte[] wrapped = Arrays.copyOf(prefix, prefix.length + metadata.length + 1);
        System.arraycopy(metadata, 0, wrapped, prefix.length, metadata.length);
        wrapped[wrapped.length - 1] = '}';
        return wrapped;
    }

    /** Empty when {@code wrapped} was not written by {@link #wrap}, for instance by another tool. */
    static Optional<Unwrapped> unwrap(byte[] wrapped) {
        Optional<Long> revision = leadingRevision(wrapped);
        if (revision.isEmpty()) {
            return Optional.empty();
        }
        byte[] prefix = prefix(revision.get());
        if (wrapped.length < prefix.length + 1 || wrapped[wrapped.length - 1] != '}'
                || !Arrays.equals(wrapped, 0, prefix.length, prefix, 0, prefix.length)) {
            return Optional.empty();
        }
        return Optional.of(new Unwrapped(revision.get(),
                Arrays.copyOfRange(wrapped, prefix.length, wrapped.length - 1)));
    }

    private static byte[] prefix(long coveredRevision) {
        return ("{\"" + REVISION_FIELD + "\":" + coveredRevision + ",\"metadata\":").getBytes(UTF_8);
    }

    // Reads only the first field, so the embedded metadata need not be valid JSON for the revision to be found.
    private static Optional<Long> leadingRevision(byte[] wrapped) {
        try (JsonParser parser = JSON.createParser(wrapped)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !REVISION_FIELD.equals(parser.currentName())
                    || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                return Optional.empty();
            }
            long revision = parser.getLongValue();
            return revision < 0 ? Optional.empty() : Optional.of(revision);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
