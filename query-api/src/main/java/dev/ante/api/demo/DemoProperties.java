package dev.ante.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo's settings ({@code ante.demo.*}).
 *
 * @param enabled        run simulated agents against this platform once it is up ({@code --demo} sets it)
 * @param agents         agents playing side by side
 * @param games          games in total; the demo stops after them
 * @param gamesPerSecond how fast new games start
 * @param seed           the simulation's seed; by default a fresh one per start, so restarts add new games
 * @param timeScale      factor on the agents' simulated durations, so their clocks keep near the wall clock
 */
@ConfigurationProperties("ante.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("4") int agents,
        @DefaultValue("500") int games,
        @DefaultValue("2") double gamesPerSecond,
        Long seed,
        @DefaultValue("0.003") double timeScale) {
}
