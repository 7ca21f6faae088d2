package dev.ante.bench;

import java.util.List;

/**
 * How much a run measures. {@code quick} takes about nine minutes on two cores and is for a
 * first look; {@code full} runs longer, at more single-append rates and with more JMH forks, for the
 * numbers a decision rests on.
 *
 * @param games           games in the simulated corpus (replicated under new ids for longer loads)
 * @param agents          agents in the corpus; also how finely the batched load splits between senders
 * @param replicas        copies of the corpus the batched ingest sends
 * @param clients         concurrent senders of the batched ingest
 * @param ingestSeconds   the batched ingest stops sending after this long
 * @param storageGames    complete games posted to measure storage per game
 * @param rates           single-append rates, requests per second; the first (the target's 2,000) is the headline,
 *                        the others show latency where the platform keeps up
 * @param warmupSeconds   single-append warm-up per rate
 * @param seconds         single-append measurement per rate
 * @param stateReads      reads of the 10,000-event game through the API
 * @param cliRuns         runs of the replay tool on the 10,000-event game
 * @param jmhForks        JMH forks per benchmark and engine, in each of the four engine runs
 * @param jmhWarmups      JMH warm-up iterations (one second each)
 * @param jmhIterations   JMH measurement iterations (two seconds each)
 * @param inProcessGames  complete games written through each engine to compare storage
 */
public record Mode(String name, int games, int agents, int replicas, int clients, int ingestSeconds,
                   int storageGames,
                   List<Integer> rates, int warmupSeconds, int seconds, int stateReads, int cliRuns, int jmhForks,
                   int jmhWarmups, int jmhIterations, int inProcessGames, int soakSeconds) {

    public static final Mode QUICK = new Mode("quick", 600, 12, 3, 8, 25, 200, List.of(2_000, 100), 3, 10, 100, 5, 1, 5,
            2, 200, 120);
    public static final Mode FULL = new Mode("full", 2_000, 40, 4, 8, 180, 500, List.of(2_000, 100, 250, 500, 1_000), 10,
            60, 500, 10, 2, 5, 5, 500, 600);

    public static Mode named(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("--mode must be quick or full, was " + name);
        };
    }
}
