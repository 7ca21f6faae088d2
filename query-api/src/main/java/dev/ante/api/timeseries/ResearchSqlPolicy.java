package dev.ante.api.timeseries;

import dev.ante.api.ingest.InvalidRequestException;
import dev.ante.api.timeseries.SqlTokenizer.Kind;
import dev.ante.api.timeseries.SqlTokenizer.Token;
import dev.ante.domain.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What researchers' SQL may do, checked on tokens before the query reaches QuestDB: one read statement
 * (SELECT, WITH, EXPLAIN, DECLARE, or one of three SHOW forms), functions from the reviewed allow-list
 * only, and tables from the allow-list or the query's own CTEs. The lists live in
 * {@code research-sql-allowlist.txt} next to this class, with how they were reviewed.
 *
 * <p>A table is recognised where QuestDB takes one: after FROM and JOIN (also inside parentheses, since
 * QuestDB reads {@code (trades)} as a query), after a comma in a FROM list, after UNION, EXCEPT and
 * INTERSECT, and as the body of a CTE. When in doubt the check refuses: a refusal can be rephrased, a
 * leak cannot be taken back.
 */
public final class ResearchSqlPolicy {

    private static final String ALLOW_LIST = "research-sql-allowlist.txt";
    private static final Set<String> READ_STATEMENTS = Set.of("SELECT", "WITH", "SHOW", "EXPLAIN", "DECLARE");
    /** Statements that write or change something; refused wherever they appear as a bare word. */
    private static final Set<String> WRITE_STATEMENTS = Set.of("INSERT", "UPDATE", "DELETE", "DROP", "TRUNCATE",
            "ALTER", "CREATE", "COPY", "RENAME", "REINDEX", "VACUUM", "BACKUP", "GRANT", "REVOKE", "SNAPSHOT",
            "CHECKPOINT", "MERGE", "REFRESH");
    /** Refused as the first word only: elsewhere they are ordinary words (e.g. {@code SET} in no read query). */
    private static final Set<String> SESSION_STATEMENTS = Set.of("SET", "BEGIN", "COMMIT", "ROLLBACK", "CANCEL");
    /**
     * Keywords that may stand before a parenthesis without being a function call. None of them may be a
     * refused function name (checked by a test).
     */
    static final Set<String> KEYWORDS = Set.of("SELECT", "WITH", "EXPLAIN", "DECLARE", "FROM", "JOIN", "ON",
            "WHERE", "GROUP", "ORDER", "BY", "LIMIT", "SAMPLE", "FILL", "ALIGN", "TO", "LATEST", "PARTITION",
            "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "ALL", "DISTINCT", "AS", "AND", "OR", "NOT", "IN",
            "IS", "EXISTS", "ANY", "SOME", "OVER", "WHEN", "THEN", "ELSE", "END", "USING", "VALUES", "TIMESTAMP",
            "GEOHASH", "LATERAL", "CROSS", "INNER", "OUTER", "ASOF", "LT", "SPLICE", "ROWS", "RANGE", "GROUPS",
            "BETWEEN", "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "EXCLUDE");
    /** Keywords after which the FROM list of the current level has ended. */
    private static final Set<String> CLAUSE_ENDS = Set.of("WHERE", "GROUP", "ORDER", "LIMIT", "SAMPLE", "LATEST",
            "ON", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "USING", "SELECT", "WITH");
    private static final Set<String> SET_OPERATORS = Set.of("UNION", "EXCEPT", "INTERSECT");
    private static final String SHOW_FORMS = "SHOW TABLES, SHOW COLUMNS FROM <table> and SHOW CREATE TABLE <table>";

    private final Set<String> functions;
    private final Set<String> refused;
    private final Set<String> tables;

    ResearchSqlPolicy(Set<String> functions, Set<String> refused, Set<String> tables) {
        this.functions = Set.copyOf(functions);
        this.refused = Set.copyOf(refused);
        this.tables = Set.copyOf(tables);
    }

    /** The reviewed lists from {@code research-sql-allowlist.txt}. */
    public static ResearchSqlPolicy reviewed() {
        Set<String> functions = new HashSet<>();
        Set<String> refused = new HashSet<>();
        Set<String> tables = new HashSet<>();
        try (InputStream in = ResearchSqlPolicy.class.getResourceAsStream(ALLOW_LIST)) {
            if (in == null) {
                throw new IllegalStateException(ALLOW_LIST + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Set<String> section = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                switch (line) {
                    case "[functions]" -> section = functions;
                    case "[refused]" -> section = refused;
                    case "[tables]" -> section = tables;
                    default -> {
                        if (section == null) {
                            throw new IllegalStateException(ALLOW_LIST + ": names before the first section");
                        }
                        for (String name : line.split("\\s+")) {
                            section.add(name.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ALLOW_LIST, e);
        }
        return new ResearchSqlPolicy(functions, refused, tables);
    }

    Set<String> functions() {
        return functions;
    }

    Set<String> refused() {
        return refused;
    }

    Set<String> tables() {
        return tables;
    }

    /**
     * Passes a query researchers may run, or says precisely why not.
     *
     * @throws InvalidRequestException when the query is not one read statement, or cannot be read (400)
     * @throws ForbiddenQueryException for writes and for statements, functions or tables off the allow-list (403)
     */
    public void check(String query) {
        List<Token> tokens;
        try {
            tokens = SqlTokenizer.tokens(query);
        } catch (SqlTokenizer.Malformed e) {
            throw invalid(e.getMessage());
        }
        int end = tokens.size();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(";")) {
                if (i + 1 < tokens.size()) {
                    throw invalid("must be a single statement; found more after ';'");
                }
                end = i;
            }
        }
        tokens = tokens.subList(0, end);
        int first = 0;
        while (first < tokens.size() && tokens.get(first).isSymbol("(")) {
            first++;
        }
        String word = first < tokens.size() && tokens.get(first).kind() == Kind.WORD
                ? tokens.get(first).text().toUpperCase(Locale.ROOT) : "";
        if (WRITE_STATEMENTS.contains(word) || SESSION_STATEMENTS.contains(word)) {
            throw new ForbiddenQueryException(word + " statements are not allowed: queries are read-only");
        }
        if (!READ_STATEMENTS.contains(word)) {
            throw invalid("must start with SELECT, WITH, SHOW, EXPLAIN or DECLARE"
                    + (word.isEmpty() ? "" : ", started with " + word));
        }
        if (word.equals("SHOW")) {
            checkShow(tokens.subList(first + 1, tokens.size()));
            return;
        }
        new Scan(tokens, first + 1).run();
    }

    private void checkShow(List<Token> rest) {
        if (rest.size() == 1 && rest.get(0).is("TABLES")) {
            return;
        }
        if (rest.size() >= 3 && rest.get(0).is("COLUMNS") && rest.get(1).is("FROM")) {
            checkTable(tableName(rest, 2), rest.size() == 3 + dottedExtra(rest, 2), Set.of());
            return;
        }
        if (rest.size() >= 3 && rest.get(0).is("CREATE") && rest.get(1).is("TABLE")) {
            checkTable(tableName(rest, 2), rest.size() == 3 + dottedExtra(rest, 2), Set.of());
            return;
        }
        StringBuilder shown = new StringBuilder("SHOW");
        for (int i = 0; i < Math.min(2, rest.size()); i++) {
            shown.append(' ').append(rest.get(i).text().toUpperCase(Locale.ROOT));
        }
        throw new ForbiddenQueryException(shown + " is not allowed; research queries may use " + SHOW_FORMS);
    }

    /** The table name starting at {@code i}: a word chain {@code a.b}, a quoted identifier or a string. */
    private static String tableName(List<Token> tokens, int i) {
        Token token = tokens.get(i);
        if (token.kind() != Kind.WORD) {
            return token.text();
        }
        return dotted(tokens, i).name();
    }

    private static int dottedExtra(List<Token> tokens, int i) {
        return tokens.get(i).kind() == Kind.WORD ? dotted(tokens, i).end() - i - 1 : 0;
    }

    /** A name written {@code a.b.c} (words or quoted parts): the joined name and the index after it. */
    private record Dotted(String name, int end) {
    }

    private static Dotted dotted(List<Token> tokens, int i) {
        StringBuilder name = new StringBuilder(tokens.get(i).text());
        int j = i + 1;
        while (j + 1 < tokens.size() && tokens.get(j).isSymbol(".")
                && (tokens.get(j + 1).kind() == Kind.WORD || tokens.get(j + 1).kind() == Kind.QUOTED)) {
            name.append('.').append(tokens.get(j + 1).text());
            j += 2;
        }
        return new Dotted(name.toString(), j);
    }

    private void checkTable(String name, boolean complete, Set<String> ctes) {
        if (!complete) {
            throw invalid("SHOW COLUMNS FROM and SHOW CREATE TABLE take one table name and nothing else");
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (tables.contains(key) || ctes.contains(key) || functions.contains(key)) {
            return;
        }
        if (refused.contains(key)) {
            throw refusedFunction(key);
        }
        throw new ForbiddenQueryException("table " + name + " is not available to research queries; they may read "
                + String.join(", ", tables.stream().sorted().toList()));
    }

    private void checkFunction(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (functions.contains(key)) {
            return;
        }
        if (refused.contains(key) || key.contains(".")) {
            throw refusedFunction(key);
        }
        throw new ForbiddenQueryException("function " + name + "() is not on the research allow-list;"
                + " docs/api.md lists what research queries may use");
    }

    private static ForbiddenQueryException refusedFunction(String name) {
        return new ForbiddenQueryException("function " + name
                + "() is not allowed in research queries: it has side effects or reports the server's internals");
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("Invalid query", new Violation(null, "query", message));
    }

    /** One pass over a statement's tokens, tracking parentheses and where a table name may stand. */
    private final class Scan {

        /** What one level of parentheses is: a function's arguments, and whether a FROM list is open. */
        private static final class Level {
            final boolean call;
            boolean fromList;

            Level(boolean call) {
                this.call = call;
            }
        }

        private final List<Token> tokens;
        private final int start;
        private final Set<String> ctes = new HashSet<>();
        private final List<Level> levels = new ArrayList<>();
        private boolean tableNext;

        Scan(List<Token> tokens, int start) {
            this.tokens = tokens;
            this.start = start;
            levels.add(new Level(false));
        }

        void run() {
            for (int i = 0; i + 2 < tokens.size(); i++) {
                Token name = tokens.get(i);
                if ((name.kind() == Kind.WORD || name.kind() == Kind.QUOTED) && tokens.get(i + 1).is("AS")
                        && tokens.get(i + 2).isSymbol("(")) {
                    ctes.add(name.text().toLowerCase(Locale.ROOT));
                }
            }
            boolean callParen = false;
            int i = start;
            while (i < tokens.size()) {
                Token token = tokens.get(i);
                if (token.isSymbol("(")) {
                    levels.add(new Level(callParen));
                    callParen = false;
                    i++;
                    continue;
                }
                callParen = false;
                if (token.isSymbol(")")) {
                    if (levels.size() > 1) {
                        levels.remove(levels.size() - 1);
                    }
                    tableNext = false;
                    i++;
                } else if (token.isSymbol(",")) {
                    tableNext = level().fromList;
                    i++;
                } else if (token.kind() == Kind.WORD) {
                    i = word(i);
                    callParen = i < tokens.size() && tokens.get(i).isSymbol("(") && !isKeyword(tokens.get(i - 1));
                } else if (token.kind() == Kind.QUOTED || token.kind() == Kind.STRING) {
                    if (tableNext) {
                        checkTable(token.text(), true, ctes);
                    }
                    tableNext = false;
                    i++;
                } else {
                    tableNext = false;
                    i++;
                }
            }
        }

        private Level level() {
            return levels.get(levels.size() - 1);
        }

        private boolean isKeyword(Token token) {
            return token.kind() == Kind.WORD && KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT));
        }

        /** Handles the word at {@code i}; returns the index after it (and after a dotted name). */
        private int word(int i) {
            Token token = tokens.get(i);
            String upper = token.text().toUpperCase(Locale.ROOT);
            if (WRITE_STATEMENTS.contains(upper)) {
                throw new ForbiddenQueryException(upper + " statements are not allowed: queries are read-only");
            }
            if (upper.equals("SHOW")) {
                throw new ForbiddenQueryException("SHOW may only be the whole statement: " + SHOW_FORMS);
            }
            if (KEYWORDS.contains(upper)) {
                keyword(upper, i);
                return i + 1;
            }
            Dotted name = dotted(tokens, i);
            boolean call = name.end() < tokens.size() && tokens.get(name.end()).isSymbol("(");
            boolean qualifier = i > 0 && tokens.get(i - 1).isSymbol(".");
            if (call) {
                checkFunction(name.name());
                if (name.name().equalsIgnoreCase("table_columns")) {
                    tableArgument(name.end() + 1);
                }
            } else if (tableNext) {
                checkTable(name.name(), true, ctes);
            } else if (!qualifier && name.end() == i + 1 && refused.contains(token.text().toLowerCase(Locale.ROOT))
                    && !(i > 0 && tokens.get(i - 1).is("AS"))) {
                // QuestDB calls some functions without parentheses (e.g. current_user).
                throw refusedFunction(token.text().toLowerCase(Locale.ROOT));
            }
            tableNext = false;
            return name.end();
        }

        private void keyword(String upper, int i) {
            Level level = level();
            boolean parenNext = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            if (CLAUSE_ENDS.contains(upper)) {
                level.fromList = false;
            }
            if ((upper.equals("FROM") || upper.equals("JOIN")) && !level.call) {
                // FROM inside a call is part of it: EXTRACT(year FROM ts), SUBSTRING(s FROM 2).
                level.fromList = true;
                tableNext = true;
            } else if (SET_OPERATORS.contains(upper)) {
                tableNext = true;
            } else if ((upper.equals("ALL") || upper.equals("DISTINCT")) && tableNext) {
                // UNION ALL <query>: the next token is still where a query or table stands.
                tableNext = true;
            } else {
                // AS ( and EXISTS ( open a query, which QuestDB also accepts as a bare table name.
                tableNext = parenNext && (upper.equals("AS") || upper.equals("EXISTS"));
            }
        }

        /** The first argument of table_columns(...), when it is a literal, names a table. */
        private void tableArgument(int i) {
            if (i >= tokens.size()) {
                return;
            }
            Token argument = tokens.get(i);
            if (argument.kind() == Kind.STRING || argument.kind() == Kind.QUOTED) {
                checkTable(argument.text(), true, ctes);
            } else {
                throw new ForbiddenQueryException("table_columns() takes a table name in quotes, e.g. "
                        + "table_columns('game_metrics')");
            }
        }
    }
}
