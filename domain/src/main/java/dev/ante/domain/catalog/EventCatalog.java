package dev.ante.domain.catalog;

import dev.ante.domain.game.GameEvent;
import dev.ante.domain.learning.LearningEvent;
import dev.ante.domain.strategy.StrategyEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agents' contract: which event types each kind of stream accepts, by the names agents send in
 * an envelope's {@code type} and the store keeps. Built from the sealed catalog interfaces, so a new
 * record in a catalog is known here without further wiring.
 */
public enum EventCatalog {
    GAME(GameEvent.class),
    STRATEGY(StrategyEvent.class),
    LEARNING(LearningEvent.class);

    private static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

    static {
        for (EventCatalog catalog : values()) {
            ALL.putAll(catalog.types);
        }
    }

    private final Class<?> root;
    private final Map<String, Class<?>> types;

    EventCatalog(Class<?> root) {
        this.root = root;
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : root.getPermittedSubclasses()) {
            byName.put(type.getSimpleName(), type);
        }
        this.types = Collections.unmodifiableMap(byName);
    }

    /** The sealed interface all of this catalog's events implement. */
    public Class<?> root() {
        return root;
    }

    /** The event type called {@code name} in this catalog. */
    public Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Every type name of this catalog, in declaration order. */
    public Set<String> typeNames() {
        return types.keySet();
    }

    /** The stored name of an event class of any catalog: its simple name. */
    public static String nameOf(Class<?> eventType) {
        return eventType.getSimpleName();
    }

    /** The event class stored under {@code name}, in any catalog. */
    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
