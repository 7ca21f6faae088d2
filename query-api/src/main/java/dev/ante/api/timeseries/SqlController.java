package dev.ante.api.timeseries;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ante.api.config.AnteProperties;
import dev.ante.api.ingest.IngestJson;
import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.domain.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/sql}: read-only SQL on the time series in QuestDB. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "time series", description = "Read-only SQL on QuestDB")
public class SqlController {

    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_QUERY = 16 * 1024;

    private final ObjectProvider<ResearchSql> sql;
    private final IngestJson json;
    private final int maxRows;

    public SqlController(ObjectProvider<ResearchSql> sql, IngestJson json, AnteProperties properties) {
        this.sql = sql;
        this.json = json;
        this.maxRows = properties.questdb().maxRows();
    }

    @Operation(summary = "Run one read-only query on QuestDB: {\"query\": \"SELECT ...\", \"limit\": 1000}")
    @PostMapping(path = "/sql", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResearchSql.Result query(HttpServletRequest request) throws IOException {
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new dev.ante.api.ingest.PayloadTooLargeException(MAX_BODY);
            }
            try {
                body = json.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new InvalidRequestException("Malformed JSON", new Violation(null, null, "malformed JSON: "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("Invalid query", new Violation(null, null,
                    "the body must be a JSON object {\"query\": \"...\", \"limit\": N}"));
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            problems.add(new Violation(null, "query", "is required"));
        } else if (!query.isTextual() || query.textValue().isBlank()) {
            problems.add(new Violation(null, "query", "must be a non-blank string"));
        } else if (query.textValue().length() > MAX_QUERY) {
            problems.add(new Violation(null, "query", "must be at most " + MAX_QUERY + " characters"));
        }
        int limit = 1000;
        JsonNode limitNode = body.get("limit");
        if (limitNode != null && !limitNode.isNull()) {
            if (!limitNode.isIntegralNumber() || !limitNode.canConvertToInt() || limitNode.intValue() < 1
                    || limitNode.intValue() > maxRows) {
                problems.add(new Violation(null, "limit", "must be an integer between 1 and " + maxRows));
            } else {
                limit = limitNode.intValue();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid query", problems);
        }
        ResearchSql research = sql.getIfAvailable();
        if (research == null) {
            throw new TimeSeriesUnavailableException("the time series are disabled on this instance (ante.questdb.mode)",
                    null);
        }
        return research.run(query.textValue(), limit);
    }
}
