package dev.ante.api.security;

import dev.ante.api.ingest.Rejections;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}, or a dashboard session's cookie. A request without
 * either goes on anonymous (and is refused by the rules if the path needs a role); a wrong key is refused
 * here with 401. The cookie counts only for reads (GET, HEAD, and research SQL, which only reads): writes
 * always need the key itself, so a page on another site can never make a signed-in browser write.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final DashboardSessions sessions;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(ApiKeys keys, DashboardSessions sessions, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.sessions = sessions;
        this.entryPoint = entryPoint;
    }

    /**
     * Reads that waited for a position answer in an async dispatch, which the authorization rules check
     * again; the key is authenticated again for it (the request's headers are the same).
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            Optional<Role> session = readsOnly(request) ? sessions.roleOf(sessionToken(request)) : Optional.empty();
            if (session.isEmpty()) {
                chain.doFilter(request, response);
            } else {
                authenticated(session.get(), request, response, chain);
            }
            return;
        }
        String key = ApiKeys.bearerKey(header);
        if (key == null) {
            entryPoint.commence(request, response,
                    new BadCredentialsException("the Authorization header must be 'Bearer <API key>'"));
            return;
        }
        Optional<Role> role = keys.roleOf(key);
        if (role.isEmpty()) {
            entryPoint.commence(request, response, new BadCredentialsException("the API key is not recognised"));
            return;
        }
        authenticated(role.get(), request, response, chain);
    }

    private static void authenticated(Role role, HttpServletRequest request, HttpServletResponse response,
                                      FilterChain chain) throws ServletException, IOException {
        var authentication = new UsernamePasswordAuthenticationToken(role.name().toLowerCase(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        request.setAttribute(Rejections.ROLE, role.name().toLowerCase());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static boolean readsOnly(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method)
                || ("POST".equals(method) && "/api/v1/sql".equals(request.getRequestURI()));
    }

    /** The session cookie's value, if the request carries exactly one. */
    static String sessionToken(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String token = null;
        for (jakarta.servlet.http.Cookie cookie : cookies) {
            if (DashboardSessions.COOKIE.equals(cookie.getName())) {
                if (token != null) {
                    return null;
                }
                token = cookie.getValue();
            }
        }
        return token;
    }
}
