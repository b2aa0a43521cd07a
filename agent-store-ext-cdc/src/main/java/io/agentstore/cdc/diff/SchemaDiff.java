package io.agentstore.cdc.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.cdc.Classification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The structural diff of two JSON Schemas (or OpenAPI schema objects) in one or more contexts (see {@link Rules}).
 * When a change fires in several contexts (a component used by requests and responses) the severest rule wins.
 * {@code $ref}s are resolved against each side's root; two equal references to a component are skipped when
 * {@code skipSameComponentRefs} (the OpenAPI differ diffs each component once).
 */
final class SchemaDiff {
    private final List<String> contexts;
    private final JsonNode oldRoot;
    private final JsonNode newRoot;
    private final boolean skipSameComponentRefs;
    private final List<DetectedChange> out;

    SchemaDiff(
            List<String> contexts,
            JsonNode oldRoot,
            JsonNode newRoot,
            boolean skipSameComponentRefs,
            List<DetectedChange> out) {
        this.contexts = contexts;
        this.oldRoot = oldRoot;
        this.newRoot = newRoot;
        this.skipSameComponentRefs = skipSameComponentRefs;
        this.out = out;
    }

    void diff(String path, JsonNode a, JsonNode b) {
        diff(path, a, b, new HashSet<>());
    }

    private void diff(String path, JsonNode a, JsonNode b, Set<String> seen) {
        if (a == null || b == null || a.equals(b)) {
            return;
        }
        String refA = a.path("$ref").asText(null);
        String refB = b.path("$ref").asText(null);
        if (refA != null || refB != null) {
            if (refA != null && refA.equals(refB) && skipSameComponentRefs) {
                return;
            }
            if (!seen.add(refA + "|" + refB)) {
                return;
            }
            diff(path, refA == null ? a : resolve(oldRoot, refA), refB == null ? b : resolve(newRoot, refB), seen);
            seen.remove(refA + "|" + refB);
            return;
        }
        if (a.has("allOf") || b.has("allOf")) {
            JsonNode fa = flatten(oldRoot, a, 0);
            JsonNode fb = flatten(newRoot, b, 0);
            if (fa != a || fb != b) {
                diff(path, fa, fb, seen);
                return;
            }
        }
        text(path + "/title", a.path("title"), b.path("title"), "description_changed");
        text(path + "/description", a.path("description"), b.path("description"), "description_changed");
        if (!a.path("example").equals(b.path("example")) || !a.path("examples").equals(b.path("examples"))) {
            emit("example_changed", path + "/example", null, null, "the example of " + path + " changed");
        }
        types(path, a, b);
        enums(path, a, b);
        properties(path, a, b, seen);
        if (a.has("items") && b.has("items")) {
            diff(path + "/items", a.get("items"), b.get("items"), seen);
        }
        for (String combiner : List.of("oneOf", "anyOf")) {
            variants(path + "/" + combiner, a.path(combiner), b.path(combiner), false, seen);
        }
    }

    private void text(String path, JsonNode a, JsonNode b, String kind) {
        if (!a.equals(b)) {
            emit(kind, path, a.asText(null), b.asText(null), path + " changed");
        }
    }

    /** The JSON types a schema accepts, with {@code null} for OpenAPI 3.0's {@code nullable}; empty for any. */
    static Set<String> typeSet(JsonNode s) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode t = s.path("type");
        if (t.isTextual()) {
            types.add(t.asText());
        } else if (t.isArray()) {
            t.forEach(x -> types.add(x.asText()));
        }
        if (!types.isEmpty() && s.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        return types;
    }

