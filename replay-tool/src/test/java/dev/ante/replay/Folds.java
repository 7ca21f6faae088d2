package dev.ante.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.GameStateView;
import java.io.UncheckedIOException;
import java.util.List;

/** The expected answers: the domain's fold of the events a test wrote, printed as the API prints it. */
public final class Folds {

    private Folds() {
    }

    /**
     * The API JSON of the game's state after revisions 0..{@code revision}, parsed back from its text so that
     * it compares with other parsed JSON (a tree built from objects keeps Java's number types).
     */
    public static JsonNode stateJson(GameId game, List<GameEvent> events, long revision) {
        GameState state = GameState.fold(events.subList(0, (int) revision + 1));
        ObjectMapper mapper = ApiJson.mapper();
        try {
            return mapper.readTree(mapper.writeValueAsString(GameStateView.of(game, state)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
