package dev.ante.replay.verify;

import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.Progress;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.Source;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code verify}: folds every game of the source and reports each broken invariant. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Folds every game of the source (every game-* stream; other streams are skipped) and reports each "
                    + "invariant violation: revisions not dense from 0, a first event other than GameStarted, "
                    + "GameStarted more than once, events after GameCompleted, a decreasing ante, and stored "
                    + "events that do not decode as game events.",
            "Reads the log as it was when the command started, so it may run while the platform writes. "
                    + "Over a URL, the games are those GET /api/v1/games lists.",
            "Exits with 1 when any violation is found."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE})
public final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    ReplayTool tool;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--no-progress", description = "Never draw the progress bar (it is drawn on stderr only when "
            + "stderr is a terminal).")
    boolean noProgress;

    @Override
    public Integer call() {
        Map<String, GameCheck> games = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        long[] events = {0};
        String sourceName;
        PrintWriter err = spec.commandLine().getErr();
        try (Source source = sourceOptions.open(tool);
             Progress progress = Progress.on(err, tool.environment().stderrIsTerminal() && !noProgress, "verify")) {
            sourceName = source.name();
            source.scanGames(new Source.GameScan() {
                @Override
                public void event(RecordedEvent event) {
                    games.computeIfAbsent(event.stream(), GameCheck::new).accept(event, tool.decoder(), findings);
                    events[0]++;
                }

                @Override
                public void progress(long done, long total) {
                    progress.update(done, total, counted(events[0], "event") + ", " + counted(games.size(), "game"));
                }
            });
        }
        findings.sort(Comparator.comparing(Finding::stream).thenComparingLong(Finding::revision));
        PrintWriter out = spec.commandLine().getOut();
        for (Finding finding : findings) {
            out.println(finding.stream() + "  revision " + finding.revision() + "  " + finding.message());
        }
        String scope = "verified " + counted(games.size(), "game") + ", " + counted(events[0], "event") + " from "
                + sourceName;
        if (findings.isEmpty()) {
            out.println(scope + ": no invariant violations");
        } else {
            long broken = findings.stream().map(Finding::stream).distinct().count();
            out.println(scope + ": " + counted(findings.size(), "violation") + " in " + counted(broken, "game"));
        }
        out.flush();
        return findings.isEmpty() ? ReplayTool.OK : ReplayTool.FAILED;
    }

    private static String counted(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
