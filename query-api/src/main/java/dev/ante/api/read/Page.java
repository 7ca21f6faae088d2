package dev.ante.api.read;

import java.util.List;

/** A paged list response: {@code nextCursor} fetches the next page and is null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {
}
