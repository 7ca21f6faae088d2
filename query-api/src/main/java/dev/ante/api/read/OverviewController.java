package dev.ante.api.read;

import dev.ante.api.ingest.IngestService;
import dev.ante.infra.store.StreamStore;
import dev.ante.projections.summary.GameSummaries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The platform at a glance, for the dashboard's overview: games by status, events this instance appended
 * (a counter: the rate is its difference between two reads), the log's head, and the largest projection lag.
 */
@RestController
@RequestMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "read models")
public class OverviewController {

    private final GameSummaries summaries;
    private final IngestService ingest;
    private final StreamStore store;
    private final ProjectionStatus projections;

    public OverviewController(GameSummaries summaries, IngestService ingest, StreamStore store,
                              ProjectionStatus projections) {
        this.summaries = summaries;
        this.ingest = ingest;
        this.store = store;
        this.projections = projections;
    }

    /**
     * @param games              games per status (ACTIVE, WON, LOST, ABANDONED), from the game summaries
     * @param appendedSinceStart events this instance appended since it started
     * @param head               the log's last position
     * @param maxProjectionLag   the largest lag of any processor, in positions
     */
    public record Overview(Map<String, Long> games, long appendedSinceStart, long head, long maxProjectionLag) {
    }

    @Operation(summary = "Games by status, events appended, the log's head and the largest projection lag")
    @GetMapping("/overview")
    public Overview overview() {
        long lag = projections.all().stream().mapToLong(ProjectionStatus.Item::lag).max().orElse(0);
        return new Overview(summaries.countByStatus(), ingest.appendedSinceStart(), store.headPosition(), lag);
    }
}
