package dev.ante.api.timeseries;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.api.read.QueryParams;
import dev.ante.domain.InvalidIdException;
import dev.ante.domain.RunId;
import dev.ante.domain.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Learning curves: a run's metrics in buckets of steps, from the time series (docs/api.md). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "time series")
public class LearningController {

    private static final int MAX_NAME = 256;

    private final ObjectProvider<LearningCurves> curves;

    public LearningController(ObjectProvider<LearningCurves> curves) {
        this.curves = curves;
    }

    @Operation(summary = "A learning run's metrics per bucket of steps: count, mean, min, max and latest value")
    @GetMapping("/learning/{runId}/metrics")
    public LearningCurves.Curves metrics(@PathVariable String runId,
                                         @RequestParam(required = false) String name,
                                         @RequestParam(required = false) String fromStep,
                                         @RequestParam(required = false) String toStep,
                                         @RequestParam(required = false) String buckets) {
        String run;
        try {
            run = RunId.of(runId).value();
        } catch (InvalidIdException e) {
            throw new InvalidRequestException("Invalid parameter", new Violation(null, "runId", e.getMessage()));
        }
        if (name != null && (name.isEmpty() || name.length() > MAX_NAME)) {
            throw new InvalidRequestException("Invalid parameter", new Violation(null, "name",
                    "must be 1 to " + MAX_NAME + " characters"));
        }
        Long from = fromStep == null ? null : QueryParams.longParam("fromStep", fromStep, 0, Long.MIN_VALUE / 2,
                Long.MAX_VALUE / 2);
        Long to = toStep == null ? null : QueryParams.longParam("toStep", toStep, 0, Long.MIN_VALUE / 2,
                Long.MAX_VALUE / 2);
        int count = QueryParams.intParam("buckets", buckets, 100, 1, 1000);
        LearningCurves learning = curves.getIfAvailable();
        if (learning == null) {
            throw new TimeSeriesUnavailableException("the time series are disabled on this instance (ante.questdb.mode)",
                    null);
        }
        return learning.curves(run, name, from, to, count);
    }
}
