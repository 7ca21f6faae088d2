package dev.ante.infra.store.kurrent;

import dev.ante.infra.store.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.ConnectionShutdownException;
import io.kurrent.dbclient.Endpoint;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBClientSettings;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.NoClusterNodeFoundException;
import io.kurrent.dbclient.NotLeaderException;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.StreamDeletedException;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.UserCredentials;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of a {@link KurrentStreamStore} to KurrentDB: the client, replaced when it gives up on its
 * connection (no sooner than the retry delay allows), request deadlines, credentials, and the translation of
 * the client's failures into {@link StoreUnavailableException} and {@link IllegalArgumentException}.
 *
 * <p>Thread-safe.
 */
final class KurrentConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KurrentStreamStore.class);

    private static final int PROBE_TIMEOUT_MS = 1_000;
    // A new client loads its TLS provider and Netty before its first attempt, which takes a second or two.
    private static final long CONNECT_SLACK_MS = 5_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final KurrentDBClientSettings settings;
    private final KurrentStoreOptions options;
    private final UserCredentials credentials;
    private final String server;
    // How long the client may spend (re)connecting before a request even starts; see ConnectionService.
    private final long connectBudgetMillis;

    private final Object lock = new Object();
    private KurrentDBClient client;
    private long nextClientNotBefore;
    private long retryDelayNanos;
    private String lastConnectionFailure = "no connection yet";
    private boolean closed;

    KurrentConnection(KurrentDBClientSettings settings, KurrentStoreOptions options) {
        this.settings = settings;
        this.options = options;
        this.credentials = options.hasCredentials()
                ? new UserCredentials(options.username(), options.password()) : null;
        this.server = describeHosts(settings);
        this.connectBudgetMillis = (long) Math.max(1, settings.getMaxDiscoverAttempts())
                * (settings.getGossipTimeout() + settings.getDiscoveryInterval()) + CONNECT_SLACK_MS;
        this.retryDelayNanos = options.minRetryDelay().toNanos();
    }

    /**
     * Parses a connection string.
     *
     * @throws IllegalArgumentException when it cannot be parsed; the message hides any credentials
     */
    static KurrentDBClientSettings parse(String connectionString) {
        try {
            return KurrentDBConnectionString.parseOrThrow(connectionString);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid KurrentDB connection string: "
                    + redact(connectionString) + " (" + redact(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    /** The server(s), as {@code host:port}, for messages and logs. */
    String server() {
        return server;
    }

    // One overload per request type: the options share a base class, but the client does not make it public.
    AppendToStreamOptions authenticated(AppendToStreamOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    ReadStreamOptions authenticated(ReadStreamOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    ReadAllOptions authenticated(ReadAllOptions requestOptions) {
        return credentials == null ? requestOptions : requestOptions.authenticated(credentials);
    }

    /**
     * Runs one request with a local timeout beyond the request's own deadline, covering the time the client
     * may spend connecting first. Returns the client's domain exceptions (wrong expected version, stream not
     * found or deleted) as they are, for the caller to interpret; everything else becomes
     * {@link StoreUnavailableException} or, for requests the server calls invalid, {@link IllegalArgumentException}.
     */
    <T> T call(String what, Duration deadline, Function<KurrentDBClient, CompletableFuture<T>> request) {
        return call(what, false, deadline, request);
    }

    <T> T write(String what, Duration deadline, Function<KurrentDBClient, CompletableFuture<T>> request) {
        return call(what, true, deadline, request);
    }

    private <T> T call(String what, boolean write, Duration deadline,
                       Function<KurrentDBClient, CompletableFuture<T>> request) {
        KurrentDBClient current = client();
        CompletableFuture<T> future = null;
        try {
            future = request.apply(current);
            T result = future.get(deadline.toMillis() + connectBudgetMillis, TimeUnit.MILLISECONDS);
            succeeded();
            return result;
        } catch (ExecutionException | CompletionException e) {
            throw translate(what, write, current, unwrap(e));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, write, "no answer within " + (deadline.toMillis() + connectBudgetMillis) + " ms",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (future != null) {
                future.cancel(true);
            }
            throw unavailable(what, write, "interrupted while waiting for the answer", e);
        } catch (RuntimeException e) {
            throw translate(what, write, current, unwrap(e));
        }
    }

    private RuntimeException translate(String what, boolean write, KurrentDBClient current, Throwable failure) {
        if (failure instanceof WrongExpectedVersionException || failure instanceof StreamNotFoundException
                || failure instanceof StreamDeletedException) {
            succeeded();
            return (RuntimeException) failure;
        }
        if (failure instanceof StatusRuntimeException status
                && status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
            return new IllegalArgumentException(prefix() + "rejected the request to " + what + ": "
                    + status.getStatus().getDescription(), failure);
        }
        String reason = noteFailure(current, failure);
        // A client that gave up on connecting fails its queued requests before sending them.
        return unavailable(what, write && !(failure instanceof ConnectionShutdownException), reason, failure);
    }

    private StoreUnavailableException unavailable(String what, boolean outcomeUnknown, String reason,
                                                  Throwable cause) {
        String message = prefix() + "cannot " + what + ": " + reason;
        if (outcomeUnknown) {
            message += "; the write may or may not have been made, and repeating it with the same event ids is safe";
        }
        return new StoreUnavailableException(message, cause);
    }

    private String describe(Throwable failure) {
        if (failure instanceof ConnectionShutdownException) {
            synchronized (lock) {
                if (closed) {
                    return "the store has been closed";
                }
            }
            return "no connection could be made (" + probe() + ")";
        }
        if (failure instanceof NotLeaderException notLeader) {
            return "the node is not the leader; the leader is " + notLeader.getLeaderEndpoint();
        }
        if (failure instanceof NoClusterNodeFoundException) {
            return "no cluster node could be found (" + probe() + ")";
        }
        if (failure instanceof StatusRuntimeException status) {
            Status s = status.getStatus();
            String detail = s.getDescription() == null ? "" : " (" + s.getDescription() + ")";
            return switch (s.getCode()) {
                case UNAVAILABLE -> "the server is unavailable" + detail;
                case DEADLINE_EXCEEDED -> "no answer before the deadline" + detail;
                case UNAUTHENTICATED -> "authentication failed; check the username and password" + detail;
                case PERMISSION_DENIED -> "access denied; the user needs read and write access to Ante's streams"
                        + " and read access to $all" + detail;
                default -> s.getCode() + detail;
            };
        }
        return String.valueOf(failure);
    }

    // Tells a refused port from an unknown host from a silent one: the client only reports that it gave up.
    private String probe() {
        List<String> results = new ArrayList<>();
        for (Endpoint endpoint : settings.getHosts()) {
            String where = endpoint.getHost() + ":" + endpoint.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), PROBE_TIMEOUT_MS);
                results.add(where + " accepts TCP connections but did not answer as a KurrentDB node (tls="
                        + settings.isTls() + " in the connection string: is that what the server expects?)");
            } catch (UnknownHostException e) {
                results.add("unknown host " + endpoint.getHost());
            } catch (ConnectException e) {
                results.add(where + " refused the connection");
            } catch (SocketTimeoutException e) {
                results.add(where + " did not answer within " + PROBE_TIMEOUT_MS + " ms");
            } catch (IOException | RuntimeException e) {
                results.add(where + ": " + e.getMessage());
            }
        }
        return results.isEmpty() ? "no hosts configured" : String.join("; ", results);
    }

    String prefix() {
        return "KurrentDB at " + server + ": ";
    }

    // --- the client ---------------------------------------------------------------------------------------

    // The 1.1.0 client shuts itself down for good after a few failed connection attempts, so a dead client is
    // replaced; the retry delay spaces replacements out (each dead client also leaves an idle thread behind).
    private KurrentDBClient client() {
        synchronized (lock) {
            if (closed) {
                throw new StoreUnavailableException(prefix() + "the store has been closed", null);
            }
            if (client != null && !client.isShutdown()) {
                return client;
            }
            long now = System.nanoTime();
            if (client != null && now - nextClientNotBefore < 0) {
                throw new StoreUnavailableException(prefix() + "unreachable (" + lastConnectionFailure
                        + "); next connection attempt in "
                        + TimeUnit.NANOSECONDS.toMillis(nextClientNotBefore - now) + " ms", null);
            }
            client = KurrentDBClient.create(settings);
            nextClientNotBefore = now + retryDelayNanos;
            retryDelayNanos = Math.min(retryDelayNanos * 2, options.maxRetryDelay().toNanos());
            return client;
        }
    }

    private void succeeded() {
        synchronized (lock) {
            retryDelayNanos = options.minRetryDelay().toNanos();
        }
    }

    /** Describes the failure and, when it cost the client its connection, remembers the description. */
    private String noteFailure(KurrentDBClient failed, Throwable failure) {
        String reason = describe(failure);
        if (failed.isShutdown()) {
            synchronized (lock) {
                lastConnectionFailure = reason;
            }
        }
        return reason;
    }

    @Override
    public void close() {
        KurrentDBClient current;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            current = client;
            client = null;
        }
        if (current != null && !current.isShutdown()) {
            try {
                current.shutdown().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.debug("KurrentDB client for {} did not shut down cleanly", server, e);
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describeHosts(KurrentDBClientSettings settings) {
        String hosts = Arrays.stream(settings.getHosts())
                .map(endpoint -> endpoint.getHost() + ":" + endpoint.getPort())
                .collect(Collectors.joining(","));
        return settings.isDnsDiscover() ? hosts + " (discovery)" : hosts;
    }

    private static String redact(String text) {
        return text.replaceAll("//[^/@\\s]*@", "//***@");
    }
}
