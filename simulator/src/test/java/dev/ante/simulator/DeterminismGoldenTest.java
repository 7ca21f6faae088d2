package dev.ante.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes the simulator produces for fixed seeds: SHA-256 of the NDJSON of whole simulations
 * and of a marathon game. A rerun with the same seed must resend identical events (the platform skips them
 * as duplicates, decision 0010), and refactoring the game's code must not change a single game.
 *
 * <p>When a change is <em>meant</em> to alter the games (new rules, another calibration), update the hashes
 * below in the same commit and say so in its message; the printed actual value is the new one.
 */
class DeterminismGoldenTest {

    @Test
    void givenSeed42_whenFourAgentsPlay120Games_thenTheBytesAreThePinnedOnes() {
        assertThat(sha256(EnvelopeJson.ndjson(Simulation.of(SimulationConfig.of(42, 4, 120)).stream().toList())))
                .isEqualTo("7008050c35b404fb8449e9517dcc3feeb58b95f2ea8c3876cde9dfd949f3d724");
    }

    @Test
    void givenSeed7WithManyCrashesAndFrequentEvaluations_whenSimulated_thenTheBytesAreThePinnedOnes() {
        assertThat(sha256(EnvelopeJson.ndjson(Simulation.of(SimulationConfig.of(7, 3, 60)
                .withCrashRate(0.2).withEvaluateEvery(3)).stream().toList())))
                .isEqualTo("4d623070f44d2c3d669ddb46f7020126e58368cacc4119d79dafd8859a39ecde");
    }

    @Test
    void givenSeed11_whenAMarathonOf3000EventsIsPlayed_thenTheBytesAreThePinnedOnes() {
        assertThat(sha256(EnvelopeJson.ndjson(Simulation.marathon(11, "marathon-golden", 3_000))))
                .isEqualTo("46b16052c7f980397eb765dbe6270a3e356c8cdadede41a5992aaa71041980c4");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
