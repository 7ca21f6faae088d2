package dev.ante.projections.synergy;

import java.util.Locale;

/** Which combinations a synergy key describes: one joker, an unordered pair, or a hand's whole set. */
public enum SynergySize {
    SINGLE,
    PAIR,
    SET;

    /** The API's spelling: {@code single}, {@code pair}, {@code set}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
