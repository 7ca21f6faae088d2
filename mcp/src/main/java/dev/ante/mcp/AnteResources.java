package dev.ante.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a model should read before it writes a query: the event catalog and the time-series table reference,
 * the same text as the project's documentation (packed into the jar at build time).
 */
public final class AnteResources {

    /** One resource: where it is, what it is called and its Markdown text. */
    public record Doc(String uri, String name, String title, String description, String text) {
    }

    private AnteResources() {
    }

    /** Both documents. */
    public static List<Doc> all() {
        String questdb = load("questdb.md");
        return List.of(
                new Doc("ante://docs/event-catalog", "event-catalog", "Event catalog",
                        "Every event type agents post (game, strategy and learning streams), field by field, "
                                + "and how a game's state is folded from them.", load("events.md")),
                new Doc("ante://docs/questdb-tables", "questdb-tables", "QuestDB tables",
                        "The time-series tables run_sql reads: one row per what, their columns, and example "
                                + "queries.", section(questdb, "## Tables", "## Grafana dashboards")));
    }

    /** The text from the heading {@code from} up to the heading {@code until} (or the end). */
    static String section(String markdown, String from, String until) {
        int start = markdown.indexOf(from);
        if (start < 0) {
            throw new IllegalStateException("the packed QuestDB reference has no '" + from + "' section");
        }
        int end = markdown.indexOf(until, start);
        return "# Time series in QuestDB\n\n" + markdown.substring(start, end < 0 ? markdown.length() : end).strip()
                + "\n";
    }

    private static String load(String name) {
        try (InputStream in = AnteResources.class.getResourceAsStream("docs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("docs/" + name + " was not packed into the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
