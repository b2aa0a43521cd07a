package io.agentstore.quality.internal;

import io.agentstore.spi.Row;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The tools the quality module offers to agents (MCP): each one runs a reference query and returns its rows. */
public final class QualityTools {
    private QualityTools() {}

    /**
     * The tools; {@code query} loads a reference query by file name.
     *
     * @return get_quality_trend, check_for_regressions, suggest_tests_for_artifact, get_test_history
     */
    public static List<ToolSpec> all(Function<String, String> query) {
        return List.of(
                ToolSpec.reading(
                        "get_quality_trend",
                        "Per day, the validations (pass rate, average errors) and quality measurements (pass rate, average"
                                + " score) of a component or artifact over the last days: is it getting better or worse?",
                        schema(
                                "\"component\":{\"type\":\"string\",\"description\":\"component name or artifact path\"},"
                                        + "\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":3650,\"description\":\"days to look back (default 30)\"}",
                                "component"),
                        (args, store) -> rows(
                                "days of quality",
                                store.sql(
                                                query.apply("quality_trend.sql"),
                                                args.string("component"),
                                                args.integer("days", 30, 1, 3650))
                                        .rows())),
                ToolSpec.reading(
                        "check_for_regressions",
                        "Quality drops since a moment: tests green on their previous execution and red now (with the"
                                + " failure and the commits), and validations that failed right after a pass.",
                        schema(
                                "\"since\":{\"type\":\"string\",\"description\":\"ISO-8601 instant or date (default: 7 days ago)\"}"),
                        (args, store) -> {
                            Instant since = args.instant("since")
                                    .orElse(store.clock().instant().minus(Duration.ofDays(7)));
                            List<Map<String, Object>> tests =
                                    maps(store.sql(query.apply("test_regressions_since.sql"), since)
                                            .rows());
                            List<Map<String, Object>> validations =
                                    maps(store.sql(query.apply("validation_regressions.sql"), since)
                                            .rows());
                            Map<String, Object> result = new LinkedHashMap<>();
                            result.put("since", since.toString());
                            result.put("test_regressions", tests);
                            result.put("validation_regressions", validations);
                            return new ToolResult(
                                    result,
                                    tests.size() + " test regression(s) and " + validations.size()
                                            + " validation regression(s) since " + since + "\n" + text(tests)
                                            + text(validations));
                        }),
                ToolSpec.reading(
                        "suggest_tests_for_artifact",
                        "Files under a path that agents changed after the latest test run (or with no test run at all):"
                                + " the ones that need tests run, longest untested first.",
                        schema(
                                "\"path\":{\"type\":\"string\",\"description\":\"a file or folder path prefix (absolute, as edits record it)\"}",
                                "path"),
                        (args, store) -> rows(
                                "untested file(s)",
                                store.sql(query.apply("files_changed_without_test_run.sql"), args.string("path"))
                                        .rows())),
                ToolSpec.reading(
                        "get_test_history",
                        "Every execution of a test, newest first: status, flaky, reruns, duration, failure message, commit.",
                        schema(
                                "\"name\":{\"type\":\"string\",\"description\":\"test name, Class#test, or a class name for all its tests\"}",
                                "name"),
                        (args, store) -> rows(
                                "execution(s)",
                                store.sql(query.apply("test_history.sql"), args.string("name"))
                                        .rows())));
    }

    private static String schema(String properties, String... required) {
        StringBuilder req = new StringBuilder();
        for (String r : required) {
            req.append(req.length() == 0 ? "" : ",").append('"').append(r).append('"');
        }
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + req + "],"
                + "\"additionalProperties\":false}";
    }

    private static ToolResult rows(String what, List<Row> rows) {
        List<Map<String, Object>> maps = maps(rows);
        return new ToolResult(Map.of("rows", maps), maps.size() + " " + what + "\n" + text(maps));
    }

    private static List<Map<String, Object>> maps(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                m.put(r.columns().get(i), plain(r.get(i)));
            }
            out.add(m);
        }
        return out;
    }

    private static Object plain(Object v) {
        if (v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Long
                || v instanceof Integer
                || v instanceof Double
                || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Array a) {
            try {
                List<Object> list = new ArrayList<>();
                for (Object o : (Object[]) a.getArray()) {
                    list.add(plain(o));
                }
                return list;
            } catch (java.sql.SQLException e) {
                return v.toString();
            }
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v.toString();
    }

    private static String text(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> r : rows) {
            b.append(r).append('\n');
        }
        return b.toString();
    }
}
