package dev.ante.api.read;

import static dev.ante.api.read.QueryParams.intParam;
import static dev.ante.api.read.QueryParams.longParam;

import dev.ante.api.error.NotFoundException;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import dev.ante.domain.game.GameStatus;
import dev.ante.projections.ProjectionNames;
import dev.ante.projections.antes.AnteStat;
import dev.ante.projections.antes.AnteStats;
import dev.ante.projections.strategies.LeaderboardEntry;
import dev.ante.projections.strategies.Strategies;
import dev.ante.projections.strategies.StrategyDetail;
import dev.ante.projections.summary.GameSummaries;
import dev.ante.projections.summary.GameSummary;
import dev.ante.projections.synergy.Synergies;
import dev.ante.projections.synergy.Synergy;
import dev.ante.projections.synergy.SynergySize;
import dev.ante.projections.winning.WinningBuild;
import dev.ante.projections.winning.WinningGame;
import dev.ante.projections.winning.Wins;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The researchers' read models (docs/read-models.md) and the state of the processors that build them. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "read models", description = "Game summaries, joker synergies, strategies, winning games, ante stats")
public class ReadModelController {

    private final GameSummaries summaries;
    private final Synergies synergies;
    private final Strategies strategies;
    private final Wins winning;
    private final AnteStats antes;
    private final ProjectionStatus projections;
    private final PositionWaits waits;

    public ReadModelController(GameSummaries summaries, Synergies synergies, Strategies strategies,
                               Wins winning, AnteStats antes, ProjectionStatus projections,
                               PositionWaits waits) {
        this.summaries = summaries;
        this.synergies = synergies;
        this.strategies = strategies;
        this.winning = winning;
        this.antes = antes;
        this.projections = projections;
        this.waits = waits;
    }

    @Operation(summary = "Game summaries in game-id order, filtered by status, strategy or agent; cursor-paged")
    @GetMapping("/games")
    public CompletableFuture<ResponseEntity<Page<GameSummary>>> games(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String strategyId,
            @RequestParam(required = false) String agentId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String minPosition) {
        String wantedStatus = status == null ? null : status(status);
        int max = intParam("limit", limit, 100, 1, 1000);
        String after = cursor == null ? null : Cursors.decode(cursor);
        return FreshReads.after(projections.await(ProjectionNames.GAME_SUMMARIES, minPosition), () -> {
            GameSummaries.Page page = summaries.list(wantedStatus, strategyId, agentId, after, max);
            return new Page<>(page.items(), page.nextAfter() == null ? null : Cursors.encode(page.nextAfter()));
        }, waits.readers());
    }

    @Operation(summary = "Joker synergies by single joker, pair or whole set, with win rate and Wilson bound")
    @GetMapping("/synergies")
    public CompletableFuture<ResponseEntity<Items<Synergy>>> synergies(
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String minGames,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        SynergySize wantedSize = size == null ? SynergySize.PAIR : size(size);
        long min = longParam("minGames", minGames, 1, 0, Long.MAX_VALUE);
        Synergies.Sort order = sort == null ? Synergies.Sort.WILSON : Synergies.Sort.of(sort)
                .orElseThrow(() -> unknown("sort", sort, Synergies.Sort.labels()));
        int max = intParam("limit", limit, 50, 1, 1000);
        return FreshReads.after(projections.await(ProjectionNames.SYNERGIES, minPosition),
                () -> new Items<>(synergies.top(wantedSize, min, order, max)), waits.readers());
    }

    @Operation(summary = "Strategies ranked by their games' results")
    @GetMapping("/strategies/leaderboard")
    public CompletableFuture<ResponseEntity<Items<LeaderboardEntry>>> leaderboard(
            @RequestParam(required = false) String minGames,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        long min = longParam("minGames", minGames, 1, 0, Long.MAX_VALUE);
        Strategies.Sort order = sort == null ? Strategies.Sort.WILSON : Strategies.Sort.of(sort)
                .orElseThrow(() -> unknown("sort", sort, Strategies.Sort.labels()));
        int max = intParam("limit", limit, 50, 1, 1000);
        return FreshReads.after(projections.await(ProjectionNames.STRATEGIES, minPosition),
                () -> new Items<>(strategies.leaderboard(min, order, max)), waits.readers());
    }

