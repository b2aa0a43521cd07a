package io.agentstore.cdc.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the differs on documents generated from seeds: a document diffed against itself yields nothing,
 * and every change whose rule the README marks as one of an inverse pair comes back, with the inverse rule at
 * the same subject and the opposite classification (BREAKING and ADDITIVE swapped), when the versions are swapped.
 */
class DiffInversePropertyTest {
    private static final String[] NAMES = {"a", "b", "c", "d", "e"};
    private static final String[] TYPES = {
        "\"string\"", "\"integer\"", "\"number\"", "\"boolean\"", "[\"string\",\"null\"]", "[\"integer\",\"string\"]"
    };
    private static final String[] ENUM = {"x", "y", "z"};

    static String schema(Random r, int depth) {
        StringBuilder b = new StringBuilder("{\"type\":\"object\"");
        if (r.nextInt(3) == 0) {
            b.append(",\"description\":\"d").append(r.nextInt(3)).append('"');
        }
        List<String> props = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (String n : NAMES) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            if (r.nextBoolean()) {
                required.add("\"" + n + "\"");
            }
            if (depth < 2 && r.nextInt(5) == 0) {
                props.add("\"" + n + "\":" + schema(r, depth + 1));
                continue;
            }
            StringBuilder p = new StringBuilder("\"" + n + "\":{\"type\":" + TYPES[r.nextInt(TYPES.length)]);
            if (r.nextBoolean()) {
                List<String> values = new ArrayList<>();
                for (String v : ENUM) {
                    if (r.nextBoolean()) {
                        values.add("\"" + v + "\"");
                    }
                }
                p.append(",\"enum\":[").append(String.join(",", values)).append(']');
            }
            if (r.nextInt(4) == 0) {
                p.append(",\"example\":").append(r.nextInt(2));
            }
            props.add(p.append('}').toString());
        }
        b.append(",\"properties\":{").append(String.join(",", props)).append('}');
        if (!required.isEmpty()) {
            b.append(",\"required\":[").append(String.join(",", required)).append(']');
        }
        return b.append('}').toString();
    }

    static String ddl(Random r) {
        String[] types = {
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "DOUBLE",
            "FLOAT",
            "VARCHAR",
            "DATE",
            "DECIMAL(10,2)",
            "DECIMAL(18,4)"
        };
        StringBuilder b = new StringBuilder();
        for (String t : new String[] {"t", "u", "v"}) {
            if (r.nextInt(4) == 0) {
                continue;
            }
            List<String> cols = new ArrayList<>();
            for (String c : NAMES) {
                if (r.nextInt(3) > 0) {
                    cols.add(c + " " + types[r.nextInt(types.length)] + (r.nextInt(3) == 0 ? " NOT NULL" : ""));
                }
            }
            if (cols.isEmpty()) {
                cols.add("id INTEGER");
            }
            b.append("CREATE TABLE ")
                    .append(t)
                    .append(" (")
                    .append(String.join(", ", cols))
                    .append(");\n");
        }
        return b.toString();
    }

    static String markdown(Random r) {
        StringBuilder b = new StringBuilder();
        for (String h : NAMES) {
            if (r.nextInt(3) == 0) {
                continue;
            }
            b.append("## ")
                    .append(h)
                    .append("\nSome ")
                    .append(r.nextBoolean() ? "prose" : "text")
                    .append(".\n");
            if (r.nextBoolean()) {
                b.append("```\nclient.").append(NAMES[r.nextInt(NAMES.length)]).append("(x);\n```\n");
            }
        }
        return b.toString();
    }

    private static void assertInverse(Differ differ, String a, String b) {
        assertThat(differ.diff(a, a)).isEmpty();
        List<DetectedChange> forward = differ.diff(a, b);
        List<DetectedChange> backward = differ.diff(b, a);
        for (DetectedChange c : forward) {
            Optional<String> inverse = c.rule().inverseId();
            if (inverse.isEmpty()) {
                continue;
            }
            Rule inv = Rules.get(inverse.get());
            assertThat(inv.classification())
                    .as("the inverse of %s", c.rule().id())
                    .isEqualTo(c.classification().inverse());
            assertThat(backward)
                    .as("diff(b, a) holds the inverse of %s", c.key())
                    .anySatisfy(d -> {
                        assertThat(d.rule()).isEqualTo(inv);
                        assertThat(d.subject()).isEqualTo(c.subject());
                        assertThat(d.method()).isEqualTo(c.method());
                    });
        }
    }

    @Test
    void jsonSchemaInversePairsSwap() {
        qt().withExamples(300)
                .forAll(longs().all(), longs().all())
                .checkAssert((x, y) ->
                        assertInverse(new JsonSchemaDiffer(), schema(new Random(x), 0), schema(new Random(y), 0)));
    }

    @Test
    void openApiInversePairsSwap() {
        qt().withExamples(100).forAll(longs().all(), longs().all()).checkAssert((x, y) -> {
            Random rx = new Random(x);
            Random ry = new Random(y);
            assertInverse(new OpenApiDiffer(), openapi(rx), openapi(ry));
        });
    }

    static String openapi(Random r) {
        StringBuilder b = new StringBuilder("{\"openapi\":\"3.0.3\",\"paths\":{");
        List<String> paths = new ArrayList<>();
        for (String p : new String[] {"/x", "/y"}) {
            if (r.nextInt(4) == 0) {
                continue;
            }
            List<String> ops = new ArrayList<>();
            if (r.nextBoolean()) {
                String param = r.nextBoolean()
                        ? "{\"in\":\"query\",\"name\":\"q\",\"required\":" + r.nextBoolean() + ",\"schema\":"
                                + schema(r, 1) + "}"
                        : "";
                ops.add("\"get\":{\"parameters\":[" + param + "],\"responses\":{\"200\":{\"description\":\"ok\","
                        + "\"content\":{\"application/json\":{\"schema\":" + schema(r, 0) + "}}}}}");
            }
            if (r.nextBoolean()) {
                ops.add("\"post\":{\"requestBody\":{\"required\":" + r.nextBoolean()
                        + ",\"content\":{\"application/json\":{\"schema\":" + schema(r, 0) + "}}},\"responses\":{"
                        + (r.nextBoolean() ? "\"201\":{\"description\":\"ok\"}" : "") + "}}");
            }
            paths.add("\"" + p + "\":{" + String.join(",", ops) + "}");
        }
        return b.append(String.join(",", paths)).append("}}").toString();
    }

    @Test
    void sqlDdlInversePairsSwap() {
        qt().withExamples(8)
                .forAll(longs().all(), longs().all())
                .checkAssert((x, y) -> assertInverse(new SqlDdlDiffer(), ddl(new Random(x)), ddl(new Random(y))));
    }

    @Test
    void markdownInversePairsSwap() {
        qt().withExamples(300)
                .forAll(longs().all(), longs().all())
                .checkAssert((x, y) ->
                        assertInverse(new MarkdownDiffer(), markdown(new Random(x)), markdown(new Random(y))));
    }
}
