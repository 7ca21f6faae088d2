package dev.ante.simulator.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A strategy's parameters must change how it plays, not just what it reports. */
class PlayStyleTest {

    private static final int GAMES = 60;

    @Test
    void givenTheSameDeals_whenPlayedWithLittleOrMuchNoise_thenTheCalmerAgentGetsFurther() {
        double calm = averageFinalAnte(style(0.02, Focus.PAIRS));
        double noisy = averageFinalAnte(style(0.9, Focus.PAIRS));

        assertThat(calm).isGreaterThan(noisy + 0.5);
    }

    @Test
    void givenAFocus_whenPlayed_thenTheAgentPlaysMoreOfItsHand() {
        assertThat(share(style(0.02, Focus.FLUSH), "Flush")).isGreaterThan(share(style(0.02, Focus.PAIRS), "Flush"));
    }

    private static PlayStyle style(double temperature, Focus focus) {
        return new PlayStyle(focus, temperature, 10, 1, 0.1, dev.ante.simulator.game.Joker.Kind.MULT, 0, 0.5, 0);
    }

    private static double averageFinalAnte(PlayStyle style) {
        double sum = 0;
        for (int i = 0; i < GAMES; i++) {
            sum += play(style, i).finalAnte();
        }
        return sum / GAMES;
    }

    private static double share(PlayStyle style, String handType) {
        int hands = 0;
        int matching = 0;
        for (int i = 0; i < GAMES; i++) {
            for (var chunk : play(style, i).chunks()) {
                for (TimedEvent e : chunk) {
                    if (e.event() instanceof dev.ante.domain.game.HandPlayed h) {
                        hands++;
                        matching += h.handType().equals(handType) ? 1 : 0;
                    }
                }
            }
        }
        return (double) matching / hands;
    }

    private static GamePlay.Played play(PlayStyle style, int seed) {
        return GamePlay.play(new GamePlay.Setup("g" + seed, "agent", null, null, DeckType.RED, Stake.WHITE, style, 0, 8,
                0), new SplittableRandom(seed), new SimClock(Instant.EPOCH, 1.0));
    }
}
