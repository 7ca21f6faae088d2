package dev.ante.api.read;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: the events processors have parked, and what to do with them. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "operations")
public class DeadLetterController {

    private final DeadLetters deadLetters;
    private final ProjectionStatus projections;

    public DeadLetterController(DeadLetters deadLetters, ProjectionStatus projections) {
        this.deadLetters = deadLetters;
        this.projections = projections;
    }

    @Operation(summary = "ADMIN: parked events, each with the stream it holds back and why it failed")
    @GetMapping
    public Items<DeadLetters.Letter> list(@RequestParam(required = false) String processor,
                                          @RequestParam(required = false) String limit) {
        return new Items<>(deadLetters.list(processor, QueryParams.intParam("limit", limit, 100, 1, 1000)));
    }

    @Operation(summary = "ADMIN: hand every parked stream of a processor to it again; those that fail again stay parked")
    @PostMapping("/{processor}/retry")
    public DeadLetters.Outcome retry(@PathVariable String processor) {
        // Retried events write the read model beside the processor's own batches: only where it runs.
        projections.requireNoOtherInstance(processor);
        return deadLetters.retry(processor);
    }

    @Operation(summary = "ADMIN: give up the event that blocks one stream and hand the events behind it to the processor again")
    @PostMapping("/{processor}/discard")
    public DeadLetters.Outcome discard(@PathVariable String processor, @RequestParam String sequence) {
        projections.requireNoOtherInstance(processor);
        return deadLetters.discard(processor, sequence);
    }
}
