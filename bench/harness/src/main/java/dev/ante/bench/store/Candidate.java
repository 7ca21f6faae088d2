package dev.ante.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** One embedded database set-up under comparison, driven through the same event-store operations. */
abstract class Candidate {

    /** An event as the comparison writes it: id, type name, JSON data and JSON metadata. */
    record BenchEvent(UUID id, String type, byte[] data, byte[] metadata) {
        int size() {
            return data.length + metadata.length;
        }
    }

    private final String label;

    Candidate(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Opens, creating the schema, the database in {@code dir}. */
    abstract void open(Path dir) throws Exception;

    /** Appends {@code events} to {@code stream} in one transaction; returns the last global position. */
    abstract long append(String stream, List<BenchEvent> events) throws Exception;

    /** Reads up to {@code max} events of {@code stream} from its start, touching every column. */
    abstract int readStream(String stream, int max) throws Exception;

    abstract void close() throws Exception;

    /** The bytes the closed database occupies in {@code dir}. */
    abstract long bytesOnDisk(Path dir) throws IOException;

    /** The arguments that make {@link ConcurrentReader} open this database the way a second process would. */
    abstract List<String> readerArguments(Path dir);

    static long sizeIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
