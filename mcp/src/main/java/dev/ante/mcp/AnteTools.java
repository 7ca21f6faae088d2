package dev.ante.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Ante's eleven MCP tools. Each is answered by the HTTP endpoint it names, so its JSON is that endpoint's body
 * (cut to {@link ResultLimits#maxBytes()} and marked {@code truncated} when longer), and a refusal is the
 * endpoint's own problem document. None of them writes: {@code run_sql} goes through the same read-only
 * guard as {@code POST /api/v1/sql}.
 */
public final class AnteTools {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final String SQL = "/api/v1/sql";

    private final ObjectMapper mapper;
    private final ResultLimits limits;

    public AnteTools(ObjectMapper mapper, ResultLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /** The limits the tools apply. */
    public ResultLimits limits() {
        return limits;
    }

    /** Every tool, in the order a client lists them. */
    public List<AnteTool> all() {
        long rows = limits.maxRows();
        return List.of(
                new AnteTool("list_tables", "List time-series tables",
                        "Lists the QuestDB time-series tables that run_sql can read (game_metrics, decision_points, "
                                + "joker_synergies, economic_flow, game_outcomes, learning_metrics). Same answer as "
                                + "POST /api/v1/sql with SHOW TABLES. Read the 'QuestDB tables' resource for what "
                                + "each row means.",
                        InputSchema.object().toMap(),
                        (api, args) -> sql(api, "SHOW TABLES", rows, AnteTools::tablesSummary)),
                new AnteTool("describe_table", "Describe a time-series table",
                        "The columns and types of one time-series table, so that a query names real columns. Same "
                                + "answer as POST /api/v1/sql with SHOW COLUMNS FROM <table>.",
                        InputSchema.object().string("table", "Table name, e.g. game_metrics (see list_tables).")
                                .required("table").toMap(),
                        (api, args) -> {
                            String table = args.requiredText("table");
                            if (!TABLE.matcher(table).matches()) {
                                return refused("'table' must be a bare table name such as game_metrics");
                            }
                            return sql(api, "SHOW COLUMNS FROM " + table, rows,
                                    body -> table + ": " + columnsSummary(body));
                        }),
                new AnteTool("run_sql", "Run a read-only SQL query",
                        "Runs one read-only QuestDB SQL query (SELECT, WITH, EXPLAIN, SHOW TABLES/COLUMNS) on the "
                                + "time series: per-hand scores, decisions, joker effects, money flow, outcomes and "
                                + "learning metrics. QuestDB dialect: SAMPLE BY for time buckets, count() without "
                                + "argument, LATEST ON for last rows. Writes, schema changes and unreviewed functions "
                                + "are refused exactly as POST /api/v1/sql refuses them. Answers {columns, rows, "
                                + "truncated}; at most 'limit' rows. For read-model questions (synergies, tier list, "
                                + "leaderboard) prefer the dedicated tools: they are exact over every game.",
                        InputSchema.object().string("query", "One SQL statement.")
                                .integer("limit", "Most rows to return (default and maximum " + rows + ").", 1L, rows)
                                .required("query").toMap(),
                        (api, args) -> sql(api, args.requiredText("query"),
                                clamp(args.integer("limit"), rows), AnteTools::rowsSummary)),
                new AnteTool("joker_synergies", "Joker synergies",
                        "Which jokers, pairs of jokers or whole joker sets go with high scores and wins, counted "
                                + "exactly over every played hand and completed game (GET /api/v1/synergies). Each "
                                + "item: key, jokers, hands, avgScore, highScoreHands, games, wins, losses, winRate, "
                                + "wilson (lower bound of the 95% Wilson interval of the win rate: the fair way to "
                                + "rank keys with few games).",
                        InputSchema.object()
                                .choice("size", "single jokers, pairs (default) or the whole set held.",
                                        List.of("single", "pair", "set"))
                                .integer("minGames", "Only keys seen in at least this many games (default 1).", 0L, null)
                                .choice("sort", "Ranking, best first (default wilson).",
                                        List.of("wilson", "winRate", "avgScore", "games", "hands"))
                                .integer("limit", "Most keys to return (default 50, at most " + rows + ").", 1L, rows)
                                .toMap(),
                        (api, args) -> read(api, "/api/v1/synergies", query("size", args.text("size"),
                                "minGames", args.integer("minGames"), "sort", args.text("sort"),
                                "limit", limit(args, rows)), body -> listSummary(body, "keys", "key"))),
                new AnteTool("joker_tier_list", "Joker tier list",
                        "Every joker's pick rate against its win rate (GET /api/v1/jokers): offered (times shown in "
                                + "a shop), bought, pickRate = bought/offered, sold, games (completed games ending "
                                + "with it held), wins, winRate, wilson. High pick rate with low win rate marks a trap; "
                                + "the reverse, an underrated joker.",
                        InputSchema.object()
                                .integer("minGames", "Only jokers held at the end of at least this many games "
                                        + "(default 1).", 0L, null)
                                .choice("sort", "Ranking, best first (default wilson).",
                                        List.of("wilson", "winRate", "pickRate", "games", "offered", "bought"))
                                .integer("limit", "Most jokers to return (default 50, at most " + rows + ").", 1L, rows)
                                .toMap(),
                        (api, args) -> read(api, "/api/v1/jokers", query("minGames", args.integer("minGames"),
                                "sort", args.text("sort"), "limit", limit(args, rows)),
                                body -> listSummary(body, "jokers", "joker"))),
                new AnteTool("strategy_leaderboard", "Strategy leaderboard",
                        "Strategies ranked by results (GET /api/v1/strategies/leaderboard): games, completed, wins, "
                                + "losses, winRate, wilson, avgFinalAnte, bestHandScore per strategy.",
                        InputSchema.object()
                                .integer("minGames", "Only strategies with at least this many games (default 1).", 0L,
                                        null)
                                .choice("sort", "Ranking, best first (default wilson).", List.of("wilson", "winRate",
                                        "games", "completed", "avgFinalAnte", "bestHandScore"))
                                .integer("limit", "Most strategies to return (default 50, at most " + rows + ").", 1L,
                                        rows)
                                .toMap(),
                        (api, args) -> read(api, "/api/v1/strategies/leaderboard", query("minGames",
                                args.integer("minGames"), "sort", args.text("sort"), "limit", limit(args, rows)),
                                body -> listSummary(body, "strategies", "strategyId"))),
                new AnteTool("compare_strategies", "Compare two strategies",
                        "Is strategy a better than b? Win-rate difference a - b over won and lost games with a 95% "
                                + "interval and a p-value (GET /api/v1/strategies/compare). Unpaired: two-proportion "
                                + "z-test and Newcombe's interval. pairedBySeed=true compares only seeds both "
                                + "strategies completed (McNemar's exact test): use it when both played the same "
                                + "seeds.",
                        InputSchema.object().id("a", "First strategy id.").id("b", "Second strategy id.")
                                .bool("pairedBySeed", "Pair games by seed (default false).")
                                .required("a", "b").toMap(),
                        (api, args) -> read(api, "/api/v1/strategies/compare", query("a", args.requiredText("a"),
                                "b", args.requiredText("b"), "pairedBySeed", args.flag("pairedBySeed", false)),
                                AnteTools::compareSummary)),
                new AnteTool("game_state", "A game's state",
                        "One game's state folded from its events up to a revision (GET /api/v1/games/{gameId}/state): "
                                + "status, ante, blind, phase, money, jokers, hands played by type, best hand, last "
                                + "shop and last decision.",
                        InputSchema.object().id("gameId", "The game's id.")
                                .integer("atRevision", "Fold up to this revision (default: the latest).", 0L, null)
                                .required("gameId").toMap(),
                        (api, args) -> read(api, "/api/v1/games/" + HttpAnteApi.encode(args.requiredText("gameId"))
                                        + "/state", query("atRevision", args.integer("atRevision")),
                                AnteTools::stateSummary)),
                new AnteTool("diff_games", "Compare two games",
                        "How two games differ: their final states field by field, and the first revision at which "
                                + "their events part (same type and data means the same event), or that they are "
                                + "identical or one is a prefix of the other. Useful for two runs on one seed.",
                        InputSchema.object().id("gameA", "One game's id.").id("gameB", "The other game's id.")
                                .required("gameA", "gameB").toMap(),
                        (api, args) -> new GameDiff(mapper, limits.maxDiffEvents())
                                .compare(api, args.requiredText("gameA"), args.requiredText("gameB"))),
                new AnteTool("learning_curve", "A learning run's curve",
                        "A training run's metrics per bucket of steps (GET /api/v1/learning/{runId}/metrics): per "
                                + "bucket fromStep, toStep, count, mean, min, max and last value.",
                        InputSchema.object().id("runId", "The learning run's id.")
                                .string("name", "One metric (default: all of the run's metrics).")
                                .integer("fromStep", "First step (default: the run's first).", null, null)
                                .integer("toStep", "Last step (default: the run's last).", null, null)
                                .integer("buckets", "Buckets over the range (default 100, at most 1000).", 1L, 1000L)
                                .required("runId").toMap(),
                        (api, args) -> read(api, "/api/v1/learning/" + HttpAnteApi.encode(args.requiredText("runId"))
                                + "/metrics", query("name", args.text("name"), "fromStep", args.integer("fromStep"),
                                "toStep", args.integer("toStep"), "buckets", args.integer("buckets")),
                                AnteTools::curveSummary)),
                new AnteTool("projection_status", "Read-model status",
                        "Where each projection stands (GET /api/v1/projections): position, head of the log, lag, "
                                + "whether it is rebuilding, progress, rate, ETA and errors. Check it when answers "
                                + "look stale.",
                        InputSchema.object().toMap(),
                        (api, args) -> read(api, "/api/v1/projections", Map.of(), AnteTools::projectionsSummary)));
    }

    // ---- calls ----------------------------------------------------------------------------------

    private ToolAnswer sql(AnteApi api, String query, long limit, Function<JsonNode, String> summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("limit", limit);
        try {
            return answer(api.post(SQL, mapper.writeValueAsString(body)), summary);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ToolAnswer read(AnteApi api, String path, Map<String, ?> query, Function<JsonNode, String> summary) {
        return answer(api.get(path, query), summary);
    }

    private ToolAnswer answer(AnteApi.Reply reply, Function<JsonNode, String> summary) {
        JsonNode body = parse(reply.body());
        if (!reply.ok()) {
            return new ToolAnswer(reply.body(), refusal(reply.status(), body), true);
        }
        ResultCap.Capped capped = ResultCap.cap(mapper, reply.body(), limits.maxBytes());
        if (capped == null) {
            return new ToolAnswer("{\"truncated\":true}", "The answer is over " + limits.maxBytes()
                    + " bytes even without its list items; ask for less (a lower limit or fewer columns).", true);
        }
        String text = body == null ? "" : summary.apply(capped.dropped() == 0 ? body : parse(capped.json()));
        if (capped.dropped() > 0) {
            text += " Cut to fit " + limits.maxBytes() + " bytes: " + capped.dropped()
                    + " list entries left out (truncated: true); ask for fewer.";
        }
        return new ToolAnswer(capped.json(), text, false);
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static ToolAnswer refused(String why) {
        return failed(400, why, "Refused: " + why);
    }

    /** A tool error whose JSON is a minimal problem document ({@code status}, {@code detail}). */
    static ToolAnswer failed(int status, String detail, String summary) {
        return new ToolAnswer("{\"status\":" + status + ",\"detail\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(detail) + "}", summary, true);
    }

    /** The status and the problem's own words: its first error, else its detail, else its title. */
    static String refusal(int status, JsonNode problem) {
        String why = null;
        if (problem != null) {
            JsonNode errors = problem.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                why = (first.hasNonNull("field") ? first.get("field").asText() + ": " : "")
                        + first.path("message").asText(first.toString());
            } else if (problem.hasNonNull("detail")) {
                why = problem.get("detail").asText();
            } else if (problem.hasNonNull("title")) {
                why = problem.get("title").asText();
            }
        }
        return "Refused with HTTP " + status + (why == null ? "." : ": " + why);
    }

    private static Map<String, Object> query(Object... pairs) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return query;
    }

    private static Long limit(Arguments args, long max) {
        Long limit = args.integer("limit");
        return limit == null ? null : clamp(limit, max);
    }

    private static long clamp(Long value, long max) {
        return value == null ? max : Math.min(value, max);
    }

    // ---- summaries ------------------------------------------------------------------------------

    private static String tablesSummary(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("rows").forEach(row -> names.add(row.path(0).asText()));
        return names.size() + " tables: " + String.join(", ", names) + ".";
    }

    private static String columnsSummary(JsonNode body) {
        List<String> columns = new ArrayList<>();
        body.path("rows").forEach(row -> columns.add(row.path(0).asText() + " " + row.path(1).asText()));
        return columns.size() + " columns: " + String.join(", ", columns) + ".";
    }

    private static String rowsSummary(JsonNode body) {
        int rows = body.path("rows").size();
        int columns = body.path("columns").size();
        return rows + (rows == 1 ? " row" : " rows") + " of " + columns + (columns == 1 ? " column" : " columns")
                + (body.path("truncated").asBoolean() ? ", cut at the row or byte limit (truncated)." : ".");
    }

    private static String listSummary(JsonNode body, String noun, String keyField) {
        JsonNode items = body.path("items");
        if (items.isEmpty()) {
            return "No " + noun + " match.";
        }
        StringBuilder text = new StringBuilder(items.size() + " " + noun + "; first: ");
        for (int i = 0; i < Math.min(3, items.size()); i++) {
            JsonNode item = items.get(i);
            text.append(i == 0 ? "" : ", ").append(item.path(keyField).asText())
                    .append(" (").append(item.path("games").asLong()).append(" games, win rate ")
                    .append(percent(item.path("winRate"))).append(")");
        }
        return text.append('.').toString();
    }

    private static String compareSummary(JsonNode body) {
        String a = body.path("a").path("strategyId").asText();
        String b = body.path("b").path("strategyId").asText();
        if (body.path("difference").isNull()) {
            return "No difference can be computed for " + a + " and " + b + ": one has no won or lost games"
                    + (body.path("pairs").isNumber() ? " on shared seeds" : "") + ".";
        }
        JsonNode ci = body.path("ci95");
        return "Win rate " + a + " " + percent(body.path("a").path("winRate")) + " vs " + b + " "
                + percent(body.path("b").path("winRate")) + ": difference " + points(body.path("difference"))
                + " (95% CI " + points(ci.path(0)) + " to " + points(ci.path(1)) + "), p = "
                + String.format(Locale.ROOT, "%.4g", body.path("pValue").asDouble()) + " by "
                + body.path("method").asText()
                + (body.path("pairs").isNumber() ? " over " + body.path("pairs").asLong() + " seeds" : "") + ".";
    }

    private static String stateSummary(JsonNode body) {
        return "Game " + body.path("gameId").asText() + ": " + body.path("status").asText() + " at revision "
                + body.path("revision").asLong() + ", ante " + body.path("ante").asText() + ", $"
                + body.path("money").asText() + ", " + body.path("jokers").size() + " jokers, "
                + body.path("handsPlayed").asLong() + " hands played, best hand "
                + body.path("bestHandScore").asText() + ".";
    }

    private static String curveSummary(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("metrics").forEach(m -> names.add(m.path("name").asText() + " (" + m.path("buckets").size()
                + " buckets)"));
        return "Run " + body.path("runId").asText() + ", steps " + body.path("fromStep").asText() + ".."
                + body.path("toStep").asText() + " in buckets of " + body.path("bucketSteps").asText()
                + ": " + String.join(", ", names) + (body.path("truncated").asBoolean() ? " (truncated)." : ".");
    }

    private static String projectionsSummary(JsonNode body) {
        long maxLag = 0;
        List<String> behind = new ArrayList<>();
        List<String> replaying = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            long lag = item.path("lag").asLong();
            maxLag = Math.max(maxLag, lag);
            String name = item.path("name").asText();
            if (lag > 0) {
                behind.add(name + " (" + lag + ")");
            }
            if (item.path("replaying").asBoolean()) {
                replaying.add(name);
            }
            if (item.hasNonNull("error")) {
                failing.add(name + ": " + item.get("error").asText());
            }
        }
        return body.path("items").size() + " processors; " + (behind.isEmpty() ? "all caught up"
                : "behind: " + String.join(", ", behind)) + (replaying.isEmpty() ? "" : "; rebuilding: "
                + String.join(", ", replaying)) + (failing.isEmpty() ? "" : "; failing: " + String.join("; ", failing))
                + ".";
    }

    private static String percent(JsonNode rate) {
        return rate.isNumber() ? String.format(Locale.ROOT, "%.1f%%", rate.asDouble() * 100) : "n/a";
    }

    private static String points(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%+.1f pp", value.asDouble() * 100) : "n/a";
    }
}
