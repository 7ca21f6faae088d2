package dev.ante.api.error;

import dev.ante.api.ingest.ConcurrentAppendException;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.api.ingest.PayloadTooLargeException;
import dev.ante.api.ingest.SlowBodyException;
import dev.ante.domain.EventIdConflictException;
import dev.ante.domain.RejectedEventsException;
import dev.ante.domain.Violation;
import dev.ante.domain.WrongExpectedRevisionException;
import dev.ante.infra.store.StoreUnavailableException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to an {@code application/problem+json} report whose {@code errors} list names
 * each problem by index and field. Spring's own errors (415, 405, 404...) get the same shape.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, e.title(), summary(e.violations()), e.violations());
    }

    @ExceptionHandler(RejectedEventsException.class)
    ProblemDetail rejected(RejectedEventsException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Events break a stream rule", summary(e.violations()), e.violations());
    }

    @ExceptionHandler(EventIdConflictException.class)
    ProblemDetail eventIdConflict(EventIdConflictException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Event id reused with other content", e.getMessage(),
                List.of(new Violation(e.index(), "eventId", "event " + e.eventId()
                        + " was already recorded at revision " + e.recordedRevision() + " with other content")));
        problem.setProperty("recordedRevision", e.recordedRevision());
        return problem;
    }

    /** A stream was not at the revision the caller's {@code expectedRevision} named. */
    @ExceptionHandler(WrongExpectedRevisionException.class)
    ProblemDetail wrongRevision(WrongExpectedRevisionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Wrong expected revision", e.getMessage(),
                List.of(new Violation(null, "expectedRevision", "expected " + e.expected().asText()
                        + " but the stream's last revision is " + e.actualRevision())));
        problem.setProperty("actualRevision", e.actualRevision());
        return problem;
    }

    /** Other writers kept appending to the stream while the batch was decided (see {@code Recorder}). */
    @ExceptionHandler(ConcurrentAppendException.class)
    ProblemDetail concurrentAppend(ConcurrentAppendException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Concurrent append",
                "the stream was appended to concurrently; nothing was written, retry the batch");
        problem.setProperty("actualRevision", e.actualRevision());
        problem.setProperty("stream", e.stream());
        return problem;
    }

    @ExceptionHandler(dev.ante.api.timeseries.ForbiddenQueryException.class)
    ProblemDetail forbiddenQuery(dev.ante.api.timeseries.ForbiddenQueryException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Query not allowed", e.getMessage(),
                List.of(new Violation(null, "query", e.getMessage())));
    }

    /** QuestDB stopped the query at Ante's time limit; 504 because the upstream query, not the request, ran out. */
    @ExceptionHandler(dev.ante.api.timeseries.QueryTimedOutException.class)
    ProblemDetail queryTimedOut(dev.ante.api.timeseries.QueryTimedOutException e) {
        ProblemDetail problem = Problems.of(HttpStatus.GATEWAY_TIMEOUT, "Query timed out", e.getMessage(),
                List.of(new Violation(null, "query", e.getMessage())));
        problem.setProperty("timeoutSeconds", e.timeout().toSeconds());
        return problem;
    }

    @ExceptionHandler(dev.ante.api.timeseries.TooManyQueriesException.class)
    ResponseEntity<ProblemDetail> tooManyQueries(dev.ante.api.timeseries.TooManyQueriesException e) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many queries", e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @ExceptionHandler(dev.ante.api.timeseries.TimeSeriesUnavailableException.class)
    ProblemDetail timeSeriesUnavailable(dev.ante.api.timeseries.TimeSeriesUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Time series unavailable", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException unavailable) {
                // Axon wraps the store's failure; the client still needs to hear "retry later, nothing stored".
                return unavailable(unavailable);
            }
        }
        log.error("unexpected failure", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request failed unexpectedly; if it was a write, nothing was acknowledged");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large", e.getMessage(),
                List.of(new Violation(e.index(), null, e.getMessage())));
    }

    @ExceptionHandler(SlowBodyException.class)
    ProblemDetail tooSlow(SlowBodyException e) {
        return Problems.of(HttpStatus.REQUEST_TIMEOUT, "Request body too slow", e.getMessage());
    }

    /** A limit that keeps the platform up was reached; the client should come back a little later. */
    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<ProblemDetail> busy(ServiceBusyException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Busy", e.getMessage());
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ProblemDetail unavailable(StoreUnavailableException e) {
        log.error("event store unavailable", e);
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Event store unavailable",
                "the event store cannot be reached; nothing was written, retry later");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getProperties() == null) {
            String detail = problem.getDetail() == null ? problem.getTitle() : problem.getDetail();
            problem.setProperty("errors", List.of(java.util.Map.of("message", detail)));
        }
        return response;
    }

    static String summary(List<Violation> violations) {
        String shown = violations.stream().limit(3).map(Violation::render).collect(Collectors.joining("; "));
        return violations.size() > 3 ? shown + "; and " + (violations.size() - 3) + " more" : shown;
    }
}
