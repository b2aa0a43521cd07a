package io.agentstore.lifecycle;

import io.agentstore.lifecycle.internal.Db;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Plants a marker in every text column of every table an erase of one session covers: a new row per scoped table
 * (a session column set to the session, a user column to a planted user, every other dimension key to a planted
 * dimension row used by nothing else, every {@code *_event_id} or fact-naming {@code *_id} to a planted fact), and the session's own
 * dimension row. Raw SQL, as a damaged or hostile writer could: the erase must not depend on the writer.
 */
final class Planter {
    final String marker;
    final List<String> plantedTables = new ArrayList<>();
    final List<String> unscopedTextTables = new ArrayList<>();
    /** Tables an erase of a user covers but an erase of a session does not (rows with a user and no session). */
    final List<String> userOnlyTables = new ArrayList<>();

    Planter(String marker) {
        this.marker = marker;
    }

    void plant(Connection c, long sessionKey, String transcriptPath) {
        String catalog = Db.catalog(c);
        List<String> tables = Db.tables(c, catalog);
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        tables.forEach(t -> columns.put(t, Db.columns(c, catalog, t)));
        Set<String> entities = new LinkedHashSet<>();
        tables.stream().filter(t -> t.startsWith("dim_")).forEach(t -> entities.add(t.substring(4)));

        // which tables an erase of the session covers: a session or user column, or a reference to another fact
        List<String> scopedTables = new ArrayList<>();
        for (var e : columns.entrySet()) {
            String t = e.getKey();
            Map<String, String> cols = e.getValue();
            boolean hasText = cols.values().stream().anyMatch(Planter::isText);
            if (t.startsWith("dim_") || t.equals("fact_audit_chain") || !cols.containsKey("event_id")) {
                if (hasText && !t.startsWith("dim_") && !t.equals("fact_audit_chain")) {
                    unscopedTextTables.add(t);
                }
                continue;
            }
            boolean scoped = t.equals("fact_ingest_run")
                    || t.equals("fact_ingest_error")
                    || cols.entrySet().stream()
                            .anyMatch(col -> entityOf(col.getKey(), entities)
                                            .filter(en -> en.equals("session") || en.equals("user"))
                                            .isPresent()
                                    || (StoreEraser.refersToFact(col.getKey(), col.getValue())
                                            && !col.getKey().equals("supersedes_event_id")));
            // a table whose rows carry a user and nothing else of the scope (the audit module's fact_query_log)
            // is covered by an erase of that user, not of a session: no row of it belongs to the erased session
            boolean userOnly = scoped
                    && cols.entrySet().stream()
                            .noneMatch(col -> entityOf(col.getKey(), entities)
                                            .filter(en -> en.equals("session"))
                                            .isPresent()
                                    || (StoreEraser.refersToFact(col.getKey(), col.getValue())
                                            && !col.getKey().equals("supersedes_event_id")))
                    && !t.startsWith("fact_ingest_");
            if (userOnly) {
                userOnlyTables.add(t);
            } else if (scoped) {
                scopedTables.add(t);
            } else if (hasText) {
                unscopedTextTables.add(t);
            }
        }
        // a dimension row per entity those tables (and those dimensions) refer to, used by nothing else
        Set<String> referenced = new LinkedHashSet<>();
        scopedTables.forEach(t ->
                columns.get(t).keySet().forEach(col -> entityOf(col, entities).ifPresent(referenced::add)));
        for (int i = 0; i < 3; i++) {
            for (String en : List.copyOf(referenced)) {
                columns.get("dim_" + en)
                        .keySet()
                        .forEach(col -> entityOf(col, entities).ifPresent(referenced::add));
            }
        }
        entities.stream()
                .filter(en -> !referenced.contains(en) && !en.equals("source_host"))
                .forEach(en -> unscopedTextTables.add("dim_" + en));
        Map<String, Long> plantedKeys = new LinkedHashMap<>();
        for (String en : referenced) {
            if (en.equals("session") || en.equals("source_host")) {
                continue;
            }
            long key = Db.count(c, "SELECT coalesce(max(" + en + "_key), 0) + 1000 FROM dim_" + en);
            plantedKeys.put(en, key);
        }
        for (String en : plantedKeys.keySet()) {
            String dim = "dim_" + en;
            insert(c, dim, columns.get(dim), col -> {
                if (col.equals(en + "_key")) {
                    return String.valueOf(plantedKeys.get(en));
                }
                return entityOf(col, entities)
                        .map(o -> o.equals("session") ? String.valueOf(sessionKey) : String.valueOf(plantedKeys.get(o)))
                        .orElse(null);
            });
            plantedTables.add(dim);
        }
        // the session's own dimension row
        for (var col : columns.get("dim_session").entrySet()) {
            if (isText(col.getValue()) && !col.getKey().equals("session_id")) {
                Db.exec(
                        c,
                        "UPDATE dim_session SET " + Db.q(col.getKey()) + " = ? WHERE session_key = ?",
                        marker + "-dim_session." + col.getKey(),
                        sessionKey);
            }
        }
        plantedTables.add("dim_session");

        UUID anchor = UUID.randomUUID();
        for (String t : scopedTables) {
            Map<String, String> cols = columns.get(t);
            UUID id = t.equals("fact_tool_call") ? anchor : UUID.randomUUID();
            insert(c, t, cols, col -> {
                if (col.equals("event_id")) {
                    return Db.lit(id.toString());
                }
                if (col.equals("supersedes_event_id")) {
                    return "NULL";
                }
                if (StoreEraser.refersToFact(col, cols.get(col))) {
                    return Db.lit(anchor.toString());
                }
                if (col.equals("file_path") && (t.equals("fact_ingest_run") || t.equals("fact_ingest_error"))) {
                    return Db.lit(transcriptPath);
                }
                return entityOf(col, entities)
                        .map(o -> o.equals("session") ? String.valueOf(sessionKey) : String.valueOf(plantedKeys.get(o)))
                        .orElse(null);
            });
            plantedTables.add(t);
        }
    }

