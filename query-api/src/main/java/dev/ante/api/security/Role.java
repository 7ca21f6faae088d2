package dev.ante.api.security;

/** What a key may do: AGENT writes and reads, RESEARCHER reads, ADMIN does everything. */
public enum Role {
    AGENT,
    RESEARCHER,
    ADMIN
}
