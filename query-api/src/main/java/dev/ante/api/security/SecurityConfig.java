package dev.ante.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.config.AnteProperties;
import dev.ante.api.error.Problems;
import dev.ante.api.ingest.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what: writes need AGENT (or ADMIN), reads any role, admin endpoints ADMIN; health and
 * the OpenAPI document are open. Every refusal is a problem report.
 */
@Configuration
public class SecurityConfig {

    private static final String AGENT = Role.AGENT.name();
    private static final String RESEARCHER = Role.RESEARCHER.name();
    private static final String ADMIN = Role.ADMIN.name();
    private static final String[] WRITERS = Role.WRITERS.stream().map(Role::name).sorted().toArray(String[]::new);

    @Bean
    ApiKeys apiKeys(AnteProperties properties) {
        return ApiKeys.load(properties);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, DashboardSessions sessions, ObjectMapper mapper)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> write(request, response, mapper,
                Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", e instanceof
                        org.springframework.security.authentication.InsufficientAuthenticationException
                        ? "this endpoint needs an API key: send 'Authorization: Bearer <key>'" : e.getMessage()));
        AccessDeniedHandler forbidden = (request, response, e) -> write(request, response, mapper,
                Problems.of(HttpStatus.FORBIDDEN, "Forbidden", "the API key's role may not " + request.getMethod()
                        + " " + request.getRequestURI()));
        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(keys, sessions, unauthorized), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        // The dashboard's page and assets hold no data; signing in and out is open.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/webjars/**",
                                "/favicon.ico").permitAll()
                        .requestMatchers("/api/v1/session").permitAll()
                        .requestMatchers("/api/v1/admin/**", "/actuator/**", "/api/v1/stream/stats").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/sql").hasAnyRole(RESEARCHER, AGENT, ADMIN)
                        // MCP tools read the API with the caller's key, so each tool keeps its endpoint's role.
                        .requestMatchers("/mcp").hasAnyRole(RESEARCHER, AGENT, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(RESEARCHER, AGENT, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/games/**", "/api/v1/strategies/**",
                                "/api/v1/learning/**", "/api/v1/events").hasAnyRole(WRITERS)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }

    /**
     * No observation per security filter, authentication and authorization: each request ran a dozen of
     * them, and they were the largest single part of a one-event append's request thread after the write
     * itself (docs/benchmarks.md). Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The rules' paths are matched with Spring's path patterns directly, as Spring MVC matches its mappings,
     * instead of asking Spring MVC's handler mappings for every request a second time.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Spring Security's filter chain without Spring MVC's handler lookup in front of it (see the class). */
    @Bean
    static PlainSecurityFilterChain plainSecurityFilterChain() {
        return new PlainSecurityFilterChain();
    }

    /** Requests the firewall refuses (encoded slashes, '..', control characters) get a problem report too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper mapper) {
        return (request, response, e) -> write(request, response, mapper, Problems.of(HttpStatus.BAD_REQUEST,
                "Rejected request", "the request URL is not acceptable: " + e.getMessage()));
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper mapper,
                              ProblemDetail problem) throws IOException {
        request.setAttribute(Rejections.PROBLEM, problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
