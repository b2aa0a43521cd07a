package io.agentstore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.audit.AuditModule;
import io.agentstore.audit.ChainVerification;
import io.agentstore.audit.MergeProvenance;
import io.agentstore.audit.Prompt;
import io.agentstore.audit.Response;
import io.agentstore.lifecycle.internal.Db;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit hash chain across a merge: the source's chain is verified before (an edited fact of the source is named,
 * in a .duckdb file and in an export folder), the merged audit facts and one provenance record (source, its chain's
 * head and length, rows added) are sealed into the target's chain after, so that the target's verify passes, shows
 * which facts came from which source, and catches an edit of a merged fact; merging the same source again adds no
 * second provenance record.
 */
class MergeProvenanceTest {
    @TempDir
    Path dir;

    private static Prompt prompt(String session, String at, String text) {
        return new Prompt(
                null, Instant.parse(at), null, session, null, null, null, null, text, null, null, null, null, Map.of());
    }

    private static Response response(String session, String at, String text) {
        return new Response(
                null,
                Instant.parse(at),
                null,
                session,
                null,
                null,
                null,
                text,
                null,
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of());
    }

    private static long count(AgentStore s, String sql) {
        return s.sql(sql).rows().get(0).int64("n");
    }

    /** A laptop's store: two prompts and a response, sealed; returns the second prompt's id. */
    private static UUID laptop(Path db) {
        try (AgentStore s = TestStores.open(db)) {
            AuditFacade audit = AuditModule.of(s);
            audit.recordPrompt(prompt("laptop-1", "2026-04-01T09:00:00Z", "plan the release"));
            UUID second = audit.recordPrompt(prompt("laptop-1", "2026-04-01T09:05:00Z", "write the notes"));
            audit.recordResponse(response("laptop-1", "2026-04-01T09:05:04Z", "Notes written."));
            return second;
        }
    }

