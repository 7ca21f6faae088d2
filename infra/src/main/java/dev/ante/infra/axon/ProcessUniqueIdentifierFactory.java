package dev.ante.infra.axon;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers as UUIDs made of a random per-process prefix and a counter, instead of a random
 * UUID per message. Axon gives every message an identifier, including the result of each event a processor
 * handles: eight processors make several per recorded event, and its default draws each one from the JDK's
 * {@code SecureRandom}, a locked source shared by every thread (1–2% of the platform's CPU samples under ingest).
 *
 * <p>Identifiers stay unique: within a process the counter never repeats, and processes differ by 60 random bits
 * drawn once at start. They are not secret and need not be: nothing here uses a message identifier as a
 * credential, and the events agents post keep the ids they were given. The text is a well-formed version-4 UUID,
 * so code that parses identifiers as UUIDs keeps working. Registered through {@code META-INF/services}, where Axon
 * looks for it.
 */
public final class ProcessUniqueIdentifierFactory extends IdentifierFactory {

    /** The high half: 60 random bits and the version nibble (4). */
    private final long prefix;
    /** The low half: the variant bits (10) and a 62-bit count. */
    private final AtomicLong counter = new AtomicLong();

    public ProcessUniqueIdentifierFactory() {
        this(new SecureRandom().nextLong());
    }

    ProcessUniqueIdentifierFactory(long random) {
        this.prefix = (random & ~0xF000L) | 0x4000L;
    }

    @Override
    public String generateIdentifier() {
        long count = counter.getAndIncrement() & 0x3FFF_FFFF_FFFF_FFFFL;
        return new UUID(prefix, count | 0x8000_0000_0000_0000L).toString();
    }
}
