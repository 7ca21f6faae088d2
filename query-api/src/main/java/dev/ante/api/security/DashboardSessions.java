package dev.ante.api.security;

import dev.ante.api.config.AnteProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Sign-ins of the dashboard: a key is exchanged once for a random session token, which the browser keeps in
 * an HttpOnly cookie, so that keys never sit in URLs, scripts or local storage. Sessions live in memory
 * (a restart signs everyone out), last {@code ante.security.session-ttl}, and at most
 * {@code ante.security.max-sessions} are kept: the oldest goes first.
 */
@Component
public class DashboardSessions {

    /** The cookie that carries the session token. */
    public static final String COOKIE = "ante_session";

    private record Session(Role role, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Duration ttl;
    private final int max;
    private final Clock clock;

    @Autowired
    public DashboardSessions(AnteProperties properties) {
        this(properties.security().sessionTtl(), properties.security().maxSessions(), Clock.systemUTC());
    }

    DashboardSessions(Duration ttl, int max, Clock clock) {
        this.ttl = ttl;
        this.max = max;
        this.clock = clock;
    }

    /** A new session for {@code role}; its token. */
    public synchronized String open(Role role) {
        dropExpired();
        while (sessions.size() >= max) {
            Iterator<String> oldest = sessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        sessions.put(token, new Session(role, clock.instant().plus(ttl)));
        return token;
    }

    /** The role of a live session. */
    public synchronized Optional<Role> roleOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.expires())) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(session.role());
    }

    public synchronized void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** How long a session lasts, for the cookie's Max-Age. */
    public Duration ttl() {
        return ttl;
    }

    public synchronized int count() {
        return sessions.size();
    }

    private void dropExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    }
}
