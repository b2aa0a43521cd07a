package io.agentstore.cdc.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.cdc.Classification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the README's tables fires on a small pair of documents written by hand, with the classification
 * the README states (written here, not read from {@link Rules}). The {@code git.*} and {@code content.*} rules
 * fire in {@code CheckFlowTest}, where checkers find them.
 */
class RulesFiringTest {
    private static final Set<String> FIRED = new HashSet<>();

    /** kind, input classification, output classification, old schema members, new schema members, subject suffix. */
    static Stream<Arguments> schemaKinds() {
        String s = "\"type\":\"object\",";
        return Stream.of(
                Arguments.of(
                        "property_removed",
                        "BREAKING",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        "/properties/b"),
                Arguments.of(
                        "property_added",
                        "ADDITIVE",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}",
                        "/properties/b"),
                Arguments.of(
                        "required_property_removed",
                        "BREAKING",
                        "BREAKING",
                        s
                                + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        "/properties/b"),
                Arguments.of(
                        "required_property_added",
                        "BREAKING",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s
                                + "\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}},\"required\":[\"b\"]",
                        "/properties/b"),
                Arguments.of(
                        "became_required",
                        "BREAKING",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]",
                        "/properties/a"),
                Arguments.of(
                        "became_optional",
                        "ADDITIVE",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        "/properties/a"),
                Arguments.of(
                        "type_narrowed",
                        "BREAKING",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"number\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"integer\"}}",
                        "/properties/a/type"),
                Arguments.of(
                        "type_widened",
                        "ADDITIVE",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":[\"string\",\"null\"]}}",
                        "/properties/a/type"),
                Arguments.of(
                        "type_changed",
                        "BREAKING",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"boolean\"}}",
                        "/properties/a/type"),
                Arguments.of(
                        "enum_value_removed",
                        "BREAKING",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]}}",
                        "/properties/a/enum/y"),
                Arguments.of(
                        "enum_value_added",
                        "ADDITIVE",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\",\"y\"]}}",
                        "/properties/a/enum/y"),
                Arguments.of(
                        "enum_added",
                        "BREAKING",
                        "ADDITIVE",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]}}",
                        "/properties/a/enum"),
                Arguments.of(
                        "enum_removed",
                        "ADDITIVE",
                        "BREAKING",
                        s + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]}}",
                        s + "\"properties\":{\"a\":{\"type\":\"string\"}}",
                        "/properties/a/enum"),
                Arguments.of(
                        "variant_removed",
                        "BREAKING",
                        "ADDITIVE",
                        "\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]",
                        "\"oneOf\":[{\"type\":\"string\"}]",
                        "/oneOf/1"),
                Arguments.of(
                        "variant_added",
                        "ADDITIVE",
                        "BREAKING",
                        "\"oneOf\":[{\"type\":\"string\"}]",
                        "\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]",
                        "/oneOf/1"),
                Arguments.of(
                        "description_changed",
                        "COSMETIC",
                        "COSMETIC",
                        s + "\"description\":\"An order.\"",
                        s + "\"description\":\"A customer's order.\"",
                        "/description"),
                Arguments.of(
                        "example_changed",
                        "COSMETIC",
                        "COSMETIC",
                        s + "\"example\":{\"id\":1}",
                        s + "\"example\":{\"id\":2}",
                        "/example"));
    }

    private static String openapi(String request, String response) {
        return "{\"openapi\":\"3.0.3\",\"paths\":{\"/x\":{"
                + "\"post\":{\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{" + request + "}}}},"
                + "\"responses\":{\"204\":{\"description\":\"ok\"}}},"
                + "\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":"
                + "{\"schema\":{" + response + "}}}}}}}}}";
    }

    /** The changes are exactly {@code lines}, several separated by " & ", in order. */
    private static void assertOnly(List<DetectedChange> changes, String lines) {
        changes.forEach(c -> FIRED.add(c.rule().id()));
        assertThat(changes).extracting(c -> c.classification() + " " + c.key()).containsExactly(lines.split(" & "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaKinds")
    void schemaRulesFireInEveryContext(String kind, String input, String output, String old, String now, String at) {
        String a = "{" + old + "}";
        String b = "{" + now + "}";
        assertOnly(new JsonSchemaDiffer().diff(a, b), input + " json_schema." + kind + " #" + at);
        String unchanged = "\"type\":\"object\"";
        assertOnly(
                new OpenApiDiffer().diff(openapi(old, unchanged), openapi(now, unchanged)),
                input + " openapi.request." + kind + " POST /x#requestBody/application/json" + at);
        assertOnly(
                new OpenApiDiffer().diff(openapi(unchanged, old), openapi(unchanged, now)),
                output + " openapi.response." + kind + " GET /x#responses/200/application/json" + at);
    }

    static Stream<Arguments> documentCases() {
        String p = "{\"openapi\":\"3.0.3\",\"paths\":{";
        String get = "\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}";
        String post = "\"post\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}";
        String q = "{\"in\":\"query\",\"name\":\"page\",\"schema\":{\"type\":\"integer\"}";
        String opWith = "\"get\":{\"parameters\":[%s],\"responses\":{\"200\":{\"description\":\"ok\"}}}";
        return Stream.of(
                // OpenAPI structure
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + get + "},\"/b\":{" + get + "}}}",
                        p + "\"/a\":{" + get + "}}}",
                        "BREAKING openapi.path_removed GET /b"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + get + "}}}",
                        p + "\"/a\":{" + get + "},\"/b\":{" + get + "}}}",
                        "ADDITIVE openapi.path_added GET /b"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + get + "," + post + "}}}",
                        p + "\"/a\":{" + get + "}}}",
                        "BREAKING openapi.operation_removed POST /a"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + get + "}}}",
                        p + "\"/a\":{" + get + "," + post + "}}}",
                        "ADDITIVE openapi.operation_added POST /a"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted(q + "}") + "}}}",
                        p + "\"/a\":{" + opWith.formatted("") + "}}}",
                        "BREAKING openapi.parameter_removed GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted("") + "}}}",
                        p + "\"/a\":{" + opWith.formatted(q + "}") + "}}}",
                        "ADDITIVE openapi.parameter_added GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted(q + ",\"required\":true}") + "}}}",
                        p + "\"/a\":{" + opWith.formatted("") + "}}}",
                        "BREAKING openapi.required_parameter_removed GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted("") + "}}}",
                        p + "\"/a\":{" + opWith.formatted(q + ",\"required\":true}") + "}}}",
                        "BREAKING openapi.required_parameter_added GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted(q + "}") + "}}}",
                        p + "\"/a\":{" + opWith.formatted(q + ",\"required\":true}") + "}}}",
                        "BREAKING openapi.parameter_became_required GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + opWith.formatted(q + ",\"required\":true}") + "}}}",
                        p + "\"/a\":{" + opWith.formatted(q + "}") + "}}}",
                        "ADDITIVE openapi.parameter_became_optional GET /a#parameters/query/page"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{\"post\":{\"requestBody\":{\"content\":{\"text/plain\":{}}},\"responses\":{}}}}}",
                        p
                                + "\"/a\":{\"post\":{\"requestBody\":{\"required\":true,\"content\":{\"text/plain\":{}}},\"responses\":{}}}}}",
                        "BREAKING openapi.request_body_became_required POST /a#requestBody"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p
                                + "\"/a\":{\"post\":{\"requestBody\":{\"required\":true,\"content\":{\"text/plain\":{}}},\"responses\":{}}}}}",
                        p + "\"/a\":{\"post\":{\"requestBody\":{\"content\":{\"text/plain\":{}}},\"responses\":{}}}}}",
                        "ADDITIVE openapi.request_body_became_optional POST /a#requestBody"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"},\"404\":{\"description\":\"no\"}}}}}}",
                        p + "\"/a\":{" + get + "}}}",
                        "BREAKING openapi.response_removed GET /a#responses/404"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p + "\"/a\":{" + get + "}}}",
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"},\"404\":{\"description\":\"no\"}}}}}}",
                        "ADDITIVE openapi.response_added GET /a#responses/404"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"text/csv\":{},\"application/json\":{}}}}}}}}",
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{}}}}}}}}",
                        "BREAKING openapi.media_type_removed GET /a#responses/200/text/csv"),
                Arguments.of(
                        new OpenApiDiffer(),
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{}}}}}}}}",
                        p
                                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"text/csv\":{},\"application/json\":{}}}}}}}}",
                        "ADDITIVE openapi.media_type_added GET /a#responses/200/text/csv"),
                Arguments.of(
                        new OpenApiDiffer(),
                        "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      summary: List things\n      responses: {}\n",
                        "openapi: 3.0.3\npaths:\n  /a:\n    get:\n      summary: List all the things\n      responses: {}\n",
                        "COSMETIC openapi.description_changed GET /a#summary"),
                // SQL DDL, parsed by DuckDB (INT is INTEGER, TEXT is VARCHAR)
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT); CREATE TABLE u (b INT);",
                        "CREATE TABLE t (a INTEGER);",
                        "BREAKING sql_ddl.table_dropped u"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT);",
                        "CREATE TABLE t (a INT); CREATE VIEW v AS SELECT 1 AS one;",
                        "ADDITIVE sql_ddl.table_added v"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT, b TEXT);",
                        "CREATE TABLE t (a INT);",
                        "BREAKING sql_ddl.column_dropped t.b"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT);",
                        "CREATE TABLE t (a INT, b VARCHAR);",
                        "ADDITIVE sql_ddl.column_added t.b"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT, b TEXT NOT NULL);",
                        "CREATE TABLE t (a INT);",
                        "BREAKING sql_ddl.not_null_column_dropped t.b"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT);",
                        "CREATE TABLE t (a INT, b TEXT NOT NULL);",
                        "BREAKING sql_ddl.not_null_column_added t.b"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a BIGINT);",
                        "CREATE TABLE t (a INT);",
                        "BREAKING sql_ddl.type_narrowed t.a"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a DECIMAL(10,2));",
                        "CREATE TABLE t (a DECIMAL(18,4));",
                        "ADDITIVE sql_ddl.type_widened t.a"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT);",
                        "CREATE TABLE t (a DATE);",
                        "BREAKING sql_ddl.type_changed t.a"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT);",
                        "CREATE TABLE t (a INT NOT NULL);",
                        "BREAKING sql_ddl.became_not_null t.a"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT PRIMARY KEY, b INT NOT NULL);",
                        "CREATE TABLE t (a INT PRIMARY KEY, b INT);",
                        "ADDITIVE sql_ddl.became_nullable t.b"),
                Arguments.of(
                        new SqlDdlDiffer(),
                        "CREATE TABLE t (a INT DEFAULT 1);",
                        "CREATE TABLE t (a INT DEFAULT 2);",
                        "COSMETIC sql_ddl.default_changed t.a"),
                // Markdown
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Guide\nIntro.\n## Install\nRun it.\n## Legacy\nOld way.\n",
                        "# Guide\nIntro.\n## Install\nRun it.\n",
                        "BREAKING markdown.section_removed Guide > Legacy"),
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Guide\nIntro.\n",
                        "# Guide\nIntro.\n## Upgrade\nRead this.\n",
                        "ADDITIVE markdown.section_added Guide > Upgrade"),
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Use\n```java\nstore.record(fact);\nstore.flush();\n```\n",
                        "# Use\n```java\nstore.record(fact);\n```\n",
                        "BREAKING markdown.api_name_removed store.flush"),
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Use\n```sh\nagent-store check\n```\n",
                        "# Use\n```sh\nagent-store check --strict\n```\n",
                        "COSMETIC markdown.code_changed Use & ADDITIVE markdown.api_name_added --strict"),
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Use\n```java\nstore.record(fact);\n```\n",
                        "# Use\n```java\nstore.record(fact); // records one fact\n```\n",
                        "COSMETIC markdown.code_changed Use"),
                Arguments.of(
                        new MarkdownDiffer(),
                        "# Use\nThe store keeps facts.\n",
                        "# Use\nThe store keeps every fact.\n",
                        "COSMETIC markdown.prose_changed Use"),
                // package manifests
                Arguments.of(
                        new PackageManifestDiffer(),
                        "{\"dependencies\":{\"left-pad\":\"^1.3.0\",\"lodash\":\"4.17.21\"}}",
                        "{\"dependencies\":{\"lodash\":\"4.17.21\"}}",
                        "BREAKING package.dependency_removed left-pad"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        "requests==2.31.0\n",
                        "requests==2.31.0\nurllib3>=2.0\n",
                        "ADDITIVE package.dependency_added urllib3"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        "[project]\ndependencies = [\n  \"pydantic>=1.10\",\n]\n",
                        "[project]\ndependencies = [\n  \"pydantic>=2.5\",\n]\n",
                        "BREAKING package.major_changed pydantic"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        pom("1.2.3"),
                        pom("1.3.0"),
                        "ADDITIVE package.minor_upgraded org.example:lib"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        pom("1.3.0"),
                        pom("1.2.9"),
                        "BREAKING package.minor_downgraded org.example:lib"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        "{\"devDependencies\":{\"vite\":\"5.0.1\"}}",
                        "{\"devDependencies\":{\"vite\":\"5.0.12\"}}",
                        "COSMETIC package.patch_changed vite"),
                Arguments.of(
                        new PackageManifestDiffer(),
                        "{\"dependencies\":{\"x\":\"latest\"}}",
                        "{\"dependencies\":{\"x\":\"next\"}}",
                        "BREAKING package.version_changed x"));
    }

    static String pom(String version) {
        return "<project><properties><lib.version>" + version + "</lib.version></properties><dependencies>"
                + "<dependency><groupId>org.example</groupId><artifactId>lib</artifactId>"
                + "<version>${lib.version}</version></dependency></dependencies></project>";
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("documentCases")
    void documentRulesFire(Differ differ, String old, String now, String expected) {
        assertOnly(differ.diff(old, now), expected);
    }

    @Test
    void aZeroMajorMinorMoveIsBreaking() {
        assertOnly(
                new PackageManifestDiffer()
                        .diff("{\"dependencies\":{\"z\":\"0.3.1\"}}", "{\"dependencies\":{\"z\":\"0.4.0\"}}"),
                "BREAKING package.major_changed z");
    }

    @AfterAll
    static void everyRuleOfTheReadmeFired() {
        List<String> missing = new ArrayList<>();
        for (Rule r : Rules.all()) {
            if (!r.differ().equals("git") && !r.differ().equals("content") && !FIRED.contains(r.id())) {
                missing.add(r.id());
            }
        }
        assertThat(missing).as("rules no case fired").isEmpty();
        assertThat(Classification.values()).hasSize(3);
    }
}
