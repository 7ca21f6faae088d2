package dev.ante.api.read;

import static dev.ante.api.read.QueryParams.intParam;
import static dev.ante.api.read.QueryParams.longParam;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Printable;
import dev.ante.domain.Violation;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.jokers.JokerTier;
import dev.ante.projections.jokers.JokerTiers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The joker tier list: pick rate against win rate (docs/read-models.md). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "read models")
public class JokerController {

    private final JokerTiers tiers;
    private final ProjectionStatus projections;
    private final PositionWaits waits;

    public JokerController(JokerTiers tiers, ProjectionStatus projections, PositionWaits waits) {
        this.tiers = tiers;
        this.projections = projections;
        this.waits = waits;
    }

    @Operation(summary = "Per joker: offered, bought, pick rate, sold, games ended holding it, wins, win rate, Wilson")
    @GetMapping("/jokers")
    public CompletableFuture<ResponseEntity<Items<JokerTier>>> jokers(
            @RequestParam(required = false) String minGames,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        long min = longParam("minGames", minGames, 1, 0, Long.MAX_VALUE);
        JokerTiers.Sort order = sort == null ? JokerTiers.Sort.WILSON : JokerTiers.Sort.of(sort)
                .orElseThrow(() -> new InvalidRequestException("Invalid parameter", new Violation(null, "sort",
                        "must be one of " + JokerTiers.Sort.labels() + ", was '" + Printable.of(sort) + "'")));
        int max = intParam("limit", limit, 50, 1, 1000);
        return FreshReads.after(projections.await(ProjectionNames.JOKERS, minPosition),
                () -> new Items<>(tiers.list(min, order, max)), waits.readers());
    }
}
