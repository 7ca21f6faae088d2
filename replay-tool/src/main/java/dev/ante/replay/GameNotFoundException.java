package dev.ante.replay;

import dev.ante.domain.GameId;

/** The source has no stream for the game; the message names the source that was searched. */
public class GameNotFoundException extends ReplayException {

    public GameNotFoundException(GameId game, String source) {
        super("game " + game.value() + " not found in " + source);
    }
}
