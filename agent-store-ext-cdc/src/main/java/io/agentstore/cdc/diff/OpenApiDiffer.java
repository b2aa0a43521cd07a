package io.agentstore.cdc.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Diffs two OpenAPI 3 documents (JSON or YAML) with the {@code openapi.*} rules: paths and operations, parameters
 * (by location and name, path-level ones merged in), request bodies, response statuses and media types, and the
 * schemas below them with the {@code openapi.request.*} and {@code openapi.response.*} rules.
 *
 * <p>A schema that refers to the same component on both sides is not descended into where it is used: each
 * component of {@code components/schemas} is diffed once, under the subject {@code #/components/schemas/<name>},
 * in the contexts it is reachable from (request roots, response roots, or both, where the severer rule wins);
 * components no operation reaches are not part of the contract and are skipped.
 */
public final class OpenApiDiffer implements Differ {
    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** A differ; it holds no state. */
    public OpenApiDiffer() {}

    @Override
    public String id() {
        return "openapi";
    }

    @Override
    public List<DetectedChange> diff(String oldText, String newText) {
        JsonNode a = Documents.parse("the old OpenAPI document", oldText);
        JsonNode b = Documents.parse("the new OpenAPI document", newText);
        return new Run(a, b).run();
    }

    private static final class Run {
        private final JsonNode a;
        private final JsonNode b;
        private final List<DetectedChange> out = new ArrayList<>();

        Run(JsonNode a, JsonNode b) {
            this.a = a;
            this.b = b;
        }

        List<DetectedChange> run() {
            JsonNode pa = a.path("paths");
            JsonNode pb = b.path("paths");
            for (String path : names(pa)) {
                if (!pb.has(path)) {
                    for (String m : methods(pa.get(path))) {
                        emit("path_removed", path, m, null, null, m + " " + path + " was removed with its path");
                    }
                } else {
                    pathItem(path, pa.get(path), pb.get(path));
                }
            }
            for (String path : names(pb)) {
                if (!pa.has(path)) {
                    for (String m : methods(pb.get(path))) {
                        emit("path_added", path, m, null, null, m + " " + path + " was added with its path");
                    }
                }
            }
            components();
            return List.copyOf(out);
        }

        private void pathItem(String path, JsonNode ia, JsonNode ib) {
            for (String m : methods(ia)) {
                JsonNode oa = ia.get(m.toLowerCase(Locale.ROOT));
                JsonNode ob = ib.get(m.toLowerCase(Locale.ROOT));
                if (ob == null) {
                    emit("operation_removed", path, m, null, null, m + " " + path + " was removed");
                } else {
                    operation(path, m, ia, oa, ib, ob);
                }
            }
            for (String m : methods(ib)) {
                if (!ia.has(m.toLowerCase(Locale.ROOT))) {
                    emit("operation_added", path, m, null, null, m + " " + path + " was added");
                }
            }
        }

        private void operation(String path, String m, JsonNode ia, JsonNode oa, JsonNode ib, JsonNode ob) {
            for (String field : List.of("summary", "description")) {
                if (!oa.path(field).equals(ob.path(field))) {
                    emit(
                            "description_changed",
                            path + "#" + field,
                            m,
                            oa.path(field).asText(null),
                            ob.path(field).asText(null),
                            "the " + field + " of " + m + " " + path + " changed");
                }
            }
            parameters(path, m, params(a, ia, oa), params(b, ib, ob));
            requestBody(path, m, deref(a, oa.path("requestBody")), deref(b, ob.path("requestBody")));
            responses(path, m, oa.path("responses"), ob.path("responses"));
        }

        private void parameters(String path, String m, Map<String, JsonNode> qa, Map<String, JsonNode> qb) {
            qa.forEach((id, p) -> {
                String subject = path + "#parameters/" + id;
                JsonNode q = qb.get(id);
                boolean reqA = p.path("required").asBoolean(false);
                if (q == null) {
                    emit(
                            reqA ? "required_parameter_removed" : "parameter_removed",
                            subject,
                            m,
                            null,
                            null,
                            (reqA ? "required parameter " : "parameter ") + id + " of " + m + " " + path
                                    + " was removed");
                    return;
                }
                boolean reqB = q.path("required").asBoolean(false);
                if (!reqA && reqB) {
                    emit(
                            "parameter_became_required",
                            subject,
                            m,
                            "optional",
                            "required",
                            "parameter " + id + " of " + m + " " + path + " became required");
                } else if (reqA && !reqB) {
                    emit(
                            "parameter_became_optional",
                            subject,
                            m,
                            "required",
                            "optional",
                            "parameter " + id + " of " + m + " " + path + " became optional");
                }
                if (!p.path("description").equals(q.path("description"))) {
                    emit(
                            "description_changed",
                            subject + "/description",
                            m,
                            p.path("description").asText(null),
                            q.path("description").asText(null),
                            "the description of parameter " + id + " of " + m + " " + path + " changed");
                }
                schema(List.of(Rules.REQUEST), subject + "/schema", m, p.path("schema"), q.path("schema"));
            });
            qb.forEach((id, q) -> {
                if (!qa.containsKey(id)) {
                    boolean req = q.path("required").asBoolean(false);
                    emit(
                            req ? "required_parameter_added" : "parameter_added",
                            path + "#parameters/" + id,
                            m,
                            null,
                            null,
                            (req ? "required parameter " : "parameter ") + id + " of " + m + " " + path + " was added");
                }
            });
        }

        private void requestBody(String path, String m, JsonNode ra, JsonNode rb) {
            boolean reqA = ra.path("required").asBoolean(false);
            boolean reqB = rb.path("required").asBoolean(false);
            String subject = path + "#requestBody";
            if (!reqA && reqB) {
                emit(
                        "request_body_became_required",
                        subject,
                        m,
                        null,
                        null,
                        "the request body of " + m + " " + path + " became required");
            } else if (reqA && !reqB) {
                emit(
                        "request_body_became_optional",
                        subject,
                        m,
                        null,
                        null,
                        "the request body of " + m + " " + path + " became optional");
            }
            content(List.of(Rules.REQUEST), subject, m, ra.path("content"), rb.path("content"));
        }

        private void responses(String path, String m, JsonNode ra, JsonNode rb) {
            for (String status : names(ra)) {
                String subject = path + "#responses/" + status;
                if (!rb.has(status)) {
                    emit(
                            "response_removed",
                            subject,
                            m,
                            null,
                            null,
                            "response " + status + " of " + m + " " + path + " was removed");
                } else {
                    content(
                            List.of(Rules.RESPONSE),
                            subject,
                            m,
                            deref(a, ra.get(status)).path("content"),
                            deref(b, rb.get(status)).path("content"));
                }
            }
            for (String status : names(rb)) {
                if (!ra.has(status)) {
                    emit(
                            "response_added",
                            path + "#responses/" + status,
                            m,
                            null,
                            null,
                            "response " + status + " of " + m + " " + path + " was added");
                }
            }
        }

        private void content(List<String> contexts, String subject, String m, JsonNode ca, JsonNode cb) {
            for (String type : names(ca)) {
                if (!cb.has(type)) {
                    emit(
                            "media_type_removed",
                            subject + "/" + type,
                            m,
                            null,
                            null,
                            "media type " + type + " of " + subject + " (" + m + ") was removed");
                } else {
                    schema(
                            contexts,
                            subject + "/" + type,
                            m,
                            ca.get(type).path("schema"),
                            cb.get(type).path("schema"));
                }
            }
            for (String type : names(cb)) {
                if (!ca.has(type)) {
                    emit(
                            "media_type_added",
                            subject + "/" + type,
                            m,
                            null,
                            null,
                            "media type " + type + " of " + subject + " (" + m + ") was added");
                }
            }
        }

        private void schema(List<String> contexts, String subject, String m, JsonNode sa, JsonNode sb) {
            if (sa.isMissingNode() || sb.isMissingNode()) {
                return;
            }
            List<DetectedChange> found = new ArrayList<>();
            new SchemaDiff(contexts, a, b, true, found).diff(subject, sa, sb);
            for (DetectedChange c : found) {
                out.add(new DetectedChange(
                        c.rule(), c.subject(), m, c.oldValue(), c.newValue(), c.summary() + " (" + m + ")"));
            }
        }

        /** Each component reachable from the operations of either side, diffed once in its contexts. */
        private void components() {
            Set<String> request = new HashSet<>();
            Set<String> response = new HashSet<>();
            reach(a, request, response);
            reach(b, request, response);
            JsonNode sa = a.path("components").path("schemas");
            JsonNode sb = b.path("components").path("schemas");
            for (String name : names(sa)) {
                if (!sb.has(name)) {
                    continue; // a removed component surfaces where it was referenced, as a changed reference
                }
                List<String> contexts = new ArrayList<>();
                if (request.contains(name)) {
                    contexts.add(Rules.REQUEST);
                }
                if (response.contains(name)) {
                    contexts.add(Rules.RESPONSE);
                }
                if (!contexts.isEmpty()) {
                    new SchemaDiff(contexts, a, b, true, out)
                            .diff("#/components/schemas/" + name, sa.get(name), sb.get(name));
                }
            }
        }

        private static void reach(JsonNode doc, Set<String> request, Set<String> response) {
            List<JsonNode> requestRoots = new ArrayList<>();
            List<JsonNode> responseRoots = new ArrayList<>();
            JsonNode paths = doc.path("paths");
            for (String path : names(paths)) {
                JsonNode item = paths.get(path);
                requestRoots.add(item.path("parameters"));
                for (String m : METHODS) {
                    JsonNode op = item.path(m);
                    if (op.isObject()) {
                        requestRoots.add(op.path("parameters"));
                        requestRoots.add(op.path("requestBody"));
                        responseRoots.add(op.path("responses"));
                    }
                }
            }
            closure(doc, requestRoots, request);
            closure(doc, responseRoots, response);
        }

        private static void closure(JsonNode doc, List<JsonNode> roots, Set<String> into) {
            Deque<JsonNode> todo = new ArrayDeque<>(roots);
            Set<String> refs = new HashSet<>();
            while (!todo.isEmpty()) {
                JsonNode n = todo.pop();
                if (n.isObject()) {
                    JsonNode ref = n.get("$ref");
                    if (ref != null && ref.isTextual() && refs.add(ref.asText())) {
                        String r = ref.asText();
                        if (r.startsWith("#/components/schemas/")) {
                            into.add(r.substring("#/components/schemas/".length()));
                        }
                        todo.push(SchemaDiff.resolve(doc, r));
                    }
                    n.elements().forEachRemaining(todo::push);
                } else if (n.isArray()) {
                    n.elements().forEachRemaining(todo::push);
                }
            }
        }

        private static Map<String, JsonNode> params(JsonNode doc, JsonNode item, JsonNode op) {
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                for (JsonNode p : list) {
                    JsonNode d = deref(doc, p);
                    byId.put(d.path("in").asText("?") + "/" + d.path("name").asText("?"), d);
                }
            }
            return byId;
        }

        private static JsonNode deref(JsonNode doc, JsonNode node) {
            JsonNode n = node;
            for (int i = 0; i < 10 && n.has("$ref"); i++) {
                n = SchemaDiff.resolve(doc, n.get("$ref").asText());
            }
            return n;
        }

        private void emit(
                String kind, String subject, String method, String oldValue, String newValue, String summary) {
            out.add(new DetectedChange(Rules.get("openapi." + kind), subject, method, oldValue, newValue, summary));
        }

        private static Set<String> methods(JsonNode item) {
            Set<String> s = new LinkedHashSet<>();
            for (String m : METHODS) {
                if (item.path(m).isObject()) {
                    s.add(m.toUpperCase(Locale.ROOT));
                }
            }
            return s;
        }

        private static Set<String> names(JsonNode object) {
            Set<String> s = new LinkedHashSet<>();
            if (object.isObject()) {
                for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
                    s.add(it.next());
                }
            }
            return s;
        }
    }
}
