package dev.ante.replay;

import dev.ante.domain.GameId;
import dev.ante.domain.InvalidIdException;
import picocli.CommandLine;

/** Parses a game id argument with the domain's own rules; an invalid id is a usage error. */
public final class GameIdConverter implements CommandLine.ITypeConverter<GameId> {

    @Override
    public GameId convert(String value) {
        try {
            return GameId.of(value);
        } catch (InvalidIdException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
