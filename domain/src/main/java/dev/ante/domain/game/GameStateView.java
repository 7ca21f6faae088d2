package dev.ante.domain.game;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ante.domain.GameId;

/**
 * The published shape of a game's state: every {@link GameState} field, flat, plus the game's id and
 * stream. The API and the replay tool both print this, so their JSON is the same.
 */
public record GameStateView(String gameId, String stream, @JsonUnwrapped GameState state) {

    public static GameStateView of(GameId gameId, GameState state) {
        return new GameStateView(gameId.value(), gameId.streamName(), state);
    }
}
