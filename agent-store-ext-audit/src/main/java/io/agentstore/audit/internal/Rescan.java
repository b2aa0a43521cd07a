package io.agentstore.audit.internal;

import io.agentstore.audit.RescanEntry;
import io.agentstore.audit.RescanReport;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Redaction;
import io.agentstore.spi.Row;
import io.agentstore.spi.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code redact --rescan}: today's rules over the text columns (VARCHAR and JSON) of every fact table, rewriting
 * what they replace in place through {@link Transaction#replaceRedacted} and recording one {@link RescanEntry}
 * per fact, column and rule, all in one transaction. The audit module's free-text columns get its rules (the
 * store's and the personal-data ones), every other column the store's; a {@code *_hash} column that holds the
 * SHA-256 of a rewritten text is rewritten with it. Facts of the hash chain get their content hash before and
 * after in their entries (the re-seal {@code verify} follows).
 */
public final class Rescan {
    /** Tables the rescan leaves alone: its own record and the chain (hashes only). */
    private static final Set<String> SKIPPED = Set.of("fact_audit_redaction", "fact_audit_chain");

    /** The audit module's free-text columns (personal-data rules too) and the hash column of each, if any. */
    private static final Map<String, Map<String, String>> AUDIT_TEXT = Map.of(
            "fact_prompt", Map.of("prompt_text", "prompt_hash"),
            "fact_response", Map.of("response_text", "response_hash"),
            "fact_prompt_feedback", Map.of("feedback_text", ""));

    private Rescan() {}

    /**
     * Runs a rescan in {@code tx} with {@code store} (the store's rules) and {@code audit} (with the personal-data
     * rules); {@code rescanId} names it.
     */
    public static RescanReport run(Transaction tx, Redaction store, Redaction audit, UUID rescanId) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (Row r : tx.sql("SELECT table_name, column_name FROM information_schema.columns"
                        + " WHERE table_schema = current_schema() AND table_name LIKE 'fact\\_%' ESCAPE '\\'"
                        + " AND data_type IN ('VARCHAR', 'JSON')"
                        + " AND table_name IN (SELECT table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema = current_schema())"
                        + " ORDER BY table_name, ordinal_position")
                .rows()) {
            String table = r.string("table_name");
            String column = r.string("column_name");
            if (!SKIPPED.contains(table) && !column.endsWith("_hash")) {
                columns.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
            }
        }
        Map<String, Long> byRule = new LinkedHashMap<>();
        audit.rules().forEach(rule -> byRule.put(rule.name(), 0L));
        long scanned = 0;
        long facts = 0;
        long skipped = 0;
        List<RescanEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : columns.entrySet()) {
            String table = e.getKey();
            Map<String, String> auditText = AUDIT_TEXT.getOrDefault(table, Map.of());
            // per fact: new values by column, and counts by column and rule
            Map<UUID, Map<String, String>> values = new LinkedHashMap<>();
            Map<UUID, Map<String, Map<String, Integer>>> counts = new LinkedHashMap<>();
            for (String column : e.getValue()) {
                Redaction rules = auditText.containsKey(column) ? audit : store;
                List<String> hints = hints(rules);
                StringBuilder where = new StringBuilder();
                for (int i = 0; i < hints.size(); i++) {
                    where.append(i == 0 ? "" : " OR ").append("contains(lv, ?)");
                }
                String sql = "SELECT event_id, v FROM (SELECT event_id, CAST(" + q(column) + " AS VARCHAR) AS v,"
                        + " lower(CAST(" + q(column) + " AS VARCHAR)) AS lv FROM " + q(table) + " WHERE " + q(column)
                        + " IS NOT NULL) WHERE " + where;
                for (Row row : tx.sql(sql, hints.toArray()).rows()) {
                    scanned++;
                    Redaction.Result result = rules.scan(row.string("v"));
                    if (result.changed()) {
                        UUID id = row.uuid("event_id");
                        values.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(column, result.text());
                        counts.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(column, result.replaced());
                    }
                }
            }
            boolean chained = AuditChain.TABLES.contains(table);
            for (Map.Entry<UUID, Map<String, String>> f : values.entrySet()) {
                UUID id = f.getKey();
                Map<String, String> update = new LinkedHashMap<>(f.getValue());
                auditText.forEach((text, hash) -> {
                    if (!hash.isEmpty() && update.containsKey(text)) {
                        update.put(hash, AuditHashes.sha256(update.get(text)));
                    }
                });
                String before = chained ? contentHash(tx, table, id) : null;
                boolean changed;
                try {
                    changed = tx.replaceRedacted(table, id, update);
                } catch (IllegalArgumentException stored) {
                    // stored more than once: left as it is, and counted
                    skipped++;
                    continue;
                }
                if (!changed) {
                    continue;
                }
                facts++;
                String after = chained ? contentHash(tx, table, id) : null;
                for (Map.Entry<String, Map<String, Integer>> c : counts.get(id).entrySet()) {
                    for (Map.Entry<String, Integer> r : c.getValue().entrySet()) {
                        byRule.merge(r.getKey(), (long) r.getValue(), Long::sum);
                        entries.add(new RescanEntry(
                                EventIds.of(
                                        "audit",
                                        "rescan",
                                        rescanId.toString(),
                                        table,
                                        id.toString(),
                                        c.getKey(),
                                        r.getKey()),
                                null,
                                rescanId,
                                table,
                                id,
                                c.getKey(),
                                r.getKey(),
                                r.getValue(),
                                before,
                                after));
                    }
                }
            }
        }
        entries.forEach(tx::record);
        byRule.values().removeIf(n -> n == 0);
        return new RescanReport(rescanId, byRule, facts, scanned, skipped);
    }

    private static String contentHash(Transaction tx, String table, UUID id) {
        return AuditChain.contentHash(
                table,
                tx.sql("SELECT * FROM " + q(table) + " WHERE event_id = ?", id)
                        .rows()
                        .get(0));
    }

    private static List<String> hints(Redaction rules) {
        Set<String> hints = new LinkedHashSet<>();
        rules.rules().forEach(r -> r.hints().forEach(h -> hints.add(h.toLowerCase(Locale.ROOT))));
        return new ArrayList<>(hints);
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** {@code fact_audit_redaction}. */
    public static final FactType<RescanEntry> ENTRY = new FactType<>() {
        @Override
        public String table() {
            return "fact_audit_redaction";
        }

        @Override
        public String view() {
            return "v_audit_redactions";
        }

        @Override
        public void write(RescanEntry r, FactContext c, FactRow row) {
            row.uuid(r.rescanId())
                    .text(r.factTable())
                    .uuid(r.factEventId())
                    .text(r.columnName())
                    .text(r.rule())
                    .int64(r.replaced())
                    .text(r.contentHashBefore())
                    .text(r.contentHashAfter());
        }

        @Override
        public RescanEntry read(Row row) {
            return new RescanEntry(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("rescan_id"),
                    row.string("fact_table"),
                    row.uuid("fact_event_id"),
                    row.string("column_name"),
                    row.string("rule_name"),
                    row.int64("replaced"),
                    row.string("content_hash_before"),
                    row.string("content_hash_after"));
        }
    };
}
