package io.agentstore.spi;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * The result of {@code AgentStore.sql} (and {@link StoreContext#sql}): columns and rows, printable as an aligned table (what JShell shows),
 * as CSV or JSON, as Arrow batches through DuckDB's Arrow export, or streamed row by row for results too
 * large to hold. The query runs when a result is first asked for; {@link #rows()} is then kept, while
 * {@link #stream()} and {@link #toArrow} run it afresh each time, without materialising it.
 */
public final class QueryResult {
    private static final int PRINT_LIMIT = 200;
    private static final int CELL_LIMIT = 60;

    private final Readers store;
    private final String sql;
    private final Object[] params;
    private List<String> columns;
    private List<String> types;
    private List<Row> rows;

    private QueryResult(Readers store, String sql, Object[] params) {
        this.store = store;
        this.sql = sql;
        this.params = params.clone();
    }

    /**
     * Where a result gets its connections and how it reports a failed query. The store implements it;
     * modules get results from {@link StoreContext#sql} and never need it.
     */
    public interface Readers {
        /** A new connection for one query, after pending records are committed; the result closes it. */
        Connection openReader();

        /** The exception to throw when {@code what} failed with {@code cause}. */
        RuntimeException failure(String what, SQLException cause);
    }

    /**
     * A result of {@code sql} with {@code params} bound to its placeholders, run on connections from
     * {@code readers} when first asked for. For the store; modules use {@link StoreContext#sql}.
     */
    public static QueryResult of(Readers readers, String sql, Object... params) {
        if (readers == null) {
            throw new IllegalArgumentException("readers must not be null");
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be empty");
        }
        return new QueryResult(readers, sql, params == null ? new Object[] {null} : params);
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after use: nothing useful to do with the failure
        }
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
     * breaks are quoted; NULL is an empty field and an empty string a quoted one ({@code ""}); decimals are
     * written without exponent, lists and structs as JSON.
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
            String s = text(v);
            if (s.isEmpty()
                    || s.indexOf(',') >= 0
                    || s.indexOf('"') >= 0
                    || s.indexOf('\n') >= 0
                    || s.indexOf('\r') >= 0) {
                // An empty string is quoted so that it stays distinct from NULL.
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append("\r\n");
    }

    /** A value as text: decimals without exponent, lists and maps as JSON, everything else by toString. */
    private static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof List<?> || v instanceof Map<?, ?> || v instanceof byte[]) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
                writeJson(g, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
        return v.toString();
    }

    /**
     * The rows as a JSON array of objects keyed by column name. Numbers stay numbers (decimals without
     * exponent; NaN and infinities as strings), timestamps are ISO-8601 strings, JSON columns are embedded as
     * JSON, lists become arrays and structs and maps objects, BLOBs base64 strings.
     */
    public String toJson() {
        List<Row> all = rows();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Row row : all) {
                g.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    g.writeFieldName(columns.get(i));
                    Object v = row.get(i);
                    if (v != null && types.get(i).equals("JSON")) {
                        g.writeRawValue(v.toString());
                    } else {
                        writeJson(g, v);
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

    private static void writeJson(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (v instanceof Number) {
            // Jackson writes NaN and infinities as strings, which keeps the output valid JSON.
            g.writeObject(v);
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeJson(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeJson(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
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
            streamResults(connection);
            ps = prepare(connection);
            DuckDBResultSet rs = (DuckDBResultSet) ps.executeQuery();
            ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, batchSize);
            return new ArrowResult(reader, rs, ps, connection);
        } catch (SQLException e) {
            closeQuietly(ps);
            closeQuietly(connection);
            throw store.failure("query failed: " + sql, e);
        }
    }

    /**
     * The rows one at a time, without holding them all: close the stream (try-with-resources) to end the
     * query early.
     */
    public Stream<Row> stream() {
        Connection connection = store.openReader();
        PreparedStatement ps = null;
        ResultSet rs = null;
        try {
            streamResults(connection);
            ps = prepare(connection);
            rs = ps.executeQuery();
            Header header = header(rs.getMetaData());
            ResultSet results = rs;
            Iterator<Row> it = new Iterator<>() {
                private Boolean hasNext;

                @Override
                public boolean hasNext() {
                    if (hasNext == null) {
                        try {
                            hasNext = results.next();
                        } catch (SQLException e) {
                            throw store.failure("reading rows failed: " + sql, e);
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
                        return header.row(results);
                    } catch (SQLException e) {
                        throw store.failure("reading rows failed: " + sql, e);
                    }
                }
            };
            PreparedStatement statement = ps;
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                    .onClose(() -> {
                        closeQuietly(results);
                        closeQuietly(statement);
                        closeQuietly(connection);
                    });
        } catch (SQLException e) {
            closeQuietly(rs);
            closeQuietly(ps);
            closeQuietly(connection);
            throw store.failure("query failed: " + sql, e);
        }
    }

    /**
     * Makes DuckDB hand out the result chunk by chunk as it is read instead of computing all of it at
     * {@code executeQuery}; the connection is this result's own, so one open result per connection holds.
     */
    private static void streamResults(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET jdbc_stream_results = true");
        }
    }

    private PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        int expected = ps.getParameterMetaData().getParameterCount();
        if (expected != params.length) {
            ps.close();
            throw new IllegalArgumentException("the query has " + expected + " parameter placeholder"
                    + (expected == 1 ? "" : "s") + " ('?') but " + params.length + " value"
                    + (params.length == 1 ? " was" : "s were") + " given: " + sql);
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(
                    i + 1,
                    p instanceof Instant instant ? OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : p);
        }
        return ps;
    }

    private synchronized void materialize() {
        if (rows != null) {
            return;
        }
        try (Connection connection = store.openReader();
                PreparedStatement ps = prepare(connection)) {
            if (!ps.execute()) {
                // a statement without rows (SET, CHECKPOINT, CREATE VIEW ...): an empty result
                columns = List.of();
                types = List.of();
                rows = List.of();
                return;
            }
            try (ResultSet rs = ps.getResultSet()) {
                Header header = header(rs.getMetaData());
                List<Row> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(header.row(rs));
                }
                columns = header.columns;
                types = header.types;
                rows = Collections.unmodifiableList(list);
            }
        } catch (SQLException e) {
            throw store.failure("query failed: " + sql, e);
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

    private static Object normalize(Object value) throws SQLException {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (value instanceof org.duckdb.JsonNode json) {
            return json.toString();
        }
        if (value instanceof java.sql.Array array) {
            Object[] items = (Object[]) array.getArray();
            List<Object> list = new ArrayList<>(items.length);
            for (Object o : items) {
                list.add(normalize(o));
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof org.duckdb.DuckDBStruct struct) {
            // Read now: the driver's struct points into result vectors that the next chunk reuses.
            Map<Object, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : struct.getMap().entrySet()) {
                fields.put(e.getKey(), normalize(e.getValue()));
            }
            return Collections.unmodifiableMap(fields);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(normalize(e.getKey()), normalize(e.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof java.sql.Blob blob) {
            return blob.getBytes(1, (int) blob.length());
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
        String s = text(v).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
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
