package dev.ante.api.retention;

import dev.ante.api.error.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.ante.domain.Violation;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: moving completed games to the Parquet archive, and what the archive holds. */
@RestController
@RequestMapping("/api/v1/admin/retention")
@Tag(name = "operations", description = "Backups and other operations (ADMIN)")
public class RetentionController {

    private static final int MAX_DURATION_CHARS = 40;
    /** A century: anything longer archives nothing, and far longer ones overflow the clock's arithmetic. */
    private static final Duration LONGEST = Duration.ofDays(36_500);

    private final ObjectProvider<Retention> retention;

    public RetentionController(ObjectProvider<Retention> retention) {
        this.retention = retention;
    }

    @Operation(summary = "ADMIN: what the archive holds, the schedule and the last run")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Retention.Status status() {
        return retention().status();
    }

    @Operation(summary = "ADMIN: start moving every game completed longer ago than olderThan (e.g. 30d, PT12H) from"
            + " the event store to the archive; 202 at once, GET follows the run; reads, the replay tool and rebuilds"
            + " still see the games")
    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Retention.Run> run(
            @Parameter(description = "how long ago a game must have completed: 30d, 12h, PT90M, 0s")
            @RequestParam String olderThan) {
        return ResponseEntity.accepted().body(retention().start(duration(olderThan)));
    }

    private Retention retention() {
        Retention available = retention.getIfAvailable();
        if (available == null) {
            throw new ErrorResponseException(HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT,
                    "Not an embedded platform", "retention archives the embedded event store; this platform's events"
                            + " are in KurrentDB (docs/operations.md)"), null);
        }
        return available;
    }

    static Duration duration(String value) {
        Duration parsed;
        try {
            parsed = value.length() > MAX_DURATION_CHARS ? null : DurationStyle.detectAndParse(value.trim());
        } catch (IllegalArgumentException | ArithmeticException e) {
            parsed = null;
        }
        if (parsed != null && parsed.compareTo(LONGEST) > 0) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative()) {
            String shown = value.length() > MAX_DURATION_CHARS ? value.substring(0, MAX_DURATION_CHARS) + "…" : value;
            String detail = "olderThan must be a duration from 0s to 36500d, such as 30d, 12h or PT90M; got '"
                    + shown + "'";
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST,
                    "Invalid olderThan", detail, List.of(new Violation(null, "olderThan", detail))), null);
        }
        return parsed;
    }
}
