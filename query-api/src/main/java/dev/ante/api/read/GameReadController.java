package dev.ante.api.read;

import static dev.ante.api.read.QueryParams.intParam;
import static dev.ante.api.read.QueryParams.longParam;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.GameId;
import dev.ante.domain.InvalidIdException;
import dev.ante.domain.Violation;
import dev.ante.domain.game.GameStateView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A game's raw events and its folded state at any revision. */
@RestController
@RequestMapping(path = "/api/v1/games", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "games", description = "Raw events and state of one game")
public class GameReadController {

    private final GameReads reads;
    private final ReadConsistency consistency;
    private final PositionWaits waits;

    public GameReadController(GameReads reads, ReadConsistency consistency, PositionWaits waits) {
        this.reads = reads;
        this.consistency = consistency;
        this.waits = waits;
    }

    @Operation(summary = "Raw events of game-<gameId> with revision and global position")
    @GetMapping("/{gameId}/events")
    public CompletableFuture<ResponseEntity<GameReads.EventsPage>> events(
            @PathVariable String gameId,
            @RequestParam(required = false) String fromRevision,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        GameId id = gameId(gameId);
        long from = longParam("fromRevision", fromRevision, 0, 0, Long.MAX_VALUE);
        int max = intParam("limit", limit, 100, 1, 1000);
        return FreshReads.after(consistency.awaitStore(minPosition), () -> reads.events(id, from, max), waits.readers());
    }

    @Operation(summary = "GameState of game-<gameId> folded up to atRevision (default: the latest)")
    @GetMapping("/{gameId}/state")
    public CompletableFuture<ResponseEntity<GameStateView>> state(
            @PathVariable String gameId,
            @RequestParam(required = false) String atRevision,
            @RequestParam(required = false) String minPosition) {
        GameId id = gameId(gameId);
        Long at = atRevision == null ? null : longParam("atRevision", atRevision, 0, 0, Long.MAX_VALUE);
        return FreshReads.after(consistency.awaitStore(minPosition), () -> reads.state(id, at), waits.readers());
    }

    private static GameId gameId(String value) {
        try {
            return GameId.of(value);
        } catch (InvalidIdException e) {
            throw new InvalidRequestException("Invalid id", new Violation(null, "gameId", e.getMessage()));
        }
    }
}