    private void insert(
            Connection c, String table, Map<String, String> cols, java.util.function.Function<String, String> given) {
        List<String> values = new ArrayList<>();
        for (var col : cols.entrySet()) {
            String v = given.apply(col.getKey());
            values.add(v != null ? v : valueFor(table, col.getKey(), col.getValue()));
        }
        Db.exec(
                c,
                "INSERT INTO " + Db.q(table) + " ("
                        + String.join(", ", cols.keySet().stream().map(Db::q).toList()) + ") VALUES ("
                        + String.join(", ", values) + ")");
    }

    private String valueFor(String table, String column, String type) {
        String text = marker + "-" + table + "." + column;
        if (type.equals("JSON")) {
            return Db.lit("{\"m\": \"" + text + "\"}") + "::JSON";
        }
        if (isText(type)) {
            return Db.lit(text);
        }
        if (type.startsWith("TIMESTAMP")) {
            return "TIMESTAMPTZ '2026-01-15 10:00:00+00'";
        }
        if (type.equals("DATE")) {
            return "DATE '2026-01-15'";
        }
        if (type.equals("BOOLEAN")) {
            return column.equals("is_current") ? "true" : "false";
        }
        if (type.equals("UUID")) {
            return Db.lit(UUID.randomUUID().toString());
        }
        if (type.endsWith("[]")) {
            return "[" + Db.lit(text) + "]";
        }
        if (type.startsWith("STRUCT") || type.startsWith("MAP")) {
            return "NULL";
        }
        return "1";
    }

    static boolean isText(String type) {
        return type.equals("VARCHAR") || type.equals("JSON") || type.equals("VARCHAR[]");
    }

    static java.util.Optional<String> entityOf(String col, Set<String> entities) {
        if (!col.endsWith("_key")) {
            return java.util.Optional.empty();
        }
        String base = col.substring(0, col.length() - 4).replaceAll("\\d+$", "");
        if (entities.contains(base)) {
            return java.util.Optional.of(base);
        }
        String best = null;
        for (String e : entities) {
            if (base.endsWith("_" + e) && (best == null || e.length() > best.length())) {
                best = e;
            }
        }
        return java.util.Optional.ofNullable(best);
    }
}
