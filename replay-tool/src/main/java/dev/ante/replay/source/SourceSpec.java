package dev.ante.replay.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --source} names, parsed but not yet opened: a running Ante's URL, an embedded data
 * directory, or a KurrentDB connection string.
 *
 * <p>Adding a backend is adding a kind here whose {@link #open} returns a {@link StoreSource} over that
 * backend's {@link dev.ante.infra.store.StreamStore}: the store port already has the semantics every
 * command relies on. KurrentDB is meant to arrive this way once infra has its backend; until then
 * {@link KurrentDb#open} refuses, so that no command pretends to read it.
 */
public sealed interface SourceSpec {

    /** Connection-string schemes of KurrentDB and of EventStoreDB, its former name. */
    Set<String> KURRENTDB_SCHEMES = Set.of("kurrentdb", "kurrentdb+discover", "kurrent", "kurrent+discover",
            "esdb", "esdb+discover");

    /** Opens the source; {@code apiKey} is used by URL sources only. */
    Source open(String apiKey, ObjectMapper mapper);

    /** The spec as shown in messages, without credentials. */
    String display();

    /**
     * Parses {@code --source}: {@code http://} and {@code https://} are URLs, the KurrentDB schemes are
     * connection strings, {@code file:} URIs and anything without a scheme are directories.
     *
     * @throws IllegalArgumentException when the text names nothing this tool knows
     */
    static SourceSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the source is empty");
        }
        String trimmed = text.trim();
        Matcher scheme = Scheme.PATTERN.matcher(trimmed);
        if (!scheme.lookingAt()) {
            return DataDir.of(trimmed);
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (name.equals("http") || name.equals("https")) {
            return Url.of(trimmed);
        }
        if (KURRENTDB_SCHEMES.contains(name)) {
            return new KurrentDb(trimmed);
        }
        if (name.equals("file")) {
            try {
                return new DataDir(Path.of(new URI(trimmed)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a usable file: URI (" + e.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("unknown kind of source '" + name + "://': use a running Ante's "
                + "http(s):// URL, an embedded data directory, or a kurrentdb:// connection string");
    }

    /** An embedded data directory, the one the platform runs on (it holds {@code events.db}). */
    record DataDir(Path dir) implements SourceSpec {

        static DataDir of(String text) {
            try {
                return new DataDir(Path.of(text));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + text + "' is not a usable path: " + e.getReason());
            }
        }

        @Override
        public Source open(String apiKey, ObjectMapper mapper) {
            return StoreSource.embedded(dir);
        }

        @Override
        public String display() {
            return dir.toString();
        }
    }

    /** A running Ante, reached through its HTTP API. */
    record Url(URI uri) implements SourceSpec {

        static Url of(String text) {
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "' has no host");
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new IllegalArgumentException("'" + text + "' must be the API's base URL, "
                            + "without a query or fragment");
                }
                return new Url(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
            }
        }

        @Override
        public Source open(String apiKey, ObjectMapper mapper) {
            return new HttpSource(uri, apiKey, mapper);
        }

        @Override
        public String display() {
            return HttpSource.display(uri);
        }
    }

    /** A KurrentDB (or EventStoreDB) connection string. */
    record KurrentDb(String connectionString) implements SourceSpec {

        @Override
        public Source open(String apiKey, ObjectMapper mapper) {
            throw new UnsupportedSourceException("kurrentdb:// sources are not supported by this build yet: "
                    + "it has no KurrentDB backend. Read the same events through the running platform's URL "
                    + "instead (--source http://host:8080).");
        }

        @Override
        public String display() {
            // The connection string may carry a user and password before the '@'.
            return connectionString.replaceFirst("://[^@/]*@", "://***@");
        }
    }
}

/** The scheme prefix of a source, per RFC 3986's scheme syntax. */
final class Scheme {
    static final Pattern PATTERN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");

    private Scheme() {
    }
}
