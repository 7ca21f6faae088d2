package dev.ante.replay;

import dev.ante.domain.GameId;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.GameStateView;
import dev.ante.replay.source.Source;

/** Folds a game with the domain's own {@link GameState} fold, up to a revision. */
public final class GameReplay {

    private GameReplay() {
    }

    /**
     * A game's state at one revision.
     *
     * @param game         the game
     * @param state        the fold of revisions 0 up to {@code state.revision()}
     * @param lastRevision the stream's last revision when it was read
     */
    public record Replayed(GameId game, GameState state, long lastRevision) {

        /** The API's published shape of the state. */
        public GameStateView view() {
            return GameStateView.of(game, state);
        }
    }

    /**
     * Folds {@code game} up to {@code atRevision}, or to its last revision when that is null.
     *
     * @throws GameNotFoundException when the source has no such game
     * @throws ReplayException       when {@code atRevision} is beyond the end of the stream
     */
    public static Replayed at(Source source, GameId game, Long atRevision, GameEventDecoder decoder) {
        GameStream stream = GameStream.open(source, game, 0);
        long until = atRevision == null ? stream.lastRevision() : atRevision;
        requireWithin(game, until, stream.lastRevision());
        stream.until(until);
        GameState state = GameState.initial();
        while (stream.hasNext()) {
            state = state.evolve(decoder.decode(stream.next()));
        }
        return new Replayed(game, state, stream.lastRevision());
    }

    /**
     * Refuses a revision past the end of the game's stream, naming the stream's last revision.
     *
     * @throws ReplayException when {@code revision} is past {@code lastRevision}
     */
    public static void requireWithin(GameId game, long revision, long lastRevision) {
        if (revision > lastRevision) {
            throw new ReplayException("revision " + revision + " is beyond the end of " + game.streamName()
                    + ", whose last revision is " + lastRevision);
        }
    }
}
