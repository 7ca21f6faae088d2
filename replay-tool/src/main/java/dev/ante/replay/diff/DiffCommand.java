package dev.ante.replay.diff;

import dev.ante.mcp.JsonDiff;

import dev.ante.domain.GameId;
import dev.ante.replay.GameIdConverter;
import dev.ante.replay.GameStream;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.Source;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code diff <a> <b>}: how two games' final states differ, and where their events part. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two games of one source: their final states field by field (the fields of the API's "
                    + "GameState), and the first revision at which their events differ (same type and data "
                    + "means the same event), or that they are identical or one is a prefix of the other.",
            "Differences are a result, not a failure: the exit code is 0 either way."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE})
public final class DiffCommand implements Callable<Integer> {

    /** Longest value shown in a column. */
    private static final int WIDE = 40;

    @ParentCommand
    ReplayTool tool;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sourceOptions;

    @Parameters(index = "0", paramLabel = "<gameA>", converter = GameIdConverter.class, description = "One game's id.")
    GameId left;

    @Parameters(index = "1", paramLabel = "<gameB>", converter = GameIdConverter.class,
            description = "The other game's id.")
    GameId right;

    @Override
    public Integer call() {
        GameComparison comparison;
        try (Source source = sourceOptions.open(tool)) {
            GameStream leftStream = GameStream.open(source, left, 0);
            GameStream rightStream = GameStream.open(source, right, 0);
            comparison = GameComparison.of(leftStream, left, rightStream, right, tool.decoder(), tool.apiJson());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(comparison));
        out.flush();
        return ReplayTool.OK;
    }

    static String render(GameComparison c) {
        String a = c.left().game().value();
        String b = c.right().game().value();
        StringBuilder out = new StringBuilder();
        out.append("a: game ").append(a).append(", revision ").append(c.left().lastRevision()).append(", ")
                .append(c.left().state().status()).append('\n');
        out.append("b: game ").append(b).append(", revision ").append(c.right().lastRevision()).append(", ")
                .append(c.right().state().status()).append('\n');
        out.append('\n');
        if (c.states().isEmpty()) {
            out.append("state: identical\n");
        } else {
            out.append("state: ").append(c.states().size()).append(c.states().size() == 1 ? " field differs" :
                    " fields differ").append('\n');
            table(out, c.states());
        }
        out.append('\n');
        out.append("events: ").append(c.divergence().summary()).append('\n');
        if (!c.divergence().details().isEmpty()) {
            table(out, c.divergence().details());
        }
        return out.toString();
    }

    // Short values line up in columns; a value too long for a column (a list of shop items) gets its own
    // lines instead of pushing every other row off the screen.
    private static void table(StringBuilder out, List<JsonDiff.Difference> rows) {
        int field = "field".length();
        int left = "a".length();
        for (JsonDiff.Difference row : rows) {
            if (fits(row)) {
                field = Math.max(field, row.path().length());
                left = Math.max(left, JsonDiff.show(row.left()).length());
            }
        }
        line(out, field, left, "field", "a", "b");
        for (JsonDiff.Difference row : rows) {
            if (fits(row)) {
                line(out, field, left, row.path(), JsonDiff.show(row.left()), JsonDiff.show(row.right()));
            } else {
                out.append("  ").append(row.path()).append('\n')
                        .append("    a: ").append(JsonDiff.show(row.left())).append('\n')
                        .append("    b: ").append(JsonDiff.show(row.right())).append('\n');
            }
        }
    }

    private static boolean fits(JsonDiff.Difference row) {
        return row.path().length() <= WIDE && JsonDiff.show(row.left()).length() <= WIDE
                && JsonDiff.show(row.right()).length() <= WIDE;
    }

    private static void line(StringBuilder out, int fieldWidth, int leftWidth, String field, String left,
                             String right) {
        out.append("  ").append(field).append(" ".repeat(fieldWidth - field.length() + 2))
                .append(left).append(" ".repeat(leftWidth - left.length() + 2)).append(right).append('\n');
    }
}
