package dev.ante.projections.timeseries;

import io.questdb.cairo.ColumnType;
import io.questdb.cairo.TableWriter;
import io.questdb.cairo.sql.TableRecordMetadata;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.client.Sender;
import io.questdb.std.str.Utf8String;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of a time-series table, checked as it is built against what QuestDB would refuse, so that an
 * event QuestDB cannot take fails in its own handler (and is parked there) instead of failing the flush
 * of a whole batch over and over. Symbols come first, as ILP requires.
 */
final class SeriesRow {

    /** Earliest designated timestamp QuestDB takes. */
    static final Instant MIN_TS = Instant.EPOCH;
    /** Latest designated timestamp Ante writes: the end of four-digit years. */
    static final Instant MAX_TS = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Longest text value written; the ingest API already keeps names far shorter. */
    static final int MAX_TEXT = 4096;

    private interface Value {
        void writeTo(Sender sender);

        String name();

        /** Puts the value into a row of a WAL writer, into column {@code index} of type {@code tag}. */
        void put(TableWriter.Row row, int index, short tag);

        default boolean symbol() {
            return false;
        }
    }

    private record Symbol(String name, String value) implements Value {
        public void writeTo(Sender sender) {
            sender.symbol(name, value);
        }

        public void put(TableWriter.Row row, int index, short tag) {
            text(row, index, tag, name, value);
        }

        public boolean symbol() {
            return true;
        }
    }

    private record Text(String name, String value) implements Value {
        public void writeTo(Sender sender) {
            sender.stringColumn(name, value);
        }

        public void put(TableWriter.Row row, int index, short tag) {
            text(row, index, tag, name, value);
        }
    }

    private record Whole(String name, long value) implements Value {
        public void writeTo(Sender sender) {
            sender.longColumn(name, value);
        }

        public void put(TableWriter.Row row, int index, short tag) {
            switch (tag) {
                case ColumnType.LONG -> row.putLong(index, value);
                case ColumnType.INT -> {
                    if (value < Integer.MIN_VALUE + 1 || value > Integer.MAX_VALUE) {
                        throw new SeriesWriteException("column " + name + " is an INT and cannot hold " + value, null);
                    }
                    row.putInt(index, (int) value);
                }
                case ColumnType.SHORT -> row.putShort(index, (short) value);
                case ColumnType.DOUBLE -> row.putDouble(index, value);
                default -> throw mismatch(name, tag, "a whole number");
            }
        }
    }

    private record Real(String name, double value) implements Value {
        public void writeTo(Sender sender) {
            sender.doubleColumn(name, value);
        }

        public void put(TableWriter.Row row, int index, short tag) {
            switch (tag) {
                case ColumnType.DOUBLE -> row.putDouble(index, value);
                case ColumnType.FLOAT -> row.putFloat(index, (float) value);
                default -> throw mismatch(name, tag, "a number");
            }
        }
    }

    private record Flag(String name, boolean value) implements Value {
        public void writeTo(Sender sender) {
            sender.boolColumn(name, value);
        }

        public void put(TableWriter.Row row, int index, short tag) {
            if (tag != ColumnType.BOOLEAN) {
                throw mismatch(name, tag, "a boolean");
            }
            row.putBool(index, value);
        }
    }

    private final String table;
    private final List<Value> values = new ArrayList<>();
    private Instant at;

    SeriesRow(String table) {
        this.table = table;
    }

    SeriesRow symbol(String name, String value) {
        values.add(new Symbol(name, checked(name, value)));
        return this;
    }

    SeriesRow stringColumn(String name, String value) {
        values.add(new Text(name, checked(name, value)));
        return this;
    }

    SeriesRow longColumn(String name, long value) {
        values.add(new Whole(name, value));
        return this;
    }

    SeriesRow doubleColumn(String name, double value) {
        if (!Double.isFinite(value)) {
            throw unwritable(name, "is not a finite number");
        }
        values.add(new Real(name, value));
        return this;
    }

    SeriesRow boolColumn(String name, boolean value) {
        values.add(new Flag(name, value));
        return this;
    }

    void at(Instant timestamp) {
        if (timestamp.isBefore(MIN_TS) || timestamp.isAfter(MAX_TS)) {
            throw new UnwritableEventException("the event's time " + timestamp + " is outside " + MIN_TS + " .. " + MAX_TS
                    + ", which " + table + " cannot hold");
        }
        this.at = timestamp;
    }

    /** Writes the row into {@code sender}'s buffer. */
    void writeTo(Sender sender) {
        sender.table(table);
        values.stream().filter(Value::symbol).forEach(v -> v.writeTo(sender));
        values.stream().filter(v -> !v.symbol()).forEach(v -> v.writeTo(sender));
        sender.at(at);
    }

    /** A column of the table being written: its index and type tag in the writer's metadata. */
    record Column(int index, short tag) {
    }

    /**
     * Appends the row to {@code writer} (not committed), matching columns by name in its metadata; {@code columns}
     * remembers the columns found, for the next rows of the same table and writer.
     */
    void writeTo(WalWriter writer, Map<String, Column> columns) {
        TableRecordMetadata metadata = writer.getMetadata();
        TableWriter.Row row = writer.newRow(at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000);
        try {
            for (Value value : values) {
                Column column = columns.get(value.name());
                if (column == null) {
                    int index = metadata.getColumnIndexQuiet(value.name());
                    if (index < 0) {
                        throw new SeriesWriteException(table + " has no column " + value.name(), null);
                    }
                    column = new Column(index, ColumnType.tagOf(metadata.getColumnType(index)));
                    columns.put(value.name(), column);
                }
                value.put(row, column.index(), column.tag());
            }
            row.append();
        } catch (RuntimeException e) {
            row.cancel();
            throw e;
        }
    }

    private static void text(TableWriter.Row row, int index, short tag, String name, String value) {
        switch (tag) {
            case ColumnType.SYMBOL -> row.putSym(index, value);
            case ColumnType.VARCHAR -> row.putVarchar(index, new Utf8String(value));
            case ColumnType.STRING -> row.putStr(index, value);
            default -> throw mismatch(name, tag, "text");
        }
    }

    private static SeriesWriteException mismatch(String column, short tag, String what) {
        return new SeriesWriteException("column " + column + " is a " + ColumnType.nameOf(tag) + " and cannot hold "
                + what, null);
    }

    private String checked(String column, String value) {
        if (value.length() > MAX_TEXT) {
            throw unwritable(column, "is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw unwritable(column, String.format("holds the control character U+%04X at %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw unwritable(column, "holds an unpaired UTF-16 surrogate at " + i);
            }
        }
        return value;
    }

    private UnwritableEventException unwritable(String column, String why) {
        return new UnwritableEventException(table + "." + column + " " + why + "; QuestDB would refuse the row");
    }
}
