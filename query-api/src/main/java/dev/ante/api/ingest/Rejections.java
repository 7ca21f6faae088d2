package dev.ante.api.ingest;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The last refused write requests, newest first, so that an agent's developer can see what went wrong
 * ({@code GET /api/v1/admin/rejections}). Only what the answer said is kept — never a body — and at most
 * {@link #KEPT} requests, each bounded.
 */
@Component
public class Rejections {

    /** Requests kept. */
    public static final int KEPT = 500;
    /** The request attribute under which a refused request's problem report is left for this class. */
    public static final String PROBLEM = Rejections.class.getName() + ".problem";
    /** The request attribute naming the role of the key that made the request. */
    public static final String ROLE = Rejections.class.getName() + ".role";

    private static final int ERRORS_KEPT = 3;
    private static final int TEXT_KEPT = 300;

    /**
     * One refused request.
     *
     * @param role   the key's role ({@code agent}, {@code admin}...), null without a valid key
     * @param errors the first problems the answer listed, {@code field: message}
     */
    public record Rejection(Instant at, String method, String path, String role, int status, String title,
                            List<String> errors) {
    }

    private final Deque<Rejection> last = new ArrayDeque<>();

    /** Records a refused request from what it was answered. */
    public void record(String method, String path, String role, int status, ProblemDetail problem) {
        List<String> errors = new ArrayList<>();
        String title = problem == null ? null : cut(problem.getTitle());
        if (problem != null && problem.getProperties() != null
                && problem.getProperties().get("errors") instanceof List<?> list) {
            for (Object error : list) {
                if (errors.size() == ERRORS_KEPT) {
                    break;
                }
                if (error instanceof Map<?, ?> map) {
                    Object index = map.get("index");
                    Object field = map.get("field");
                    String where = (index == null ? "" : "[" + index + "]") + (field == null ? "" : (index == null ? "" : ".") + field);
                    errors.add(cut((where.isEmpty() ? "" : where + ": ") + map.get("message")));
                }
            }
        } else if (problem != null && problem.getDetail() != null) {
            errors.add(cut(problem.getDetail()));
        }
        Rejection rejection = new Rejection(Instant.now(), method, cut(path), role, status, title, List.copyOf(errors));
        synchronized (last) {
            last.addFirst(rejection);
            if (last.size() > KEPT) {
                last.removeLast();
            }
        }
    }

    /** The newest {@code limit} refused requests, newest first. */
    public List<Rejection> newest(int limit) {
        synchronized (last) {
            return last.stream().limit(limit).toList();
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= TEXT_KEPT ? text : text.substring(0, TEXT_KEPT) + "…";
    }
}
