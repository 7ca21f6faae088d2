package dev.ante.replay;

import dev.ante.replay.source.Source;
import dev.ante.replay.source.SourceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --source} and {@code --api-key}, shared by every command. */
public final class SourceOptions {

    /** Environment variable holding the API key for URL sources. */
    public static final String API_KEY_VARIABLE = "ANTE_API_KEY";
    /** Environment variable naming the platform's data directory, the default source. */
    public static final String DATA_DIR_VARIABLE = "ANTE_DATA_DIR";
    /** The platform's default data directory. */
    public static final String DEFAULT_DATA_DIR = "./data";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-s", "--source"}, paramLabel = "<source>", converter = SourceSpecConverter.class,
            description = {
                "Where to read events:",
                "http://host:8080 - a running Ante (needs an API key)",
                "<dir> - an embedded data directory, readable while the platform runs",
                "kurrentdb://host:2113?tls=false - a KurrentDB server",
                "Default: $" + DATA_DIR_VARIABLE + ", else " + DEFAULT_DATA_DIR + "."})
    SourceSpec source;

    // No default shown in the help: it would print the key.
    @Option(names = "--api-key", paramLabel = "<key>",
            description = "API key of any role, for a URL source. Default: $" + API_KEY_VARIABLE + ".")
    String apiKey;

    /**
     * Opens the chosen source.
     *
     * @throws ParameterException when a URL source has no key
     */
    /** The source named by {@code --source}, else by the environment, else the default data directory. */
    public SourceSpec spec(ReplayTool tool) {
        if (source != null) {
            return source;
        }
        String dataDir = tool.environment().variable(DATA_DIR_VARIABLE);
        return SourceSpec.parse(dataDir == null ? DEFAULT_DATA_DIR : dataDir);
    }

    /** The API key from {@code --api-key}, else from the environment; null when neither gives one. */
    public String apiKey(ReplayTool tool) {
        String key = apiKey != null ? apiKey : tool.environment().variable(API_KEY_VARIABLE);
        return key == null || key.isBlank() ? null : key.trim();
    }

    /** The command line this mixin belongs to, for usage errors. */
    public CommandLine commandLine() {
        return mixee.commandLine();
    }

    public Source open(ReplayTool tool) {
        tool.prepareDecoder();
        SourceSpec spec = spec(tool);
        String key = apiKey(tool);
        if (spec instanceof SourceSpec.Url && key == null) {
            throw new ParameterException(mixee.commandLine(), "A URL source needs an API key: pass --api-key "
                    + "or set " + API_KEY_VARIABLE + ".");
        }
        return spec.open(key, tool.decoder().codec().mapper());
    }
}