    @Test
    void mergedAuditFactsAreSealedWithAProvenanceRecordAndAnEditOfOneIsCaught() {
        Path target = dir.resolve("desk.duckdb");
        Path source = dir.resolve("laptop.duckdb");
        UUID merged = laptop(source);
        String sourceHead;
        String sourceId;
        try (AgentStore s = TestStores.open(source)) {
            sourceHead = AuditModule.of(s).head();
            sourceId = s.sql("SELECT CAST(store_id AS VARCHAR) AS id FROM agent_store_identity")
                    .rows()
                    .get(0)
                    .string("id");
        }
        try (AgentStore s = TestStores.open(target)) {
            AuditModule.of(s).recordPrompt(prompt("desk-1", "2026-04-02T10:00:00Z", "review the notes"));
            ChainVerification before = AuditModule.of(s).verifySource(source).orElseThrow();
            assertThat(before.intact()).as(before.describe()).isTrue();
            assertThat(before.links()).isEqualTo(3);
            assertThat(before.head()).isEqualTo(sourceHead);
        }

        MergeReport report = StoreMerger.builder(target).build().merge(source);
        assertThat(report.factsAdded()).containsEntry("fact_prompt", 2L).containsEntry("fact_response", 1L);

        try (AgentStore s = TestStores.open(target)) { // the writable open seals what the merge added
            AuditFacade audit = AuditModule.of(s);
            ChainVerification v = audit.verify();
            assertThat(v.intact()).as(v.describe()).isTrue();
            // the desk's prompt, then the provenance record and the laptop's 3 facts (recorded at the merge)
            assertThat(v.links()).isEqualTo(5);
            List<MergeProvenance> merges = audit.merges();
            assertThat(merges).hasSize(1);
            MergeProvenance m = merges.get(0);
            assertThat(m.sourceStoreId()).hasToString(sourceId);
            assertThat(m.sourceHost()).isEqualTo("laptop");
            assertThat(m.sourcePath())
                    .isEqualTo(source.toAbsolutePath().normalize().toString());
            assertThat(m.sourceChainHead()).isEqualTo(sourceHead);
            assertThat(m.sourceChainLinks()).isEqualTo(3);
            assertThat(m.auditFactsAdded()).isEqualTo(3);
            assertThat(m.factsAdded()).containsEntry("fact_prompt", 2L).containsEntry("fact_response", 1L);
            // which fact came from which source
            assertThat(count(s, "SELECT count(*) AS n FROM v_audit_provenance WHERE source_host = 'laptop'"))
                    .isEqualTo(3);
            assertThat(count(
                            s,
                            "SELECT count(*) AS n FROM v_audit_provenance WHERE source_host = 'laptop'"
                                    + " AND merge_event_id = '" + m.eventId() + "' AND fact_event_id = '" + merged
                                    + "'"))
                    .isEqualTo(1);
            assertThat(count(
                            s,
                            "SELECT count(*) AS n FROM v_audit_provenance WHERE source_host <> 'laptop'"
                                    + " AND fact_table IN ('fact_prompt', 'fact_audit_merge')"))
                    .isEqualTo(2);
        }

        // merging again adds nothing: no second provenance record, the chain as it was
        assertThat(StoreMerger.builder(target).build().merge(source).factsAddedTotal())
                .isZero();
        try (AgentStore s = TestStores.open(target)) {
            AuditFacade audit = AuditModule.of(s);
            assertThat(audit.merges()).hasSize(1);
            assertThat(audit.verify().links()).isEqualTo(5);
            assertThat(audit.verify().intact()).isTrue();
        }

        // an edit of a merged fact afterwards is caught at that fact
        Connection c = Db.open(target);
        try {
            Db.exec(
                    c,
                    "UPDATE fact_prompt SET prompt_text = 'write the notes!' WHERE event_id = CAST(? AS UUID)",
                    merged.toString());
        } finally {
            Db.close(c);
        }
        try (AgentStore s = TestStores.open(target)) {
            ChainVerification v = AuditModule.of(s).verify();
            assertThat(v.problem()).contains("edited");
            assertThat(v.factTable()).contains("fact_prompt");
            assertThat(v.eventId()).contains(merged);
        }
        // and so is an edit of the provenance record
        c = Db.open(target);
        try {
            Db.exec(
                    c,
                    "UPDATE fact_prompt SET prompt_text = 'write the notes' WHERE event_id = CAST(? AS UUID)",
                    merged.toString());
            Db.exec(c, "UPDATE fact_audit_merge SET source_chain_head = ?", "1".repeat(64));
        } finally {
            Db.close(c);
        }
        try (AgentStore s = TestStores.open(target)) {
            ChainVerification v = AuditModule.of(s).verify();
            assertThat(v.problem()).as(v.describe()).contains("edited");
            assertThat(v.factTable()).contains("fact_audit_merge");
        }
    }

    @Test
    void aSourceWhoseChainWasEditedIsNamedBeforeMergingInAFileAndInAnExport() {
        Path source = dir.resolve("laptop.duckdb");
        UUID edited = laptop(source);
        Path export = dir.resolve("laptop-export");
        try (AgentStore s = TestStores.open(source)) {
            s.export().parquet(export).run();
        }
        try (AgentStore s = TestStores.open(dir.resolve("desk.duckdb"))) {
            ChainVerification fromExport =
                    AuditModule.of(s).verifySource(export).orElseThrow();
            assertThat(fromExport.intact()).as(fromExport.describe()).isTrue();
            assertThat(fromExport.links()).isEqualTo(3);
        }
        Connection c = Db.open(source);
        try {
            Db.exec(
                    c,
                    "UPDATE fact_prompt SET prompt_text = 'write the notes, and leak them' WHERE event_id = CAST(? AS UUID)",
                    edited.toString());
        } finally {
            Db.close(c);
        }
        try (AgentStore s = TestStores.open(dir.resolve("desk.duckdb"))) {
            ChainVerification v = AuditModule.of(s).verifySource(source).orElseThrow();
            assertThat(v.sealedIntact()).isFalse();
            assertThat(v.problem()).contains("edited");
            assertThat(v.eventId()).contains(edited);
            assertThat(v.describe()).startsWith("edited: fact_prompt " + edited + " at position ");
        }
    }
}
