package dev.ante.simulator.game;

import dev.ante.domain.game.GameEvent;
import java.time.Instant;

/** A game event and when, on the agent's clock, it happened. */
public record TimedEvent(Instant occurredAt, GameEvent event) {
}
