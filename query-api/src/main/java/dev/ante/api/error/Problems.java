package dev.ante.api.error;

import dev.ante.domain.Violation;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem reports with Ante's {@code errors} list. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors.stream().map(Problems::error).toList());
        return problem;
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        return of(status, title, detail, List.of(new Violation(null, null, detail)));
    }

    private static Map<String, Object> error(Violation v) {
        java.util.LinkedHashMap<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("index", v.index());
        map.put("field", v.field());
        map.put("message", v.message());
        return map;
    }
}
