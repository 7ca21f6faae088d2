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
 *
 * <p>The encoding is built in a buffer and digested once: the members of a map or set are encoded on their
 * own and sorted by their bytes, which makes the order they come in irrelevant without a digest apiece.
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

    private static final ClassValue<byte[]> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            return type.getName().getBytes(StandardCharsets.UTF_8);
        }
    };

    /** Each enum constant's encoded name (its type's name, a dot, its own), by ordinal. */
    private static final ClassValue<byte[][]> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected byte[][] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            byte[][] names = new byte[constants.length][];
            for (Object constant : constants) {
                Enum<?> e = (Enum<?>) constant;
                names[e.ordinal()] = (type.getName() + '.' + e.name()).getBytes(StandardCharsets.UTF_8);
            }
            return names;
        }
    };

    /** One digest and one buffer per thread, reused: a digest is taken on every recorded event. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static final class Workspace {
        final MessageDigest sha256 = sha256();
        final Encoding encoding = new Encoding();
    }

    static ContentDigest of(Object value) {
        Workspace workspace = WORKSPACE.get();
        Encoding encoding = workspace.encoding;
        encoding.reset();
        encoding.value(value);
        return digest(workspace, encoding);
    }

    /**
     * The digest of an event's time followed by its data: each value's encoding ends where it says, so the two
     * side by side encode only this pair.
     */
    static ContentDigest ofEvent(Instant occurredAt, Object data) {
        Workspace workspace = WORKSPACE.get();
        Encoding encoding = workspace.encoding;
        encoding.reset();
        encoding.value(occurredAt);
        encoding.value(data);
        return digest(workspace, encoding);
    }

    private static ContentDigest digest(Workspace workspace, Encoding encoding) {
        byte[] digest = encoding.digest(workspace.sha256);
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new ContentDigest(bytes.getLong(), bytes.getLong());
    }

    /** A growable buffer holding the encoding of one value. */
    private static final class Encoding {
        private byte[] bytes;
        private int size;

        Encoding() {
            this(512);
        }

        /** A map's or set's member is usually a few dozen bytes: its own encoding starts small. */
        Encoding(int capacity) {
            bytes = new byte[capacity];
        }

        void reset() {
            if (bytes.length > 64 * 1024) {
                bytes = new byte[512];
            }
            size = 0;
        }

        byte[] digest(MessageDigest sha256) {
            sha256.reset();
            sha256.update(bytes, 0, size);
            return sha256.digest();
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void tag(int tag) {
            ensure(1);
            bytes[size++] = (byte) tag;
        }

        void number(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
        }

        void bytes(byte[] value) {
            number(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
        }

        void value(Object value) {
            if (value == null) {
                tag(0);
            } else if (value instanceof String text) {
                tag(1);
                bytes(text.getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof CharSequence text) {
                tag(1);
                bytes(text.toString().getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof Boolean b) {
                tag(2);
                tag(b ? 1 : 0);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte) {
                tag(3);
                number(((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                tag(4);
                number(Double.doubleToLongBits(((Number) value).doubleValue()));
            } else if (value instanceof BigDecimal || value instanceof BigInteger) {
                tag(5);
                bytes(value.toString().getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof Enum<?> e) {
                tag(6);
                bytes(ENUM_NAMES.get(e.getDeclaringClass())[e.ordinal()]);
            } else if (value instanceof Instant instant) {
                tag(7);
                number(instant.getEpochSecond());
                number(instant.getNano());
            } else if (value instanceof UUID id) {
                tag(8);
                number(id.getMostSignificantBits());
                number(id.getLeastSignificantBits());
            } else if (value instanceof Record) {
                tag(9);
                bytes(TYPE_NAMES.get(value.getClass()));
                for (Method accessor : ACCESSORS.get(value.getClass())) {
                    value(component(accessor, value));
                }
            } else if (value instanceof List<?> list) {
                tag(10);
                number(list.size());
                for (Object element : list) {
                    value(element);
                }
            } else if (value instanceof Map<?, ?> map) {
                tag(11);
                List<byte[]> entries = new ArrayList<>(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    Encoding own = new Encoding(64);
                    own.value(entry.getKey());
                    own.value(entry.getValue());
                    entries.add(own.toArray());
                }
                unordered(entries);
            } else if (value instanceof Set<?> set) {
                tag(12);
                unordered(encodedApart(set));
            } else {
                // Not a kind the catalog holds; compared by what it says of itself.
                tag(13);
                bytes((value.getClass().getName() + '|' + value.hashCode() + '|' + value)
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        private static List<byte[]> encodedApart(Collection<?> elements) {
            List<byte[]> encoded = new ArrayList<>(elements.size());
            for (Object element : elements) {
                Encoding own = new Encoding(64);
                own.value(element);
                encoded.add(own.toArray());
            }
            return encoded;
        }

        /** Members encoded on their own, sorted, so that the order they come in does not matter. */
        private void unordered(List<byte[]> members) {
            members.sort(Arrays::compare);
            number(members.size());
            members.forEach(this::bytes);
        }
    }

    private static Object component(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor + " of " + record.getClass().getName(), e);
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
