package io.agentstore.audit.internal;

import io.agentstore.audit.ChainLink;
import io.agentstore.audit.ChainVerification;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The hash chain of the audit facts. A {@link FactType} writes one row without seeing the others, so the
 * chain is not computed inside the writer: {@link #seal} reads the audit facts not yet linked, in the order
 * the writer recorded them (recorded_at, table, event id), and appends one {@link ChainLink} fact per fact
 * through the writer. Sealing is serialised by the facade (one lock per store) and a store has one writing
 * process, so two seals never interleave.
 */
public final class AuditChain {
    /** The previous hash of the first link. */
    public static final String GENESIS = "0".repeat(64);

    /** The audit fact tables the chain covers. */
    public static final List<String> TABLES =
            List.of("fact_prompt", "fact_response", "fact_prompt_feedback", "fact_audit_redaction", "fact_audit_merge");

    private AuditChain() {}

    /** A fact as the chain sees it. */
    record Fact(String table, UUID eventId, Instant recordedAt, String contentHash) {}

    /** The content hash of one fact row: every column but recorded_at, by name, in table order. */
    public static String contentHash(String table, Row row) {
        StringBuilder b = new StringBuilder(table);
        List<String> columns = row.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).equals("recorded_at")) {
                b.append('\u001f').append(columns.get(i)).append('=').append(String.valueOf(row.get(i)));
            }
        }
        return AuditHashes.sha256(b.toString());
    }

    static List<Fact> facts(StoreContext store) {
        List<Fact> facts = new ArrayList<>();
        for (String table : TABLES) {
            for (Row row : store.sql("SELECT * FROM " + table).rows()) {
                facts.add(new Fact(table, row.uuid("event_id"), row.instant("recorded_at"), contentHash(table, row)));
            }
        }
        // an erased fact the chain had sealed leaves a tombstone (core V3, written by agent-store-lifecycle's erase
        // and retention): its table, id, recorded_at and the content hash its link holds, so the chain stays intact
        if (!store.sql("SELECT 1 FROM duckdb_tables() WHERE table_name = 'agent_store_tombstone'")
                .rows()
                .isEmpty()) {
            for (Row row : store.sql("SELECT fact_table, fact_event_id, fact_recorded_at, content_hash"
                            + " FROM agent_store_tombstone")
                    .rows()) {
                facts.add(new Fact(
                        row.string("fact_table"),
                        row.uuid("fact_event_id"),
                        row.instant("fact_recorded_at"),
                        row.string("content_hash")));
            }
        }
        facts.sort(Comparator.comparing(Fact::recordedAt)
                .thenComparing(Fact::table)
                .thenComparing(Fact::eventId));
        return facts;
    }

    static List<ChainLink> links(StoreContext store) {
        return store.sql("SELECT * FROM fact_audit_chain ORDER BY seq, recorded_at").rows().stream()
                .map(LINK::read)
                .toList();
    }

    private static String key(String table, UUID id) {
        return table + "|" + id;
    }

    /** Appends a link for every audit fact not linked yet; returns how many. */
    public static int seal(StoreContext store) {
        List<ChainLink> links = links(store);
        Set<String> linked = new HashSet<>();
        links.forEach(l -> linked.add(key(l.factTable(), l.factEventId())));
        String head = links.isEmpty() ? GENESIS : links.get(links.size() - 1).chainHash();
        long seq = links.isEmpty() ? 0 : links.get(links.size() - 1).seq();
        List<ChainLink> fresh = new ArrayList<>();
        for (Fact f : facts(store)) {
            if (linked.contains(key(f.table(), f.eventId()))) {
                continue;
            }
            seq++;
            String chain = AuditHashes.sha256(head + f.contentHash());
            fresh.add(new ChainLink(
                    EventIds.of("audit", "chain", String.valueOf(seq), head),
                    null,
                    seq,
                    f.table(),
                    f.eventId(),
                    f.contentHash(),
                    head,
                    chain));
            head = chain;
        }
        if (!fresh.isEmpty()) {
            store.recordAll(fresh);
        }
        return fresh.size();
    }

    /** Recomputes the chain and names the first fact edited, removed, inserted or reordered. */
    public static ChainVerification verify(StoreContext store) {
        List<ChainLink> links = links(store);
        List<Fact> facts = facts(store);
        Map<String, Fact> byKey = new HashMap<>();
        facts.forEach(f -> byKey.put(key(f.table(), f.eventId()), f));
        Set<String> linked = new HashSet<>();
        links.forEach(l -> linked.add(key(l.factTable(), l.factEventId())));
        Map<String, Map<String, String>> reseals = reseals(store);
        String head = GENESIS;
        int n = Math.max(links.size(), facts.size());
        for (int i = 0; i < n; i++) {
            long position = i + 1;
            if (i >= links.size()) {
                Fact f = facts.get(i);
                return problem(links.size(), head, "inserted", f.table(), f.eventId(), position);
            }
            ChainLink link = links.get(i);
            if (link.seq() != position
                    || !link.previousHash().equals(head)
                    || !link.chainHash().equals(AuditHashes.sha256(head + link.contentHash()))) {
                return problem(links.size(), head, "link-edited", link.factTable(), link.factEventId(), position);
            }
            if (i >= facts.size()) {
                return problem(links.size(), head, "removed", link.factTable(), link.factEventId(), position);
            }
            Fact f = facts.get(i);
            if (f.table().equals(link.factTable()) && f.eventId().equals(link.factEventId())) {
                if (!f.contentHash().equals(link.contentHash())
                        && !resealed(reseals, key(f.table(), f.eventId()), link.contentHash(), f.contentHash())) {
                    return problem(links.size(), head, "edited", f.table(), f.eventId(), position);
                }
            } else if (!linked.contains(key(f.table(), f.eventId()))) {
                return problem(links.size(), head, "inserted", f.table(), f.eventId(), position);
            } else if (!byKey.containsKey(key(link.factTable(), link.factEventId()))) {
                return problem(links.size(), head, "removed", link.factTable(), link.factEventId(), position);
            } else {
                return problem(links.size(), head, "reordered", link.factTable(), link.factEventId(), position);
            }
            head = link.chainHash();
        }
        return new ChainVerification(links.size(), head, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /**
     * The re-seals of rescans ({@code fact_audit_redaction}): per fact, content hash before to content hash after.
     * The entries are audit facts the chain covers, so removing or editing one is caught as such.
     */
    private static Map<String, Map<String, String>> reseals(StoreContext store) {
        Map<String, Map<String, String>> reseals = new HashMap<>();
        for (Row r : store.sql("SELECT DISTINCT fact_table, fact_event_id, content_hash_before, content_hash_after"
                        + " FROM fact_audit_redaction WHERE content_hash_before IS NOT NULL")
                .rows()) {
            reseals.computeIfAbsent(key(r.string("fact_table"), r.uuid("fact_event_id")), k -> new HashMap<>())
                    .put(r.string("content_hash_before"), r.string("content_hash_after"));
        }
        return reseals;
    }

    /** Whether the rescans of a fact lead from the hash its link holds to the hash of its content now. */
    private static boolean resealed(Map<String, Map<String, String>> reseals, String fact, String sealed, String now) {
        Map<String, String> steps = reseals.getOrDefault(fact, Map.of());
        String h = sealed;
        for (int i = 0; i <= steps.size() && h != null; i++) {
            if (h.equals(now)) {
                return true;
            }
            h = steps.get(h);
        }
        return false;
    }

    /** How many links the chain has. */
    public static long length(StoreContext store) {
        return store.sql("SELECT count(*) AS n FROM fact_audit_chain")
                .rows()
                .get(0)
                .int64("n");
    }

    /** The chain hash of the last link (64 zeros when there is none). */
    public static String head(StoreContext store) {
        List<ChainLink> links = links(store);
        return links.isEmpty() ? GENESIS : links.get(links.size() - 1).chainHash();
    }

    private static ChainVerification problem(
            long links, String head, String kind, String table, UUID id, long position) {
        return new ChainVerification(links, head, Optional.of(kind), Optional.of(table), Optional.of(id), position);
    }

    /** {@code fact_audit_chain}. */
    public static final FactType<ChainLink> LINK = new FactType<>() {
        @Override
        public String table() {
            return "fact_audit_chain";
        }

        @Override
        public String view() {
            return "v_audit_chain";
        }

        @Override
        public void write(ChainLink r, FactContext c, FactRow row) {
            row.int64(r.seq())
                    .text(r.factTable())
                    .uuid(r.factEventId())
                    .text(r.contentHash())
                    .text(r.previousHash())
                    .text(r.chainHash());
        }

        @Override
        public ChainLink read(Row row) {
            return new ChainLink(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.int64("seq"),
                    row.string("fact_table"),
                    row.uuid("fact_event_id"),
                    row.string("content_hash"),
                    row.string("previous_hash"),
                    row.string("chain_hash"));
        }
    };
}
