package dev.ante.api.security;

import java.util.Set;

/** What a key may do: AGENT writes and reads, RESEARCHER reads, ADMIN does everything. */
public enum Role {
    AGENT,
    RESEARCHER,
    ADMIN;

    /** The roles that may append events. */
    public static final Set<Role> WRITERS = Set.of(AGENT, ADMIN);
}
