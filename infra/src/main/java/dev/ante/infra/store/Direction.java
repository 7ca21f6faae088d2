package dev.ante.infra.store;

/** Reading order within a stream. */
public enum Direction {
    FORWARDS,
    BACKWARDS
}
