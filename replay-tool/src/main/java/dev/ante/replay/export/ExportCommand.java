package dev.ante.replay.export;

import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.Progress;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code export}: writes the source's games as Parquet files for offline analysis and training. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the source's games as Parquet files into a new or empty directory: outcomes.parquet (one row "
                    + "per game: agent, strategy, start, end, outcome), events.parquet (every event as stored, its "
                    + "data as JSON text), and one flat table each of hands, decisions, shops and shop actions "
                    + "(purchases, sales, rerolls), every row carrying its game, revision, time, agent and strategy.",
            "Reads the log as it was when the command started, so it may run while the platform writes. "
                    + "Games are those with a GameStarted; the filters select whole games and combine with AND; "
                    + "a repeated filter matches any of its values.",
            "Events are staged in a hidden directory of the output and the files appear only when all are "
                    + "written."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE},
        footerHeading = "%nExamples:%n",
        footer = {
            "  replay-tool export --source ./data --output ./export",
            "  replay-tool export --output ./wins --outcome WIN --strategy greedy-v3 \\",
            "      --since 2026-11-01 --until 2026-12-01T12:00:00Z"})
public final class ExportCommand implements Callable<Integer> {

    /** The outcomes {@code --outcome} accepts: a completed game's, or ACTIVE for one still going. */
    static final List<String> OUTCOMES = List.of("WIN", "LOSS", "ABANDONED", "ACTIVE");

    @ParentCommand
    ReplayTool tool;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sourceOptions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<dir>",
            description = "Directory to write into; created if absent, refused unless empty.")
    Path output;

    @Option(names = "--since", paramLabel = "<time>", converter = TimeConverter.class,
            description = "Only games started at or after this time: an ISO-8601 instant or a date (midnight UTC).")
    Instant since;

    @Option(names = "--until", paramLabel = "<time>", converter = TimeConverter.class,
            description = "Only games started before this time: an ISO-8601 instant or a date (midnight UTC).")
    Instant until;

    @Option(names = "--agent", paramLabel = "<agentId>", description = "Only games of this agent (repeatable).")
    List<String> agents = List.of();

    @Option(names = "--strategy", paramLabel = "<strategyId>",
            description = "Only games played with this strategy (repeatable).")
    List<String> strategies = List.of();

    @Option(names = "--outcome", paramLabel = "<outcome>",
            description = "Only games with this outcome: WIN, LOSS, ABANDONED or ACTIVE (repeatable).")
    List<String> outcomes = List.of();

    @Option(names = "--no-progress", description = "Never draw the progress bar (it is drawn on stderr only when "
            + "stderr is a terminal).")
    boolean noProgress;

    @Override
    public Integer call() {
        GameFilter filter = filter();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> games = new HashSet<>();
        String sourceName;
        Map<String, Long> rows;
        try (Source source = sourceOptions.open(tool);
             ParquetExport export = new ParquetExport(output, tool.decoder().codec())) {
            sourceName = source.name();
            try (Progress progress = Progress.on(err, showProgress(), "export")) {
                source.scanGames(new Source.GameScan() {
                    @Override
                    public void event(RecordedEvent event) {
                        export.stage(event);
                        games.add(event.stream());
                    }

                    @Override
                    public void progress(long done, long total) {
                        progress.update(done, total, counted(export.staged(), "event") + ", "
                                + counted(games.size(), "game"));
                    }
                });
            }
            try (Progress progress = Progress.on(err, showProgress(), "write ")) {
                rows = export.write(filter, (file, n, of) -> progress.update(n - 1, of, file));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT, "exported %,d of ", rows.get("outcomes.parquet")) + counted(games.size(), "game")
                + " read from " + sourceName + " into " + output);
        for (Map.Entry<String, Long> file : rows.entrySet()) {
            out.printf(Locale.ROOT, "  %-22s %s%n", file.getKey(), counted(file.getValue(), "row"));
        }
        out.flush();
        return ReplayTool.OK;
    }

    private boolean showProgress() {
        return tool.environment().stderrIsTerminal() && !noProgress;
    }

    private GameFilter filter() {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new ParameterException(spec.commandLine(), "--since (" + since + ") must be before --until ("
                    + until + ").");
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String outcome : outcomes) {
            String upper = outcome.toUpperCase(Locale.ROOT);
            if (!OUTCOMES.contains(upper)) {
                throw new ParameterException(spec.commandLine(), "--outcome " + outcome + " is not one of "
                        + String.join(", ", OUTCOMES) + ".");
            }
            wanted.add(upper);
        }
        return new GameFilter(since, until, new LinkedHashSet<>(agents), new LinkedHashSet<>(strategies), wanted);
    }

    private static String counted(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }

    /** An ISO-8601 instant, or a date taken as its midnight in UTC. */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value)
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 "
                        + "instant (2026-11-20T10:00:00Z) nor a date (2026-11-20)");
            }
        }
    }
}
