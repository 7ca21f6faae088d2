package dev.ante.api.ingest;

import dev.ante.api.read.Items;
import dev.ante.api.read.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: the last refused write requests. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "operations")
public class RejectionsController {

    private final Rejections rejections;

    public RejectionsController(Rejections rejections) {
        this.rejections = rejections;
    }

    @Operation(summary = "ADMIN: the last refused write requests, newest first: when, the key's role, the status and "
            + "the first problems")
    @GetMapping("/rejections")
    public Items<Rejections.Rejection> rejections(@RequestParam(required = false) String limit) {
        return new Items<>(rejections.newest(QueryParams.intParam("limit", limit, 100, 1, Rejections.KEPT)));
    }
}
