package dev.ante.api.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ante.domain.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Opens request bodies as bounded streams and reports malformed JSON by line and column. */
final class RequestBodies {

    /**
     * The longest string a parser decodes. Catalog strings are at most 256 characters and ignored
     * fields are skipped undecoded, so only a free-form value could come near this.
     */
    static final int MAX_STRING_CHARS = 1_000_000;

    private RequestBodies() {
    }

    /**
     * The body as a stream within {@code limit} bytes and the pace; a declared length over the limit is
     * refused before anything is read.
     */
    static BodyInput open(HttpServletRequest request, long limit, BodyInput.Pace pace) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return new BodyInput(request.getInputStream(), limit, pace);
    }

    /** The strict mapper's parser settings (duplicate keys are errors), with strings bounded. */
    static JsonFactory streamingFactory(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory().copy();
        factory.setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build());
        return factory;
    }

    /** Fails unless the parser, having read one value, is at the end of its input. */
    static void expectEnd(JsonParser p, Integer index) throws IOException {
        JsonToken next = p.nextToken();
        if (next != null) {
            JsonLocation at = p.currentTokenLocation();
            throw new InvalidRequestException("Malformed JSON", new Violation(index, null, "malformed JSON at line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ": trailing content after the value"));
        }
    }

    static InvalidRequestException malformed(JsonProcessingException e, Integer index) {
        return new InvalidRequestException("Malformed JSON", new Violation(index, null, describe(e)));
    }

    static InvalidRequestException empty(Integer index) {
        return new InvalidRequestException("Malformed JSON", new Violation(index, null, "the body is empty"));
    }

    /** What a token starts, in the words of {@link RecordSchema#found}. */
    static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }

    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }

    /** Closes a body stream without letting a failure to close hide the request's outcome. */
    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the client went away; the outcome stands
        }
    }
}
