package dev.ante.replay.diff;

import dev.ante.mcp.JsonDiff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ante.domain.GameId;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameState;
import dev.ante.domain.game.GameStateView;
import dev.ante.infra.codec.EventCodec;
import dev.ante.infra.store.RecordedEvent;
import dev.ante.replay.GameEventDecoder;
import dev.ante.replay.GameStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Two games compared in one pass over both streams: their final states field by field, and where their
 * event sequences part. Events are the same when their types are and their decoded data are equal records,
 * so that field order or number spelling in the stored JSON makes no difference.
 *
 * @param left        the first game and its final state
 * @param right       the second game and its final state
 * @param states      differing fields of the two states (the API's JSON, without gameId and stream)
 * @param divergence  where the event sequences part, if they do
 */
public record GameComparison(Side left, Side right, List<JsonDiff.Difference> states, Divergence divergence) {

    /** A game, its last revision and its final state. */
    public record Side(GameId game, long lastRevision, GameState state) {
    }

    /** How two event sequences relate. */
    public sealed interface Divergence {

        /** One line saying how, for a report. */
        String summary();

        /** The differing fields at the point of divergence, if any. */
        default List<JsonDiff.Difference> details() {
            return List.of();
        }
    }

    /** Both sequences hold the same events. */
    public record Identical(long lastRevision) implements Divergence {
        @Override
        public String summary() {
            return "identical (revisions 0.." + lastRevision + ")";
        }
    }

    /** The shorter game's events are the longer one's first events. */
    public record Prefix(GameId shorter, long shorterLastRevision, GameId longer, long longerLastRevision)
            implements Divergence {
        @Override
        public String summary() {
            return "one is a prefix of the other: " + shorter.value() + " (revisions 0.." + shorterLastRevision
                    + ") is the start of " + longer.value() + " (revisions 0.." + longerLastRevision
                    + "), which goes on from revision " + (shorterLastRevision + 1);
        }
    }

    /** The first revision whose events differ, with both types and the differing data fields. */
    public record Diverged(long revision, String leftType, String rightType, List<JsonDiff.Difference> data)
            implements Divergence {
        @Override
        public String summary() {
            return "first diverge at revision " + revision + (leftType.equals(rightType)
                    ? " (both " + leftType + ")" : " (" + leftType + " vs " + rightType + ")");
        }

        @Override
        public List<JsonDiff.Difference> details() {
            return leftType.equals(rightType) ? data : List.of(new JsonDiff.Difference("type",
                    TextNode.valueOf(leftType), TextNode.valueOf(rightType)));
        }
    }

    /** Reads both games to their ends (as they were when opened) and compares them. */
    public static GameComparison of(GameStream leftStream, GameId leftGame, GameStream rightStream,
                                    GameId rightGame, GameEventDecoder decoder, ObjectMapper apiJson) {
        EventCodec codec = decoder.codec();
        GameState leftState = GameState.initial();
        GameState rightState = GameState.initial();
        Divergence divergence = null;
        while (leftStream.hasNext() || rightStream.hasNext()) {
            RecordedEvent l = leftStream.hasNext() ? leftStream.next() : null;
            RecordedEvent r = rightStream.hasNext() ? rightStream.next() : null;
            GameEvent le = l == null ? null : decoder.decode(l);
            GameEvent re = r == null ? null : decoder.decode(r);
            if (le != null) {
                leftState = leftState.evolve(le);
            }
            if (re != null) {
                rightState = rightState.evolve(re);
            }
            if (divergence != null) {
                continue;
            }
            if (l == null) {
                divergence = new Prefix(leftGame, leftStream.lastRevision(), rightGame, rightStream.lastRevision());
            } else if (r == null) {
                divergence = new Prefix(rightGame, rightStream.lastRevision(), leftGame, leftStream.lastRevision());
            } else if (!l.type().equals(r.type()) || !le.equals(re)) {
                List<JsonDiff.Difference> data = new ArrayList<>();
                for (JsonDiff.Difference d : JsonDiff.differences(codec.dataTree(l), codec.dataTree(r))) {
                    data.add(new JsonDiff.Difference(d.path().isEmpty() ? "data" : "data." + d.path(),
                            d.left(), d.right()));
                }
                divergence = new Diverged(l.revision(), l.type(), r.type(), List.copyOf(data));
            }
        }
        if (divergence == null) {
            divergence = new Identical(leftStream.lastRevision());
        }
        List<JsonDiff.Difference> states = JsonDiff.differences(stateTree(apiJson, leftGame, leftState),
                stateTree(apiJson, rightGame, rightState));
        return new GameComparison(new Side(leftGame, leftStream.lastRevision(), leftState),
                new Side(rightGame, rightStream.lastRevision(), rightState), List.copyOf(states), divergence);
    }

    // The ids always differ; comparing them would only be noise.
    private static ObjectNode stateTree(ObjectMapper apiJson, GameId game, GameState state) {
        ObjectNode tree = apiJson.valueToTree(GameStateView.of(game, state));
        tree.remove("gameId");
        tree.remove("stream");
        return tree;
    }
}
