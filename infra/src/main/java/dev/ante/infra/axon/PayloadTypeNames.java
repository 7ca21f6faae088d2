package dev.ante.infra.axon;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Translates between payload classes and the type names stored with each event, so that the log speaks the
 * agents' vocabulary ({@code HandPlayed}) rather than Java's ({@code dev.ante.domain.game.HandPlayed}) and
 * classes can move between packages without rewriting history.
 */
public interface PayloadTypeNames {

    /** The name stored for payloads of {@code payloadType}. */
    String nameOf(Class<?> payloadType);

    /** The fully qualified name of the class that payloads stored as {@code storedName} deserialize to. */
    String classNameOf(String storedName);

    /** Stores fully qualified class names: the identity mapping. */
    static PayloadTypeNames fullyQualifiedClassNames() {
        return FullyQualified.INSTANCE;
    }

    /**
     * Stores the given short names for the given classes and fully qualified class names for every other
     * class; a stored name that is not in {@code classesByName} is taken to be a class name.
     *
     * @throws IllegalArgumentException when two names map to the same class
     */
    static PayloadTypeNames of(Map<String, Class<?>> classesByName) {
        Map<Class<?>, String> names = new HashMap<>();
        Map<String, String> classNames = new HashMap<>();
        classesByName.forEach((name, type) -> {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            String previous = names.put(type, name);
            if (previous != null) {
                throw new IllegalArgumentException(type.getName() + " is named both " + previous + " and " + name);
            }
            classNames.put(name, type.getName());
        });
        return new PayloadTypeNames() {
            @Override
            public String nameOf(Class<?> payloadType) {
                return names.getOrDefault(payloadType, payloadType.getName());
            }

            @Override
            public String classNameOf(String storedName) {
                return classNames.getOrDefault(storedName, storedName);
            }
        };
    }

    /** The mapping behind {@link #fullyQualifiedClassNames()}. */
    enum FullyQualified implements PayloadTypeNames {
        INSTANCE;

        @Override
        public String nameOf(Class<?> payloadType) {
            return payloadType.getName();
        }

        @Override
        public String classNameOf(String storedName) {
            return storedName;
        }
    }
}
