package dev.ante.replay;

import dev.ante.domain.GameId;

/** The source has no stream for the game. */
public class GameNotFoundException extends ReplayException {

    public GameNotFoundException(GameId game) {
        super("game " + game.value() + " not found");
    }
}
