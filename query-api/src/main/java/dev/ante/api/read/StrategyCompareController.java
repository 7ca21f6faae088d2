package dev.ante.api.read;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.InvalidIdException;
import dev.ante.domain.StrategyId;
import dev.ante.domain.Violation;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.strategies.StrategyComparison;
import dev.ante.projections.strategies.StrategyComparisons;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Is strategy A better than B? Their win rates compared, unpaired or paired by seed (docs/read-models.md). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "read models")
public class StrategyCompareController {

    private final StrategyComparisons comparisons;
    private final ProjectionStatus projections;
    private final PositionWaits waits;

    public StrategyCompareController(StrategyComparisons comparisons, ProjectionStatus projections,
                                     PositionWaits waits) {
        this.comparisons = comparisons;
        this.projections = projections;
        this.waits = waits;
    }

    @Operation(summary = "Two strategies' win rates, their difference with a 95 % interval and a p-value;"
            + " pairedBySeed=true compares only the seeds both completed (McNemar's exact test)")
    @GetMapping("/strategies/compare")
    public CompletableFuture<ResponseEntity<StrategyComparison>> compare(
            @RequestParam(required = false) String a,
            @RequestParam(required = false) String b,
            @RequestParam(required = false) String pairedBySeed,
            @RequestParam(required = false) String minPosition) {
        List<Violation> violations = new ArrayList<>();
        String first = strategy("a", a, violations);
        String second = strategy("b", b, violations);
        boolean paired = false;
        if (pairedBySeed != null) {
            if (pairedBySeed.equals("true") || pairedBySeed.equals("false")) {
                paired = Boolean.parseBoolean(pairedBySeed);
            } else {
                violations.add(new Violation(null, "pairedBySeed", "must be true or false"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid parameter", violations);
        }
        boolean byPairs = paired;
        return FreshReads.after(projections.await(ProjectionNames.GAME_SUMMARIES, minPosition),
                () -> comparisons.compare(first, second, byPairs), waits.readers());
    }

    private static String strategy(String name, String value, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(null, name, "is required: a strategy id"));
            return null;
        }
        try {
            return StrategyId.of(value).value();
        } catch (InvalidIdException e) {
            violations.add(new Violation(null, name, e.getMessage()));
            return null;
        }
    }
}
