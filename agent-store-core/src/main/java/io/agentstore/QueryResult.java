package io.agentstore;

import com.fasterxml.jackson.core.JsonGenerator;
import io.agentstore.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * The result of {@link AgentStore#sql}: columns and rows, printable as an aligned table (what JShell shows),
 * as CSV or JSON, as Arrow batches through DuckDB's Arrow export, or streamed row by row for results too
 * large to hold. The query runs when a result is first asked for; {@link #rows()} is then kept, while
 * {@link #stream()} and {@link #toArrow} run it afresh each time, without materialising it.
 */
public final class QueryResult {
    private static final int PRINT_LIMIT = 200;
    private static final int CELL_LIMIT = 60;

    private final AgentStore store;
    private final String sql;
    private final Object[] params;
    private List<String> columns;
    private List<String> types;
    private List<Row> rows;

    QueryResult(AgentStore store, String sql, Object[] params) {
        this.store = store;
        this.sql = sql;
        this.params = params.clone();
    }

    /** The SQL text of this query. */
    public String sql() {
        return sql;
    }

    /** The column names, in order. */
    public List<String> columns() {
        materialize();
        return columns;
    }

    /** The DuckDB type of each column, for example {@code BIGINT} or {@code TIMESTAMP WITH TIME ZONE}. */
    public List<String> columnTypes() {
        materialize();
        return types;
    }

    /** All rows, in the order the query gave them. */
    public List<Row> rows() {
        materialize();
        return rows;
    }

    /** The number of rows. */
    public int size() {
        return rows().size();
    }

    /** The only row, or empty when there is none. */
    public java.util.Optional<Row> single() {
        List<Row> r = rows();
        if (r.size() > 1) {
            throw new AgentStoreException("expected at most one row but the query returned " + r.size() + ": " + sql);
        }
        return r.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(r.get(0));
    }

    /** Prints {@link #toString()} to standard output; for JShell and quick looks. */
    public void print() {
        System.out.println(this);
    }

    /**
     * The rows as CSV (RFC 4180): a header line, then one line per row; fields with commas, quotes or line
     * breaks are quoted; NULL is an empty field.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        appendCsvLine(b, new ArrayList<>(columns()));
        for (Row row : rows()) {
            appendCsvLine(b, row.values());
        }
        return b.toString();
    }

    private static void appendCsvLine(StringBuilder b, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append("\r\n");
    }

    /**
     * The rows as a JSON array of objects keyed by column name. Numbers stay numbers, timestamps are ISO-8601
     * strings, JSON columns are embedded as JSON.
     */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Row row : rows()) {
                g.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    g.writeFieldName(columns.get(i));
                    Object v = row.get(i);
                    if (v != null && types.get(i).equals("JSON")) {
                        g.writeRawValue(v.toString());
                    } else if (v instanceof Number || v instanceof Boolean || v == null) {
                        g.writeObject(v);
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Runs the query through DuckDB's Arrow C-data export: column batches without row-by-row JDBC. Close
     * the returned value to release the batches and the query.
     *
     * @param allocator the Arrow allocator that owns the batches
     */
    public ArrowResult toArrow(BufferAllocator allocator) {
        return toArrow(allocator, 65_536);
    }

    /** {@link #toArrow(BufferAllocator)} with batches of at most {@code batchSize} rows. */
    public ArrowResult toArrow(BufferAllocator allocator, int batchSize) {
        if (allocator == null) {
            throw new IllegalArgumentException("allocator must not be null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        Connection connection = store.openReader();
        PreparedStatement ps = null;
        try {
            ps = prepare(connection);
            DuckDBResultSet rs = (DuckDBResultSet) ps.executeQuery();
            ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, batchSize);
            return new ArrowResult(reader, rs, ps, connection);
        } catch (SQLException e) {
            AgentStore.closeQuietly(ps);
            AgentStore.closeQuietly(connection);
            throw new StoreAccessException("query failed: " + sql, e);
        }
    }

    /**
     * The rows one at a time, without holding them all: close the stream (try-with-resources) to end the
     * query early.
     */
    public Stream<Row> stream() {
        Connection connection = store.openReader();
        try {
            PreparedStatement ps = prepare(connection);
            ResultSet rs = ps.executeQuery();
            Header header = header(rs.getMetaData());
            Iterator<Row> it = new Iterator<>() {
                private Boolean hasNext;

                @Override
                public boolean hasNext() {
                    if (hasNext == null) {
                        try {
                            hasNext = rs.next();
                        } catch (SQLException e) {
                            throw new StoreAccessException("reading rows failed: " + sql, e);
                        }
                    }
                    return hasNext;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    hasNext = null;
                    try {
                        return header.row(rs);
                    } catch (SQLException e) {
                        throw new StoreAccessException("reading rows failed: " + sql, e);
                    }
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                    .onClose(() -> {
                        AgentStore.closeQuietly(rs);
                        AgentStore.closeQuietly(ps);
                        AgentStore.closeQuietly(connection);
                    });
        } catch (SQLException e) {
            AgentStore.closeQuietly(connection);
            throw new StoreAccessException("query failed: " + sql, e);
        }
    }

    private PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant instant ? OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : p);
        }
        return ps;
    }

    private synchronized void materialize() {
        if (rows != null) {
            return;
        }
        try (Connection connection = store.openReader(); PreparedStatement ps = prepare(connection);
             ResultSet rs = ps.executeQuery()) {
            Header header = header(rs.getMetaData());
            List<Row> list = new ArrayList<>();
            while (rs.next()) {
                list.add(header.row(rs));
            }
            columns = header.columns;
            types = header.types;
            rows = Collections.unmodifiableList(list);
        } catch (SQLException e) {
            throw new StoreAccessException("query failed: " + sql, e);
        }
    }

    private record Header(List<String> columns, List<String> types, Map<String, Integer> index) {
        Row row(ResultSet rs) throws SQLException {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = normalize(rs.getObject(i + 1));
            }
            return new Row(columns, index, values);
        }
    }

    private static Header header(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
            index.putIfAbsent(meta.getColumnLabel(i), i - 1);
        }
        return new Header(List.copyOf(columns), List.copyOf(types), Map.copyOf(index));
    }

    private static Object normalize(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof org.duckdb.JsonNode json) {
            return json.toString();
        }
        if (value instanceof java.sql.Array array) {
            try {
                Object[] items = (Object[]) array.getArray();
                List<Object> list = new ArrayList<>(items.length);
                for (Object o : items) {
                    list.add(normalize(o));
                }
                return Collections.unmodifiableList(list);
            } catch (SQLException e) {
                return array.toString();
            }
        }
        return value;
    }

    /** An aligned text table of the columns and the first 200 rows. */
    @Override
    public String toString() {
        List<String> cols = columns();
        List<Row> all = rows();
        int shown = Math.min(all.size(), PRINT_LIMIT);
        String[][] cells = new String[shown][cols.size()];
        int[] width = new int[cols.size()];
        boolean[] numeric = new boolean[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            width[c] = cols.get(c).length();
            numeric[c] = true;
        }
        for (int r = 0; r < shown; r++) {
            for (int c = 0; c < cols.size(); c++) {
                Object v = all.get(r).get(c);
                String s = v == null ? "NULL" : cell(v);
                if (v != null && !(v instanceof Number)) {
                    numeric[c] = false;
                }
                cells[r][c] = s;
                width[c] = Math.max(width[c], s.length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, cols.toArray(new String[0]), width, new boolean[cols.size()]);
        for (int c = 0; c < cols.size(); c++) {
            b.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        b.append('\n');
        for (String[] row : cells) {
            line(b, row, width, numeric);
        }
        b.append('(').append(all.size()).append(all.size() == 1 ? " row" : " rows");
        if (shown < all.size()) {
            b.append(", first ").append(shown).append(" shown");
        }
        return b.append(')').toString();
    }

    private static String cell(Object v) {
        String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        s = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return s.length() > CELL_LIMIT ? s.substring(0, CELL_LIMIT - 1) + "…" : s;
    }

    private static void line(StringBuilder b, String[] cells, int[] width, boolean[] right) {
        for (int c = 0; c < cells.length; c++) {
            b.append(c == 0 ? "" : " | ");
            String s = cells[c];
            String pad = " ".repeat(width[c] - s.length());
            b.append(right[c] ? pad + s : s + (c == cells.length - 1 ? "" : pad));
        }
        b.append('\n');
    }
}
