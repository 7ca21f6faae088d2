package dev.ante.api.read;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.GameId;
import dev.ante.domain.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the last game id of a page, versioned and base64url-encoded. */
final class Cursors {

    private static final String PREFIX = "v1:";

    private Cursors() {
    }

    static String encode(String lastGameId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastGameId).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return GameId.of(text.substring(PREFIX.length())).value();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequestException("Invalid parameter", new Violation(null, "cursor",
                "is malformed; pass back the nextCursor of a previous page unchanged"));
    }
}
