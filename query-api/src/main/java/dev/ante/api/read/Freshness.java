package dev.ante.api.read;

/**
 * How fresh a read is against the {@code minPosition} it asked for: the position wanted and where its
 * source (the event store or a read model's processor) stood when the read went ahead.
 */
public record Freshness(long wanted, long at) {

    /** A read that asked for no position. */
    public static final Freshness NOT_ASKED = new Freshness(-1, -1);

    /** Whether the source had reached the wanted position. */
    public boolean reached() {
        return at >= wanted;
    }

    /** How a read that went ahead without its position says so, e.g. {@code wanted 120, at 97}. */
    public String describe() {
        return "wanted " + wanted + ", at " + at;
    }
}
