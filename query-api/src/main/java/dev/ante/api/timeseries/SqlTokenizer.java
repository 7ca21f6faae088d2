package dev.ante.api.timeseries;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits QuestDB SQL into tokens in one left-to-right pass, without regular expressions, so any input
 * costs time and stack proportional to its length. Comments are dropped; literals keep their content.
 */
final class SqlTokenizer {

    /** What a token is. */
    enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A {@code "double-quoted"} or {@code `back-quoted`} identifier. */
        QUOTED,
        /** A {@code 'single-quoted'} string; QuestDB also takes table names this way ({@code FROM 'trades'}). */
        STRING,
        NUMBER,
        /** Punctuation or an operator, one character or a known pair such as {@code ::} or {@code :=}. */
        SYMBOL
    }

    /** One token: its kind, its text (unquoted for QUOTED and STRING) and where it starts in the query. */
    record Token(Kind kind, String text, int position) {

        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    /** A query that cannot be split: an unterminated literal or comment. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private SqlTokenizer() {
    }

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new Malformed("unterminated /* comment starting at character " + (i + 1));
                }
                i = end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = quoted(sql, i, c, tokens);
            } else if (isWordStart(c)) {
                int start = i++;
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(start, i), start));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                int start = i;
                // Numbers, and QuestDB's unit-suffixed literals such as 1h, 5c or 1e-3.
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                        || sql.charAt(i) == '_'
                        || ((sql.charAt(i) == '-' || sql.charAt(i) == '+')
                        && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start));
            } else {
                String pair = i + 1 < n ? sql.substring(i, i + 2) : "";
                int length = switch (pair) {
                    case "::", ":=", "<=", ">=", "<>", "!=", "||", "<<", ">>", "->" -> 2;
                    default -> 1;
                };
                tokens.add(new Token(Kind.SYMBOL, sql.substring(i, i + length), i));
                i += length;
            }
        }
        return tokens;
    }

    /** Reads a literal opened by {@code quote} at {@code start}; a doubled quote stands for itself. */
    private static int quoted(String sql, int start, char quote, List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (true) {
            int end = sql.indexOf(quote, i);
            if (end < 0) {
                String what = quote == '\'' ? "string" : "quoted identifier";
                throw new Malformed("unterminated " + what + " starting at character " + (start + 1));
            }
            text.append(sql, i, end);
            if (end + 1 < sql.length() && sql.charAt(end + 1) == quote) {
                text.append(quote);
                i = end + 2;
            } else {
                tokens.add(new Token(quote == '\'' ? Kind.STRING : Kind.QUOTED, text.toString(), start));
                return end + 1;
            }
        }
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
