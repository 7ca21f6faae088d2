package dev.ante.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.api.error.Problems;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.api.ingest.PayloadTooLargeException;
import dev.ante.domain.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in to the dashboard: {@code POST} a key, get an HttpOnly, SameSite=Strict session cookie; the
 * cookie then authenticates reads with the key's role. {@code GET} says who is signed in, {@code DELETE}
 * signs out.
 */
@RestController
@RequestMapping("/api/v1/session")
@Tag(name = "session", description = "Dashboard sign-in: a key exchanged for a session cookie")
public class SessionController {

    /** A sign-in body is one key in a small JSON object. */
    static final int MAX_BODY = 4096;

    private final ApiKeys keys;
    private final DashboardSessions sessions;
    private final ObjectMapper mapper;

    public SessionController(ApiKeys keys, DashboardSessions sessions, ObjectMapper mapper) {
        this.keys = keys;
        this.sessions = sessions;
        this.mapper = mapper;
    }

    @Operation(summary = "Sign in with an API key ({\"key\": \"...\"}); sets the session cookie")
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> signIn(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new PayloadTooLargeException(MAX_BODY);
        }
        String key = key(body);
        Optional<Role> role = keys.roleOf(key);
        if (role.isEmpty()) {
            ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", "the API key is not recognised");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        String token = sessions.open(role.get());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie(token, sessions.ttl().toSeconds(), request.isSecure()))
                .body(Map.of("signedIn", true, "role", role.get().name()));
    }

    @Operation(summary = "Whether the request is signed in (by the session cookie or a key), and with which role")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> whoAmI() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return Map.of("signedIn", false);
        }
        String role = auth.getAuthorities().iterator().next().getAuthority().substring("ROLE_".length());
        return Map.of("signedIn", true, "role", role);
    }

    @Operation(summary = "Sign out: ends the session and clears its cookie")
    @DeleteMapping
    public ResponseEntity<Void> signOut(HttpServletRequest request) {
        sessions.close(ApiKeyFilter.sessionToken(request));
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0, request.isSecure())).build();
    }

    private String key(byte[] body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        JsonNode key = json == null ? null : json.get("key");
        if (key == null || !key.isTextual() || key.asText().isEmpty()) {
            throw new InvalidRequestException("Invalid sign-in", new Violation(null, "key",
                    "the body must be {\"key\": \"<API key>\"}"));
        }
        return key.asText();
    }

    private static String cookie(String token, long maxAgeSeconds, boolean secure) {
        return ResponseCookie.from(DashboardSessions.COOKIE, token).httpOnly(true).sameSite("Strict").path("/")
                .secure(secure).maxAge(maxAgeSeconds).build().toString();
    }
}
