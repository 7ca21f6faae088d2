package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies within a byte limit and parses them strictly. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The whole body, refusing (before reading it all) anything over {@code limit} bytes. */
    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new PayloadTooLargeException(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new PayloadTooLargeException(limit);
            }
            return body;
        }
    }

    /** Parses one JSON document; malformed input becomes a problem naming line and column. */
    static JsonNode parse(ObjectMapper mapper, byte[] body, Integer index) {
        if (body.length == 0) {
            throw new InvalidRequestException("Malformed JSON", new Violation(index, null, "the body is empty"));
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Malformed JSON", new Violation(index, null, describe(e)));
        } catch (IOException e) {
            throw new InvalidRequestException("Malformed JSON", new Violation(index, null, "unreadable body: " + e.getMessage()));
        }
    }

    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }
}
