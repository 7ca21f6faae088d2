package dev.ante.api.read;

import java.util.List;

/** An unpaged list response: {@code {"items": [...]}}. */
public record Items<T>(List<T> items) {
}
