package io.agentstore.cdc.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Diffs two JSON Schemas (JSON or YAML) with the {@code json_schema.*} rules: properties, {@code required},
 * types, enums, oneOf/anyOf alternatives, and titles, descriptions and examples as cosmetic. Local
 * {@code $ref}s are followed (with a guard against cycles). Subjects are JSON-pointer-like paths from the root,
 * {@code #/properties/a/items/properties/b}.
 */
public final class JsonSchemaDiffer implements Differ {

    /** A differ; it holds no state. */
    public JsonSchemaDiffer() {}

    @Override
    public String id() {
        return "json_schema";
    }

    @Override
    public List<DetectedChange> diff(String oldText, String newText) {
        JsonNode a = Documents.parse("the old schema", oldText);
        JsonNode b = Documents.parse("the new schema", newText);
        List<DetectedChange> out = new ArrayList<>();
        new SchemaDiff(List.of(Rules.JSON_SCHEMA), a, b, false, out).diff("#", a, b);
        return List.copyOf(out);
    }
}
