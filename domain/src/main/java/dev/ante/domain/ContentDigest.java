package dev.ante.domain;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A SHA-256 digest of an event's content: what {@link Object#equals} compares, in a fixed encoding —
 * records component by component, lists in order, maps and sets whatever their order, each value tagged
 * with its kind and strings with their length, so that different content cannot encode alike. Two values
 * that are equal have the same digest; a different digest means different content.
 */
record ContentDigest(long high, long low) {

    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        }
    };

    static ContentDigest of(Object value) {
        MessageDigest digest = sha256();
        write(digest, value);
        ByteBuffer bytes = ByteBuffer.wrap(digest.digest());
        return new ContentDigest(bytes.getLong(), bytes.getLong());
    }

    private static void write(MessageDigest digest, Object value) {
        if (value == null) {
            digest.update((byte) 0);
        } else if (value instanceof CharSequence text) {
            digest.update((byte) 1);
            bytes(digest, text.toString().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Boolean b) {
            digest.update((byte) 2);
            digest.update((byte) (b ? 1 : 0));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            digest.update((byte) 3);
            number(digest, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            digest.update((byte) 4);
            number(digest, Double.doubleToLongBits(((Number) value).doubleValue()));
        } else if (value instanceof BigDecimal || value instanceof BigInteger) {
            digest.update((byte) 5);
            bytes(digest, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Enum<?> e) {
            digest.update((byte) 6);
            bytes(digest, (e.getDeclaringClass().getName() + '.' + e.name()).getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Instant instant) {
            digest.update((byte) 7);
            number(digest, instant.getEpochSecond());
            number(digest, instant.getNano());
        } else if (value instanceof UUID id) {
            digest.update((byte) 8);
            number(digest, id.getMostSignificantBits());
            number(digest, id.getLeastSignificantBits());
        } else if (value instanceof Record) {
            digest.update((byte) 9);
            bytes(digest, value.getClass().getName().getBytes(StandardCharsets.UTF_8));
            for (Method accessor : ACCESSORS.get(value.getClass())) {
                write(digest, component(accessor, value));
            }
        } else if (value instanceof List<?> list) {
            digest.update((byte) 10);
            number(digest, list.size());
            list.forEach(element -> write(digest, element));
        } else if (value instanceof Map<?, ?> map) {
            digest.update((byte) 11);
            unordered(digest, map.entrySet().stream().map(e -> Arrays.asList(e.getKey(), e.getValue())).toList());
        } else if (value instanceof Set<?> set) {
            digest.update((byte) 12);
            unordered(digest, set);
        } else {
            // Not a kind the catalog holds; compared by what it says of itself.
            digest.update((byte) 13);
            bytes(digest, (value.getClass().getName() + '|' + value.hashCode() + '|' + value)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The elements' own digests, sorted, so that the order they come in does not matter. */
    private static void unordered(MessageDigest digest, Collection<?> elements) {
        List<byte[]> digests = new ArrayList<>(elements.size());
        for (Object element : elements) {
            MessageDigest own = sha256();
            write(own, element);
            digests.add(own.digest());
        }
        digests.sort(Arrays::compare);
        number(digest, digests.size());
        digests.forEach(digest::update);
    }

    private static Object component(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + record.getClass().getName(), e);
        }
    }

    private static void bytes(MessageDigest digest, byte[] bytes) {
        number(digest, bytes.length);
        digest.update(bytes);
    }

    private static void number(MessageDigest digest, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            digest.update((byte) (value >>> shift));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
