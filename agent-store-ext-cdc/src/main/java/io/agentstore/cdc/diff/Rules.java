package io.agentstore.cdc.diff;

import static io.agentstore.cdc.Classification.ADDITIVE;
import static io.agentstore.cdc.Classification.BREAKING;
import static io.agentstore.cdc.Classification.COSMETIC;

import io.agentstore.cdc.Classification;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule of every differ, by id: the README's rule tables. Schema rules exist in three contexts with the
 * same kinds: {@code json_schema} (a schema that validates data given to the consumer's counterpart: an input),
 * {@code openapi.request} (request parameters and bodies: inputs) and {@code openapi.response} (response
 * bodies: outputs, where narrowing is safe and widening breaks clients).
 */
public final class Rules {
    private static final Map<String, Rule> ALL = new LinkedHashMap<>();

    /** The schema contexts. */
    public static final String JSON_SCHEMA = "json_schema";
    /** Request parameters and bodies of an OpenAPI document. */
    public static final String REQUEST = "openapi.request";
    /** Response bodies of an OpenAPI document. */
    public static final String RESPONSE = "openapi.response";

    static {
        // kind, input classification, output classification, inverse kind, description
        schema("property_removed", BREAKING, BREAKING, "property_added", "an optional property was removed");
        schema("property_added", ADDITIVE, ADDITIVE, "property_removed", "an optional property was added");
        schema("required_property_removed", BREAKING, BREAKING, null, "a required property was removed");
        schema("required_property_added", BREAKING, ADDITIVE, null, "a required property was added");
        schema("became_required", BREAKING, ADDITIVE, "became_optional", "a property became required");
        schema("became_optional", ADDITIVE, BREAKING, "became_required", "a property became optional");
        schema(
                "type_narrowed",
                BREAKING,
                ADDITIVE,
                "type_widened",
                "the type accepts fewer values (a type dropped from a type list, number to integer, any to a type)");
        schema("type_widened", ADDITIVE, BREAKING, "type_narrowed", "the type accepts more values");
        schema("type_changed", BREAKING, BREAKING, null, "the type changed to an unrelated one");
        schema("enum_value_removed", BREAKING, ADDITIVE, "enum_value_added", "an enum value was removed");
        schema("enum_value_added", ADDITIVE, BREAKING, "enum_value_removed", "an enum value was added");
        schema("enum_added", BREAKING, ADDITIVE, "enum_removed", "an enum restricts a value that had none");
        schema("enum_removed", ADDITIVE, BREAKING, "enum_added", "the enum restricting a value was dropped");
        schema("variant_removed", BREAKING, ADDITIVE, "variant_added", "a oneOf/anyOf alternative was removed");
        schema("variant_added", ADDITIVE, BREAKING, "variant_removed", "a oneOf/anyOf alternative was added");
        schema("description_changed", COSMETIC, COSMETIC, null, "a title or description changed");
        schema("example_changed", COSMETIC, COSMETIC, null, "an example changed");

        String o = "openapi";
        add(o, "path_removed", BREAKING, "path_added", "a path (with all its operations) was removed");
        add(o, "path_added", ADDITIVE, "path_removed", "a path was added");
        add(o, "operation_removed", BREAKING, "operation_added", "a method of a remaining path was removed");
        add(o, "operation_added", ADDITIVE, "operation_removed", "a method was added to a path");
        add(o, "parameter_removed", BREAKING, "parameter_added", "an optional parameter was removed");
        add(o, "parameter_added", ADDITIVE, "parameter_removed", "an optional parameter was added");
        add(o, "required_parameter_removed", BREAKING, null, "a required parameter was removed");
        add(o, "required_parameter_added", BREAKING, null, "a required parameter was added");
        add(o, "parameter_became_required", BREAKING, "parameter_became_optional", "a parameter became required");
        add(o, "parameter_became_optional", ADDITIVE, "parameter_became_required", "a parameter became optional");
        add(
                o,
                "request_body_became_required",
                BREAKING,
                "request_body_became_optional",
                "the request body became required (or a required body was added)");
        add(
                o,
                "request_body_became_optional",
                ADDITIVE,
                "request_body_became_required",
                "the request body became optional (or a required body was removed)");
        add(o, "response_removed", BREAKING, "response_added", "a response status was removed");
        add(o, "response_added", ADDITIVE, "response_removed", "a response status was added");
        add(o, "media_type_removed", BREAKING, "media_type_added", "a request or response media type was removed");
        add(o, "media_type_added", ADDITIVE, "media_type_removed", "a request or response media type was added");
        add(o, "description_changed", COSMETIC, null, "an operation's or parameter's summary or description changed");

        String s = "sql_ddl";
        add(s, "table_dropped", BREAKING, "table_added", "a table or view was dropped");
        add(s, "table_added", ADDITIVE, "table_dropped", "a table or view was added");
        add(s, "column_dropped", BREAKING, "column_added", "a nullable column was dropped");
        add(s, "column_added", ADDITIVE, "column_dropped", "a nullable column was added");
        add(s, "not_null_column_dropped", BREAKING, null, "a NOT NULL column was dropped");
        add(s, "not_null_column_added", BREAKING, null, "a NOT NULL column was added (inserts without it fail)");
        add(s, "type_narrowed", BREAKING, "type_widened", "a column's type holds fewer values (BIGINT to INTEGER)");
        add(s, "type_widened", ADDITIVE, "type_narrowed", "a column's type holds more values (INTEGER to BIGINT)");
        add(s, "type_changed", BREAKING, null, "a column's type changed to an unrelated one");
        add(s, "became_not_null", BREAKING, "became_nullable", "a column became NOT NULL");
        add(s, "became_nullable", ADDITIVE, "became_not_null", "a column became nullable");
        add(s, "default_changed", COSMETIC, null, "a column default changed");

        String m = "markdown";
        add(m, "section_removed", BREAKING, "section_added", "a heading's section was removed");
        add(m, "section_added", ADDITIVE, "section_removed", "a heading's section was added");
        add(m, "api_name_removed", BREAKING, "api_name_added", "an API name disappeared from the code blocks");
        add(m, "api_name_added", ADDITIVE, "api_name_removed", "an API name appeared in the code blocks");
        add(m, "code_changed", COSMETIC, null, "a code block changed but every API name in it remains");
        add(m, "prose_changed", COSMETIC, null, "the prose of a section was reworded");

        String p = "package";
        add(p, "dependency_removed", BREAKING, "dependency_added", "a declared dependency was removed");
        add(p, "dependency_added", ADDITIVE, "dependency_removed", "a dependency was declared");
        add(
                p,
                "major_changed",
                BREAKING,
                null,
                "the major version changed (or the minor of a 0.x version): semver allows breaking changes");
        add(p, "minor_upgraded", ADDITIVE, "minor_downgraded", "the minor version went up");
        add(p, "minor_downgraded", BREAKING, "minor_upgraded", "the minor version went down");
        add(p, "patch_changed", COSMETIC, null, "only the patch version (or a pre-release tag) changed");
        add(p, "version_changed", BREAKING, null, "a version that is not semver changed: assumed breaking");

        String g = "git";
        add(g, "file_removed", BREAKING, "file_added", "a file was deleted between the two commits");
        add(g, "file_added", ADDITIVE, "file_removed", "a file was added between the two commits");
        add(
                g,
                "file_modified",
                COSMETIC,
                null,
                "a file was modified (structural differs judge api, schema and docs sources)");

        String c = "content";
        add(c, "removed", BREAKING, "added", "a page or file disappeared (404, 410, deleted)");
        add(c, "added", ADDITIVE, "removed", "a page or file appeared");
        add(c, "changed", COSMETIC, null, "content without a structural differ changed (its hash moved)");
    }

    private Rules() {}

    private static void schema(
            String kind, Classification input, Classification output, String inverse, String description) {
        add(JSON_SCHEMA, kind, input, inverse, description);
        add(REQUEST, kind, input, inverse, description + " (request parameter or body)");
        add(RESPONSE, kind, output, inverse, description + " (response body)");
    }

    private static void add(
            String differ, String kind, Classification classification, String inverse, String description) {
        String id = differ + "." + kind;
        String differId = differ.startsWith("openapi") ? "openapi" : differ;
        ALL.put(
                id,
                new Rule(
                        id,
                        differId,
                        classification,
                        kind,
                        description,
                        inverse == null ? null : differ + "." + inverse));
    }

    /**
     * The rule with this id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static Rule get(String id) {
        Rule r = ALL.get(id);
        if (r == null) {
            throw new IllegalArgumentException("unknown rule '" + id + "'");
        }
        return r;
    }

    /** The rule with this id, if there is one. */
    public static Optional<Rule> find(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    /** Every rule, in the README's order. */
    public static Collection<Rule> all() {
        return Collections.unmodifiableCollection(ALL.values());
    }
}
