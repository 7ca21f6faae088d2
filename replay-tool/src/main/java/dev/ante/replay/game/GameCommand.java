package dev.ante.replay.game;

import dev.ante.domain.GameId;
import dev.ante.replay.GameIdConverter;
import dev.ante.replay.GameReplay;
import dev.ante.replay.OutputFormat;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.Source;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code game <id>}: a game's state, folded up to a revision. */
@Command(name = "game",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a game's state folded up to a revision (default: the latest) with the domain's own "
                    + "GameState fold.",
            "Text is a summary (ante, blind, money, jokers, hands, best hand, status); JSON is exactly the "
                    + "API's GameState object (GET /api/v1/games/{id}/state)."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE})
public final class GameCommand implements Callable<Integer> {

    @ParentCommand
    ReplayTool tool;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sourceOptions;

    @Parameters(index = "0", paramLabel = "<gameId>", converter = GameIdConverter.class,
            description = "The game's id (its stream is game-<gameId>).")
    GameId game;

    @Option(names = "--at-revision", paramLabel = "N",
            description = "Fold revisions 0..N only. Default: up to the last revision.")
    Long atRevision;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json.")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        if (atRevision != null && atRevision < 0) {
            throw new ParameterException(spec.commandLine(), "--at-revision must be >= 0, was " + atRevision);
        }
        if (format == OutputFormat.JSON) {
            tool.prepareApiJson();
        }
        try (Source source = sourceOptions.open(tool)) {
            GameReplay.Replayed replayed = GameReplay.at(source, game, atRevision, tool.decoder());
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSON) {
                out.println(tool.apiJson().writeValueAsString(replayed.view()));
            } else {
                out.print(StateText.render(replayed));
            }
            out.flush();
        }
        return ReplayTool.OK;
    }
}
