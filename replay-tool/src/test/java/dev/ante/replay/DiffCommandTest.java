package dev.ante.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ante.domain.GameId;
import dev.ante.domain.game.BlindSelected;
import dev.ante.domain.game.BlindType;
import dev.ante.domain.game.GameEvent;
import dev.ante.domain.game.GameStarted;
import dev.ante.domain.game.HandPlayed;
import dev.ante.infra.store.sqlite.Durability;
import dev.ante.infra.store.sqlite.SqliteStreamStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    @TempDir
    Path dir;

    @Test
    void givenTwoGamesWithTheSameEvents_whenDiff_thenStateAndEventsAreIdentical() {
        List<GameEvent> events = RandomGames.game(new Random(3), 40, true);
        write("a", events);
        write("b", events);

        Cli.Result result = Cli.run("diff", "a", "b", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("state: identical", "events: identical (revisions 0.." + (events.size() - 1) + ")");
    }

    @Test
    void givenOneGameThatIsTheStartOfTheOther_whenDiff_thenSaysOneIsAPrefixAndListsDifferingFields() {
        List<GameEvent> events = RandomGames.game(new Random(4), 40, true);
        write("long", events);
        write("short", events.subList(0, 10));

        Cli.Result result = Cli.run("diff", "short", "long", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("events: one is a prefix of the other: short (revisions 0..9) is the start "
                + "of long (revisions 0.." + (events.size() - 1) + "), which goes on from revision 10");
        assertThat(result.out()).containsPattern("(?m)^  revision +9 +" + (events.size() - 1) + "$");
        assertThat(result.out()).containsPattern("(?m)^  status +ACTIVE +(WON|LOST|ABANDONED)$");
    }

    @Test
    void givenGamesThatPartAtOneHand_whenDiff_thenReportsThatRevisionAndTheDifferingFields() {
        List<GameEvent> common = List.of(
                new GameStarted("agent-1", "s-1", null, "SEED", "Red Deck", "White Stake", 4),
                new BlindSelected(1, BlindType.SMALL, "Small Blind", 300));
        write("left", concat(common, hand(120, "Pair"), hand(300, "Flush")));
        write("right", concat(common, hand(120, "Pair"), hand(450, "Flush")));

        Cli.Result result = Cli.run("diff", "left", "right", "--source", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("a: game left, revision 3, ACTIVE", "b: game right, revision 3, ACTIVE",
                "state: 1 field differs", "events: first diverge at revision 3 (both HandPlayed)");
        assertThat(result.out()).containsPattern("(?m)^  bestHandScore +300 +450$");
        assertThat(result.out()).containsPattern("(?m)^  data.finalScore +300 +450$");
    }

    @Test
    void givenGamesWithDifferentEventTypesAtARevision_whenDiff_thenNamesBothTypes() {
        List<GameEvent> common = List.of(new GameStarted("agent-1", "s-1", null, "SEED", "Red Deck", "White Stake", 4));
        write("x", concat(common, new BlindSelected(1, BlindType.SMALL, "Small Blind", 300)));
        write("y", concat(common, hand(10, "Pair")));

        Cli.Result result = Cli.run("diff", "x", "y", "--source", dir.toString());

        assertThat(result.out()).contains("events: first diverge at revision 1 (BlindSelected vs HandPlayed)");
        assertThat(result.out()).containsPattern("(?m)^  type +BlindSelected +HandPlayed$");
    }

    @Test
    void givenSecondGameUnknown_whenDiff_thenExit1GameNotFound() {
        write("a", RandomGames.game(new Random(5), 5, false));

        Cli.Result result = Cli.run("diff", "a", "ghost", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("game ghost not found");
    }

    @Test
    void givenOneGameId_whenDiff_thenExit2WithUsage() {
        Cli.Result result = Cli.run("diff", "a", "--source", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter", "<gameB>", "Usage: replay-tool diff");
    }

    private void write(String game, List<GameEvent> events) {
        try (SqliteStreamStore store = SqliteStreamStore.open(dir, Durability.PROCESS_CRASH)) {
            EmbeddedStores.append(store, GameId.of(game), events, 100);
        }
    }

    private static List<GameEvent> concat(List<GameEvent> head, GameEvent... tail) {
        List<GameEvent> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static HandPlayed hand(long score, String handType) {
        return new HandPlayed(1, BlindType.SMALL, 1, List.of("AH", "AS"), handType, List.of(), 10, 2.0, null, 32,
                4.0, score, null, null, null);
    }
}
