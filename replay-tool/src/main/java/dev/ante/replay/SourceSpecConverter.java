package dev.ante.replay;

import dev.ante.replay.source.SourceSpec;
import picocli.CommandLine;

/** Parses {@code --source}; a source naming nothing this tool knows is a usage error. */
public final class SourceSpecConverter implements CommandLine.ITypeConverter<SourceSpec> {

    @Override
    public SourceSpec convert(String value) {
        try {
            return SourceSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