    private static boolean covers(Set<String> wide, Set<String> narrow) {
        if (wide.isEmpty()) {
            return true;
        }
        if (narrow.isEmpty()) {
            return false;
        }
        for (String t : narrow) {
            if (!wide.contains(t) && !(t.equals("integer") && wide.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    private void types(String path, JsonNode a, JsonNode b) {
        Set<String> ta = typeSet(a);
        Set<String> tb = typeSet(b);
        if (ta.equals(tb)) {
            return;
        }
        String kind = covers(ta, tb) ? "type_narrowed" : covers(tb, ta) ? "type_widened" : "type_changed";
        String from = ta.isEmpty() ? "any" : String.join("|", ta);
        String to = tb.isEmpty() ? "any" : String.join("|", tb);
        emit(kind, path + "/type", from, to, "the type of " + path + " went from " + from + " to " + to);
    }

    private void enums(String path, JsonNode a, JsonNode b) {
        JsonNode ea = a.path("enum");
        JsonNode eb = b.path("enum");
        if (!ea.isArray() && !eb.isArray()) {
            return;
        }
        if (!ea.isArray()) {
            emit("enum_added", path + "/enum", null, eb.toString(), path + " is now restricted to " + eb);
            return;
        }
        if (!eb.isArray()) {
            emit("enum_removed", path + "/enum", ea.toString(), null, path + " is no longer restricted to " + ea);
            return;
        }
        Set<String> va = values(ea);
        Set<String> vb = values(eb);
        for (String v : va) {
            if (!vb.contains(v)) {
                emit(
                        "enum_value_removed",
                        path + "/enum/" + v,
                        v,
                        null,
                        "enum value " + v + " of " + path + " was removed");
            }
        }
        for (String v : vb) {
            if (!va.contains(v)) {
                emit(
                        "enum_value_added",
                        path + "/enum/" + v,
                        null,
                        v,
                        "enum value " + v + " of " + path + " was added");
            }
        }
    }

    private static Set<String> values(JsonNode array) {
        Set<String> s = new LinkedHashSet<>();
        array.forEach(v -> s.add(v.isTextual() ? v.asText() : v.toString()));
        return s;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> s = new LinkedHashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    private void properties(String path, JsonNode a, JsonNode b, Set<String> seen) {
        JsonNode pa = a.path("properties");
        JsonNode pb = b.path("properties");
        Set<String> ra = values(a.path("required"));
        Set<String> rb = values(b.path("required"));
        Set<String> na = pa.isObject() ? names(pa) : Set.of();
        Set<String> nb = pb.isObject() ? names(pb) : Set.of();
        for (String n : na) {
            String p = path + "/properties/" + n;
            if (!nb.contains(n)) {
                boolean req = ra.contains(n);
                emit(
                        req ? "required_property_removed" : "property_removed",
                        p,
                        null,
                        null,
                        (req ? "required property " : "property ") + p + " was removed");
            } else {
                if (!ra.contains(n) && rb.contains(n)) {
                    emit("became_required", p, "optional", "required", p + " became required");
                } else if (ra.contains(n) && !rb.contains(n)) {
                    emit("became_optional", p, "required", "optional", p + " became optional");
                }
                diff(p, pa.get(n), pb.get(n), seen);
            }
        }
        for (String n : nb) {
            if (!na.contains(n)) {
                String p = path + "/properties/" + n;
                boolean req = rb.contains(n);
                emit(
                        req ? "required_property_added" : "property_added",
                        p,
                        null,
                        null,
                        (req ? "required property " : "property ") + p + " was added");
            }
        }
    }

    /**
     * oneOf/anyOf alternatives, matched by a key rather than by position (GitHub inserts alternatives in the
     * middle): the {@code $ref}, else the single {@code enum} or {@code const} of a {@code type} property (a
     * discriminator), else the title, else the position.
     */
    private void variants(String path, JsonNode a, JsonNode b, boolean allOf, Set<String> seen) {
        java.util.Map<String, JsonNode> va = keyed(a);
        java.util.Map<String, JsonNode> vb = keyed(b);
        va.forEach((key, node) -> {
            if (vb.containsKey(key)) {
                diff(path + "/" + key, node, vb.get(key), seen);
            } else {
                emit(
                        allOf ? "variant_added" : "variant_removed",
                        path + "/" + key,
                        null,
                        null,
                        "alternative " + key + " of " + path + " was removed");
            }
        });
        vb.forEach((key, node) -> {
            if (!va.containsKey(key)) {
                emit(
                        allOf ? "variant_removed" : "variant_added",
                        path + "/" + key,
                        null,
                        null,
                        "alternative " + key + " of " + path + " was added");
            }
        });
    }

    private static java.util.Map<String, JsonNode> keyed(JsonNode variants) {
        java.util.Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        if (!variants.isArray()) {
            return out;
        }
        for (int i = 0; i < variants.size(); i++) {
            JsonNode v = variants.get(i);
            JsonNode type = v.path("properties").path("type");
            String key;
            if (v.has("$ref")) {
                key = v.get("$ref").asText();
            } else if (type.path("enum").isArray() && type.path("enum").size() == 1) {
                key = "type=" + type.path("enum").get(0).asText();
            } else if (type.has("const")) {
                key = "type=" + type.get("const").asText();
            } else if (v.path("title").isTextual()) {
                key = "title=" + v.get("title").asText();
            } else {
                key = Integer.toString(i);
            }
            out.putIfAbsent(out.containsKey(key) ? key + "#" + i : key, v);
        }
        return out;
    }

    /**
     * {@code allOf} merged into one schema (the parts' references resolved): properties and {@code required}
     * united, the first type, title, description and enum kept. A node without {@code allOf} is returned as is.
     */
    static JsonNode flatten(JsonNode root, JsonNode node, int depth) {
        if (!node.isObject() || !node.has("allOf") || depth > 20) {
            return node;
        }
        ObjectNode merged = ((ObjectNode) node).deepCopy();
        merged.remove("allOf");
        ObjectNode properties =
                merged.has("properties") && merged.get("properties").isObject()
                        ? (ObjectNode) merged.get("properties")
                        : merged.objectNode();
        Set<String> required = new LinkedHashSet<>();
        merged.path("required").forEach(r -> required.add(r.asText()));
        for (JsonNode part : node.get("allOf")) {
            JsonNode p = part;
            for (int i = 0; i < 10 && p.has("$ref"); i++) {
                p = resolve(root, p.get("$ref").asText());
            }
            p = flatten(root, p, depth + 1);
            p.path("properties").properties().forEach(e -> {
                if (!properties.has(e.getKey())) {
                    properties.set(e.getKey(), e.getValue());
                }
            });
            p.path("required").forEach(r -> required.add(r.asText()));
            for (String field :
                    List.of("type", "nullable", "title", "description", "enum", "items", "oneOf", "anyOf")) {
                if (!merged.has(field) && p.has(field)) {
                    merged.set(field, p.get(field));
                }
            }
        }
        if (!properties.isEmpty()) {
            merged.set("properties", properties);
        }
        if (!required.isEmpty()) {
            ArrayNode r = merged.putArray("required");
            required.forEach(r::add);
        }
        return merged;
    }

    /** The node a local reference ({@code #/a/b}) points at, or a missing node. */
    static JsonNode resolve(JsonNode root, String ref) {
        if (!ref.startsWith("#")) {
            return root.path("$unresolvable$");
        }
        String pointer = ref.substring(1);
        try {
            return root.at(pointer);
        } catch (IllegalArgumentException e) {
            return root.path("$unresolvable$");
        }
    }

    private void emit(String kind, String subject, String oldValue, String newValue, String summary) {
        Rule best = null;
        for (String context : contexts) {
            Rule r = Rules.get(context + "." + kind);
            if (best == null || severity(r.classification()) > severity(best.classification())) {
                best = r;
            }
        }
        String s = contexts.size() > 1 ? summary + " (used in requests and responses)" : summary;
        out.add(new DetectedChange(best, subject, null, oldValue, newValue, s));
    }

    private static int severity(Classification c) {
        return switch (c) {
            case BREAKING -> 2;
            case ADDITIVE -> 1;
            case COSMETIC -> 0;
        };
    }

    static List<String> contexts(String... c) {
        return new ArrayList<>(List.of(c));
    }
}
