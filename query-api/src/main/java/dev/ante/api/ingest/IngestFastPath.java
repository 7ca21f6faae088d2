package dev.ante.api.ingest;

import dev.ante.api.security.ApiKeys;
import dev.ante.api.security.Role;
import dev.ante.domain.StreamIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the per-stream write endpoints' ordinary requests without Spring Security's filter chain and Spring
 * MVC's dispatch, which are built for every kind of request: with them, Spring's code was about a third of a
 * one-event append's request-thread samples (docs/benchmarks.md).
 *
 * <p>It takes a request only when the full stack would certainly hand it to {@link IngestController} with nothing
 * left for it to decide: a {@code POST} to {@code /api/v1/games/{gameId}/events},
 * {@code /api/v1/strategies/{strategyId}/events} or {@code /api/v1/learning/{runId}/metrics} whose id is valid
 * ({@link StreamIds#isValid}: nothing in it for the full stack to decode or strip), whose query holds only plain
 * characters and names each parameter at most once, with a JSON content type, an {@code Accept} that takes JSON, no
 * {@code Origin}, and {@code Authorization: Bearer} with a key whose role may write ({@link Role#WRITERS}, which the
 * security rules give the write endpoints to). Everything else — a missing or wrong key, a read-only role, an
 * unusual header, a URL the firewall should look at — goes on to the full stack, which answers it exactly as before.
 *
 * <p>For a request it takes it does what the full stack does for it: the role is left on the request for the
 * rejection log, Spring Security's default response headers are written (by Spring Security's own header
 * writers), the request is observed under its mapping's path pattern, the controller's method is called, and any
 * exception is answered by the application's exception handlers, through Spring MVC's own resolvers, so
 * problems read exactly as they do through the dispatcher. An accepted batch is answered by
 * {@link AppendResponseWriter}.
 */
public final class IngestFastPath implements Filter {

    private enum Endpoint {
        GAME("/api/v1/games/", "/events", "/api/v1/games/{gameId}/events", "recordGameEvents"),
        STRATEGY("/api/v1/strategies/", "/events", "/api/v1/strategies/{strategyId}/events", "recordStrategyEvents"),
        LEARNING("/api/v1/learning/", "/metrics", "/api/v1/learning/{runId}/metrics", "recordMetrics");

        final String prefix;
        final String suffix;
        final String pattern;
        final Method method;

        Endpoint(String prefix, String suffix, String pattern, String method) {
            this.prefix = prefix;
            this.suffix = suffix;
            this.pattern = pattern;
            try {
                this.method = IngestController.class.getMethod(method, String.class, String.class, String.class,
                        HttpServletRequest.class);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private final IngestController controller;
    private final ApiKeys keys;
    private final List<HandlerExceptionResolver> resolvers;
    private final AppendResponseWriter answers;
    private final HandlerMethod[] handlers = new HandlerMethod[Endpoint.values().length];
    private final Counter taken;
    /** Spring Security's default response headers, written by its own writers. */
    private final List<HeaderWriter> headers = List.of(new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter(), new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

    /**
     * @param resolvers the application's exception resolvers, as Spring MVC's dispatcher finds them (all of them,
     *                  in order)
     */
    public IngestFastPath(IngestController controller, ApiKeys keys, List<HandlerExceptionResolver> resolvers,
                          AppendResponseWriter answers, MeterRegistry meters) {
        this.controller = controller;
        this.keys = keys;
        List<HandlerExceptionResolver> ordered = new ArrayList<>(resolvers);
        AnnotationAwareOrderComparator.sort(ordered);
        this.resolvers = List.copyOf(ordered);
        this.answers = answers;
        for (Endpoint endpoint : Endpoint.values()) {
            handlers[endpoint.ordinal()] = new HandlerMethod(controller, endpoint.method);
        }
        this.taken = Counter.builder("ante.ingest.fast.path")
                .description("Write requests answered without the security filter chain and the dispatcher; the"
                        + " others went through them (a missing or read-only key, an Origin, an unusual query or header)")
                .register(meters);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response
                && "POST".equals(request.getMethod()) && request.getContextPath().isEmpty()) {
            String uri = request.getRequestURI();
            Endpoint endpoint = endpoint(uri);
            if (endpoint != null) {
                String id = uri.substring(endpoint.prefix.length(), uri.length() - endpoint.suffix.length());
                // A valid id holds nothing the full stack would decode or strip: it is the id the controller gets.
                Optional<Role> writer = StreamIds.isValid(id) && plain(request) ? writer(request) : Optional.empty();
                if (writer.isPresent()) {
                    handle(endpoint, id, writer.get(), request, response);
                    return;
                }
            }
        }
        chain.doFilter(req, res);
    }

    private void handle(Endpoint endpoint, String id, Role role, HttpServletRequest request,
                        HttpServletResponse response) throws IOException, ServletException {
        taken.increment();
        request.setAttribute(Rejections.ROLE, role.name().toLowerCase(Locale.ROOT));
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(endpoint.pattern));
        for (HeaderWriter writer : headers) {
            writer.writeHeaders(request, response);
        }
        String expectedRevision = request.getParameter("expectedRevision");
        String backfill = request.getParameter("backfill");
        AppendResponse answer;
        try {
            answer = switch (endpoint) {
                case GAME -> controller.recordGameEvents(id, expectedRevision, backfill, request);
                case STRATEGY -> controller.recordStrategyEvents(id, expectedRevision, backfill, request);
                case LEARNING -> controller.recordMetrics(id, expectedRevision, backfill, request);
            };
        } catch (Exception e) {
            resolve(handlers[endpoint.ordinal()], e, request, response);
            return;
        }
        answers.write(answer, response);
    }

    /** Answers {@code e} as Spring MVC's dispatcher would: the first resolver that answers it, else it goes up. */
    private void resolve(HandlerMethod handler, Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        for (HandlerExceptionResolver resolver : resolvers) {
            ModelAndView answered = resolver.resolveException(request, response, handler, e);
            if (answered != null) {
                return;
            }
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof ServletException servlet) {
            throw servlet;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new ServletException("Request processing failed: " + e, e);
    }

    /** The endpoint whose prefix and suffix a request URI has around a non-empty middle, or null. */
    private static Endpoint endpoint(String uri) {
        for (Endpoint endpoint : Endpoint.values()) {
            if (uri.length() > endpoint.prefix.length() + endpoint.suffix.length() && uri.startsWith(endpoint.prefix)
                    && uri.endsWith(endpoint.suffix)) {
                return endpoint;
            }
        }
        return null;
    }

    /**
     * Whether the request's query, content type and accepted types leave nothing for the full stack to decide: a
     * query of plain characters with each parameter at most once, a JSON body, JSON accepted, and no
     * {@code Origin}.
     */
    static boolean plain(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null) {
            for (int i = 0; i < query.length(); i++) {
                char c = query.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '=' || c == '&'
                        || c == '.' || c == '_' || c == '-')) {
                    return false;
                }
            }
            for (String name : new String[] {"expectedRevision", "backfill"}) {
                String[] values = request.getParameterValues(name);
                if (values != null && values.length > 1) {
                    return false;
                }
            }
        }
        if (request.getHeader(HttpHeaders.ORIGIN) != null) {
            return false;
        }
        try {
            String contentType = request.getContentType();
            if (!printable(contentType) || !MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType))) {
                return false;
            }
            return acceptsJson(request.getHeaders(HttpHeaders.ACCEPT));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Whether the {@code Accept} headers (none: anything) take JSON, as Spring MVC's {@code produces} matches them. */
    private static boolean acceptsJson(Enumeration<String> accept) {
        if (accept == null || !accept.hasMoreElements()) {
            return true;
        }
        boolean json = false;
        while (accept.hasMoreElements()) {
            String value = accept.nextElement();
            if (!printable(value)) {
                return false;
            }
            for (MediaType type : MediaType.parseMediaTypes(value)) {
                json |= type.isCompatibleWith(MediaType.APPLICATION_JSON);
            }
        }
        return json;
    }

    /** Whether a header's value is there and holds printable ASCII only (what the firewall would let through). */
    private static boolean printable(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The role of a {@code Bearer} key that may write; empty for anything else (the full stack answers it). */
    private Optional<Role> writer(HttpServletRequest request) {
        String key = ApiKeys.bearerKey(request.getHeader(HttpHeaders.AUTHORIZATION));
        return key == null ? Optional.empty() : keys.roleOf(key).filter(Role.WRITERS::contains);
    }
}
