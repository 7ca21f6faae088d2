package dev.ante.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.infra.codec.EventCodec;
import dev.ante.replay.diff.DiffCommand;
import dev.ante.replay.export.ExportCommand;
import dev.ante.replay.game.EventsCommand;
import dev.ante.replay.game.GameCommand;
import dev.ante.replay.source.SourceException;
import dev.ante.replay.verify.VerifyCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The replay tool: reconstructs any game at any revision, lists its events, compares two games and verifies
 * every game of a source, from a running Ante, an embedded data directory, or KurrentDB. It starts no
 * Spring context and no Axon runtime: events are decoded by the platform's {@link EventCodec} and folded by
 * the domain's own {@link dev.ante.domain.game.GameState}.
 */
@Command(name = "replay-tool",
        mixinStandardHelpOptions = true,
        versionProvider = ReplayTool.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Reconstructs Ante games from their event streams: a game's state at any revision, its raw "
                    + "events, the difference between two games, a check of every game's invariants and an export of games as "
                    + "Parquet files; and Ante's "
                    + "MCP server over stdio for desktop clients.",
            "",
            "Sources (--source):",
            "  http://host:8080   a running Ante; API key from --api-key or $ANTE_API_KEY",
            "  /path/to/data      an embedded data directory, read-only, readable while the",
            "                     platform runs (default: $ANTE_DATA_DIR, else ./data)",
            "  kurrentdb://...    a KurrentDB connection string, for instance",
            "                     kurrentdb://host:2113?tls=false"},
        subcommands = {
            GameCommand.class,
            EventsCommand.class,
            DiffCommand.class,
            VerifyCommand.class,
            ExportCommand.class,
            dev.ante.replay.mcp.McpCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = ReplayTool.EXIT_CODES_HEADING,
        exitCodeList = {ReplayTool.EXIT_OK, ReplayTool.EXIT_FAILED, ReplayTool.EXIT_USAGE},
        footerHeading = "%nExamples:%n",
        footer = {
            "  replay-tool game g-42 --source ./data",
            "  replay-tool game g-42 --at-revision 120 --format json \\",
            "      --source http://localhost:8080 --api-key \"$KEY\"",
            "  replay-tool events g-42 --from 100 --limit 20",
            "  replay-tool diff g-42 g-43",
            "  replay-tool verify --source /var/lib/ante/data",
            "  replay-tool export --source ./data --output ./export --outcome WIN",
            "  replay-tool mcp --source ./data"})
public final class ReplayTool implements Runnable {

    /** Exit code: done; for {@code verify}, no violations. */
    public static final int OK = 0;
    /** Exit code: game not found, revision beyond the end, violations found, or the source failed. */
    public static final int FAILED = 1;
    /** Exit code: bad arguments, or a source of a kind this build cannot read. */
    public static final int USAGE = 2;

    public static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    public static final String EXIT_OK = "0:done; for verify: no invariant violations";
    public static final String EXIT_FAILED = "1:game not found, revision beyond the end of the stream, invariant "
            + "violations (verify), or the source unreachable or refusing the API key";
    public static final String EXIT_USAGE = "2:usage error: bad arguments, or a kind of source this build "
            + "does not know (neither http(s)://, a KurrentDB connection string nor a directory)";

    private final Environment environment;
    private CompletableFuture<GameEventDecoder> decoder;
    // Built on first use, on another thread (see prepareDecoder): a mapper costs a noticeable part of a cold
    // start, and --help or text output need fewer of them.
    private CompletableFuture<ObjectMapper> apiJson;

    @Spec
    CommandSpec spec;

    public ReplayTool(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Environment.current()).execute(args));
    }

    /** The tool's command line, ready to {@link CommandLine#execute execute}. */
    public static CommandLine commandLine(Environment environment) {
        CommandLine commandLine = new CommandLine(new ReplayTool(environment));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(ReplayTool::failed);
        commandLine.setParameterExceptionHandler(ReplayTool::misused);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: game, events, diff, verify, export or mcp.");
    }

    /** Environment variables and whether stderr is a terminal. */
    public Environment environment() {
        return environment;
    }

    /**
     * Starts building the decoder on another thread. Loading Jackson for it takes about as long as opening
     * an embedded store, and a cold start is most of what a {@code game} command costs: doing both at once
     * shortens it on any machine with a second core.
     */
    public void prepareDecoder() {
        if (decoder == null) {
            decoder = CompletableFuture.supplyAsync(() -> new GameEventDecoder(new EventCodec()));
        }
    }

    /** The decoder of stored game events. */
    public GameEventDecoder decoder() {
        prepareDecoder();
        return decoder.join();
    }

    /** The mapper that writes JSON exactly as the API does. */
    public ObjectMapper apiJson() {
        prepareApiJson();
        return apiJson.join();
    }

    /** Starts building the API's mapper on another thread, for a command that will print JSON. */
    public void prepareApiJson() {
        if (apiJson == null) {
            apiJson = CompletableFuture.supplyAsync(ApiJson::mapper);
        }
    }

    // Like picocli's own handler, except that the usage follows the message even when picocli has spelling
    // suggestions: a usage error always shows the usage.
    private static int misused(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err, commandLine.getColorScheme());
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ReplayException || e instanceof SourceException) {
            err.println("replay-tool: " + e.getMessage());
        } else {
            err.println("replay-tool: unexpected failure: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    /** The version the build wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = ReplayTool.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"replay-tool " + properties.getProperty("version", "unknown")};
        }
    }
}