    @Operation(summary = "Won games, furthest ante and best hand first")
    @GetMapping("/strategies/winning-games")
    public CompletableFuture<ResponseEntity<Items<WinningGame>>> winningGames(
            @RequestParam(required = false) String strategyId,
            @RequestParam(required = false) String deck,
            @RequestParam(required = false) String stake,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        int max = intParam("limit", limit, 50, 1, 1000);
        return FreshReads.after(projections.await(ProjectionNames.WINNING, minPosition),
                () -> new Items<>(winning.games(strategyId, deck, stake, max)), waits.readers());
    }

    @Operation(summary = "Won games grouped by their sorted final joker set, most wins first")
    @GetMapping("/strategies/winning-builds")
    public CompletableFuture<ResponseEntity<Items<WinningBuild>>> winningBuilds(
            @RequestParam(required = false) String minWins,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String minPosition) {
        long min = longParam("minWins", minWins, 1, 0, Long.MAX_VALUE);
        int max = intParam("limit", limit, 50, 1, 1000);
        return FreshReads.after(projections.await(ProjectionNames.WINNING, minPosition),
                () -> new Items<>(winning.builds(min, max)), waits.readers());
    }

    @Operation(summary = "One strategy: registration, revisions, evaluations and game statistics")
    @GetMapping("/strategies/{strategyId}")
    public CompletableFuture<ResponseEntity<StrategyDetail>> strategy(
            @PathVariable String strategyId,
            @RequestParam(required = false) String minPosition) {
        return FreshReads.after(projections.await(ProjectionNames.STRATEGIES, minPosition),
                () -> strategies.detail(strategyId)
                        .orElseThrow(() -> new NotFoundException("strategy " + strategyId + " not found")),
                waits.readers());
    }

    @Operation(summary = "Per ante: completed games that reached it and losses at it")
    @GetMapping("/stats/antes")
    public CompletableFuture<ResponseEntity<Items<AnteStat>>> anteStats(
            @RequestParam(required = false) String minPosition) {
        return FreshReads.after(projections.await(ProjectionNames.ANTE_STATS, minPosition),
                () -> new Items<>(antes.all()), waits.readers());
    }

    @Operation(summary = "Each read-model processor's position, the log's head, the lag, and whether it is replaying")
    @GetMapping("/projections")
    public Items<ProjectionStatus.Item> projections() {
        return new Items<>(projections.all());
    }

    @Operation(summary = "ADMIN: rebuild a read model from the start of the log; the previous version answers until"
            + " the new one replaces it")
    @PostMapping("/admin/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ProjectionStatus.Item replay(@PathVariable String name) {
        return projections.replay(name);
    }

    @Operation(summary = "ADMIN: rebuild every read model from the start of the log, reading it once for all of them")
    @PostMapping("/admin/projections/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Items<ProjectionStatus.Item> replayAll() {
        return new Items<>(projections.replayAll());
    }

    /**
     * A game status as summaries store it. Games end with the outcome WIN or LOSS, so those words are taken for
     * WON and LOST too, in any case.
     */
    private static String status(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        String wanted = switch (upper) {
            case "WIN" -> GameStatus.WON.name();
            case "LOSS" -> GameStatus.LOST.name();
            default -> upper;
        };
        return Arrays.stream(GameStatus.values()).map(Enum::name).filter(wanted::equals).findFirst()
                .orElseThrow(() -> unknown("status", value, "ACTIVE, WON (or WIN), LOST (or LOSS), ABANDONED"));
    }

    private static SynergySize size(String value) {
        return Arrays.stream(SynergySize.values()).filter(s -> s.label().equals(value.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> unknown("size", value, "single, pair, set"));
    }

    private static InvalidRequestException unknown(String parameter, String value, String allowed) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return new InvalidRequestException("Invalid parameter",
                new Violation(null, parameter, "must be one of " + allowed + ", was '" + shown + "'"));
    }
}
