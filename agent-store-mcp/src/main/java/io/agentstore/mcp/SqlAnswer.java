package io.agentstore.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of a read query: column names and rows of JSON-shaped values, cut at the row limit.
 *
 * @param columns   the column names, in order
 * @param rows      the rows, each a list of values in column order
 * @param truncated whether more rows were there than the limit let through
 */
public record SqlAnswer(List<String> columns, List<List<Object>> rows, boolean truncated) {

    /** Copies the parts. */
    public SqlAnswer {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The structured content of the {@code sql} tool: columns, rows as objects, row count, truncated. */
    public Map<String, Object> structured() {
        List<Map<String, Object>> objects = new java.util.ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r.get(i));
            }
            objects.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", objects);
        out.put("row_count", rows.size());
        out.put("truncated", truncated);
        return out;
    }

    /** A tab-separated rendering with a header line. */
    public String text() {
        StringBuilder b = new StringBuilder(String.join("\t", columns)).append('\n');
        for (List<Object> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    b.append('\t');
                }
                b.append(r.get(i));
            }
            b.append('\n');
        }
        b.append('(')
                .append(rows.size())
                .append(rows.size() == 1 ? " row" : " rows")
                .append(truncated ? ", cut at the row limit)" : ")");
        return b.toString();
    }
}
