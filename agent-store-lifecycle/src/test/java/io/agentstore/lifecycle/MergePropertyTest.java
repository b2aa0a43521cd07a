package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.lifecycle.internal.Db;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * For stores A and B imported from overlapping random subsets of the real transcripts: merge(A, B) and merge(B, A)
 * hold the same facts, merging again changes nothing, and the token totals equal one import of the union.
 */
class MergePropertyTest {
    /** The smaller transcripts of the fixtures (the property imports several stores per example). */
    static final List<String> POOL = List.of(
            "-Users-dain-workspace-claude-code-log-sample/4e27c414-a885-46a0-b5c8-d58e1417377d.jsonl",
            "-Users-dain-workspace-claude-code-log-sample/agent-41be4aa9.jsonl",
            "-Users-dain-workspace-danieldemmel-me-next/3680252d-d4e3-4416-bddd-8f5b5b4fdb7f.jsonl",
            "-Users-dain-workspace-danieldemmel-me-next/b25638d7-b104-4f06-a797-70ac33d069ed.jsonl",
            "-experiments-ideas/a95fea4a-b88a-4e49-ac07-4cc323d8700c.jsonl",
            "-src-experiments-claude_p/29ccd257-68b1-427f-ae5f-6524b7cb6f20.jsonl",
            "-Users-dain-workspace-coderabbit-review-helper/agent-f36dc5e5.jsonl");

    @TempDir
    Path tmp;

    final AtomicInteger example = new AtomicInteger();

    @Test
    void mergeIsCommutativeIdempotentAndEqualsTheImportOfTheUnion() {
        Gen<Integer> masks = SourceDSL.integers().between(1, (1 << POOL.size()) - 1);
        qt().withExamples(2).withShrinkCycles(0).forAll(masks, masks).checkAssert(this::check);
    }

    void check(int maskA, int maskB) {
        Path dir = tmp.resolve("ex" + example.incrementAndGet());
        List<String> a = subset(maskA);
        List<String> b = subset(maskB);
        Set<String> union = new LinkedHashSet<>(a);
        union.addAll(b);
        Path storeA = build(dir.resolve("a"), a);
        Path storeB = build(dir.resolve("b"), b);
        Path storeU = build(dir.resolve("u"), List.copyOf(union));

        Path ab = copy(storeA, dir.resolve("ab.duckdb"));
        Path ba = copy(storeB, dir.resolve("ba.duckdb"));
        StoreMerger.builder(ab).build().merge(storeB);
        StoreMerger.builder(ba).build().merge(storeA);

        assertThat(facts(ab)).as("merge(A,B) vs merge(B,A) for %s / %s", a, b).isEqualTo(facts(ba));
        // bundled price versions have the same event id in every store: a merge holds each once
        Map<String, Set<String>> merged = facts(ab);
        Map<String, Set<String>> imported = facts(storeU);
        assertThat(merged).as("merge(A,B) vs import of the union").isEqualTo(imported);
        assertThat(tokens(ab)).isEqualTo(tokens(storeU)).isEqualTo(tokens(ba));
        Map<String, Long> counts = counts(ab);
        MergeReport again = StoreMerger.builder(ab).build().merge(storeB);
        assertThat(again.factsAddedTotal()).isZero();
        assertThat(again.dimsAdded()).isEmpty();
        assertThat(counts(ab)).isEqualTo(counts);
        // the audit facts brought in are sealed into this store's chain, which then verifies
        try (AgentStore s = TestStores.open(ab)) {
            s.module(AuditFacade.class).seal();
            assertThat(s.module(AuditFacade.class).verify().intact()).isTrue();
        }
    }

    static List<String> subset(int mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < POOL.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(POOL.get(i));
            }
        }
        return out;
    }

    static Path build(Path dir, List<String> transcripts) {
        Path db = dir.resolve("store.duckdb");
        try (AgentStore s = TestStores.open(db)) {
            TestStores.importInto(s, TestStores.copyTranscripts(dir.resolve("projects"), transcripts));
        }
        return db;
    }

    static Path copy(Path from, Path to) {
        try {
            return Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The facts of every table as event ids (machine-local bookkeeping left out), by table. Event ids are name-based:
     * the same transcript line gives the same id on every machine.
     */
    static Map<String, Set<String>> facts(Path db) {
        Map<String, Set<String>> out = new TreeMap<>();
        Connection c = Db.open(db);
        try {
            for (String t : Db.tables(c, Db.catalog(c))) {
                if (t.startsWith("fact_")
                        && !Set.of("fact_ingest_run", "fact_ingest_error", "fact_audit_chain")
                                .contains(t)) {
                    out.put(
                            t,
                            new java.util.TreeSet<>(Db.strings(c, "SELECT CAST(event_id AS VARCHAR) FROM " + Db.q(t))));
                }
            }
        } finally {
            Db.close(c);
        }
        return out;
    }

    static List<Long> tokens(Path db) {
        Connection c = Db.open(db);
        try {
            Object[] r = Db.rows(
                            c,
                            "SELECT coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),"
                                    + " coalesce(sum(cache_read_tokens), 0), coalesce(sum(cache_write_5m_tokens"
                                    + " + cache_write_1h_tokens), 0) FROM fact_api_call")
                    .get(0);
            List<Long> out = new ArrayList<>();
            for (Object o : r) {
                out.add(((Number) o).longValue());
            }
            return out;
        } finally {
            Db.close(c);
        }
    }

    static Map<String, Long> counts(Path db) {
        Map<String, Long> out = new LinkedHashMap<>();
        Connection c = Db.open(db);
        try {
            for (String t : Db.tables(c, Db.catalog(c))) {
                out.put(t, Db.count(c, "SELECT count(*) FROM " + Db.q(t)));
            }
        } finally {
            Db.close(c);
        }
        return out;
    }
}
