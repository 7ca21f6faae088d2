package dev.ante.replay.game;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.domain.GameId;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.GameIdConverter;
import dev.ante.replay.GameReplay;
import dev.ante.replay.GameStream;
import dev.ante.replay.OutputFormat;
import dev.ante.replay.ReplayTool;
import dev.ante.replay.SourceOptions;
import dev.ante.replay.source.Source;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code events <id>}: a game's raw events, as stored. */
@Command(name = "events",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a game's raw events as stored: revision, global position, when it happened, type and data.",
            "JSON prints one object per line with the fields of the API's events endpoint "
                    + "(GET /api/v1/games/{id}/events)."},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE})
public final class EventsCommand implements Callable<Integer> {

    @ParentCommand
    ReplayTool tool;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions sourceOptions;

    @Parameters(index = "0", paramLabel = "<gameId>", converter = GameIdConverter.class,
            description = "The game's id (its stream is game-<gameId>).")
    GameId game;

    @Option(names = "--from", paramLabel = "N", defaultValue = "0",
            description = "First revision to print. Default: ${DEFAULT-VALUE}.")
    long from;

    @Option(names = "--limit", paramLabel = "N",
            description = "Print at most N events. Default: to the end of the stream.")
    Long limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (one event per line).")
    OutputFormat format;

    /** One event with the field names and order of the API's events page. */
    record EventView(UUID eventId, String type, long revision, long position, Instant occurredAt,
                     Instant recordedAt, JsonNode data) {
    }

    @Override
    public Integer call() throws Exception {
        if (from < 0) {
            throw new ParameterException(spec.commandLine(), "--from must be >= 0, was " + from);
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1, was " + limit);
        }
        EventCodec codec = tool.decoder().codec();
        PrintWriter out = spec.commandLine().getOut();
        try (Source source = sourceOptions.open(tool)) {
            GameStream stream = GameStream.open(source, game, from);
            GameReplay.requireWithin(game, from, stream.lastRevision());
            if (limit != null) {
                stream.until(limit > Long.MAX_VALUE - from ? Long.MAX_VALUE : from + limit - 1);
            }
            if (format == OutputFormat.TEXT) {
                out.printf(Locale.ROOT, "%-8s %-10s %-27s %-16s %s%n", "revision", "position", "occurredAt",
                        "type", "data");
            }
            while (stream.hasNext()) {
                RecordedEvent event = stream.next();
                EventView view = new EventView(event.eventId(), event.type(), event.revision(), event.position(),
                        codec.occurredAt(event), event.recordedAt(), codec.dataTree(event));
                if (format == OutputFormat.JSON) {
                    out.println(tool.apiJson().writeValueAsString(view));
                } else {
                    out.printf(Locale.ROOT, "%-8d %-10d %-27s %-16s %s%n", view.revision(), view.position(),
                            view.occurredAt(), view.type(), tool.apiJson().writeValueAsString(view.data()));
                }
            }
            out.flush();
        }
        return ReplayTool.OK;
    }
}
