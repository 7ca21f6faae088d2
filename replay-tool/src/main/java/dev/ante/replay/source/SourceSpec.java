package dev.ante.replay.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.infra.store.StoreUnavailableException;
import dev.ante.infra.store.kurrent.KurrentStreamStore;
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
 * command relies on. The embedded store and KurrentDB are both read this way.
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

        /**
         * Connects, checking that the server answers, so that a wrong address fails before any command runs.
         *
         * @throws SourceException when the string does not parse or the server cannot be reached
         */
        @Override
        public Source open(String apiKey, ObjectMapper mapper) {
            // Named by display(): the connection string may hold a password, and messages end up in logs.
            String name = display();
            try {
                return new StoreSource(name, KurrentStreamStore.connect(connectionString));
            } catch (StoreUnavailableException | IllegalArgumentException e) {
                // The client's own messages, deeper in the chain, may quote the string as given.
                throw new SourceException(name, withoutCredentials(SourceException.describe(e)), e);
            }
        }

        @Override
        public String display() {
            // The connection string may carry a user and password before the '@'.
            return connectionString.replaceFirst("://[^@/]*@", "://***@");
        }

        private static String withoutCredentials(String text) {
            return text.replaceAll("//[^/@\\s]*@", "//***@");
        }
    }
}

/** The scheme prefix of a source, per RFC 3986's scheme syntax. */
final class Scheme {
    static final Pattern PATTERN = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");

    private Scheme() {
    }
}
