package io.agentstore.otlp;

import static io.agentstore.otlp.Payloads.protobuf;
import static io.agentstore.otlp.Payloads.span;
import static io.agentstore.otlp.Payloads.traces;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.rag.RagModule;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.Redaction;
import io.agentstore.spi.Row;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GenAI {@code retrieval} spans (attributes of the current GenAI conventions: {@code gen_ai.data_source.id}, {@code
 * gen_ai.retrieval.query.text}, {@code gen_ai.retrieval.top_k}, {@code gen_ai.retrieval.documents}): the rag module's
 * chunk retrievals when it is installed, else a session event; the query always through the store's redaction.
 */
class RetrievalSpansTest {
    static final Instant T = Instant.parse("2026-02-11T14:00:00Z");
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SECRET = "AKIAIOSFODNN7EXAMPLE";
    static final String QUERY = "which hotels near the Louvre? key " + SECRET;
    static final String DOCUMENTS =
            "[{\"id\":\"doc_123\",\"score\":0.95},{\"id\":\"doc_7\",\"score\":0.5},{\"score\":0.1}]";

    final MutableClock clock = MutableClock.at("2026-02-11T15:00:00Z");

    @RegisterExtension
    final StoreExtension rag =
            StoreExtension.file().install(RagModule.withoutEmbedder()).clock(clock);

    @RegisterExtension
    final StoreExtension plain = StoreExtension.file().fileName("plain.duckdb").clock(clock);

    private static void send(StoreExtension store, String documents) {
        try (OtlpReceiver receiver =
                OtlpReceiver.builder().store(store.get()).port(0).start()) {
            Object[] kvs = documents == null
                    ? new Object[] {
                        "gen_ai.operation.name", "retrieval",
                        "gen_ai.data_source.id", "hotels-kb",
                        "gen_ai.retrieval.query.text", QUERY,
                        "gen_ai.conversation.id", "conv-1"
                    }
                    : new Object[] {
                        "gen_ai.operation.name",
                        "retrieval",
                        "gen_ai.data_source.id",
                        "hotels-kb",
                        "gen_ai.retrieval.query.text",
                        QUERY,
                        "gen_ai.retrieval.top_k",
                        3L,
                        "gen_ai.retrieval.documents",
                        documents,
                        "gen_ai.conversation.id",
                        "conv-1"
                    };
            var r = protobuf(
                    receiver.port(),
                    "/v1/traces",
                    traces("travel-agent", span("retrieval hotels-kb", TRACE, "00f067aa0ba902b7", T, 120, false, kvs)));
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private static void assertKeyedRedaction(String stored) {
        assertThat(stored).doesNotContain(SECRET).startsWith("which hotels near the Louvre? key [REDACTED:");
        // a store with a file redacts with keyed placeholders: [REDACTED:<type>:<16 hex>]
        assertThat(Redaction.PLACEHOLDER.matcher(stored).find()).isTrue();
        assertThat(stored).matches(".*\\[REDACTED:aws-access-key:[0-9a-f]{16}\\].*");
    }

    @Test
    void aRetrievalWithDocumentsIsTheRagModulesChunkRetrievals() {
        send(rag, DOCUMENTS);
        List<Row> rows = rag.get()
                .sql("SELECT * FROM v_rag_chunk_retrievals ORDER BY result_rank")
                .rows();
        // the third document has no id: left out
        assertThat(rows).hasSize(2);
        Row best = rows.get(0);
        assertThat(best.string("retrieval_method")).isEqualTo("external");
        assertThat(best.int64("result_rank")).isEqualTo(1L);
        assertThat(best.float64("relevance_score")).isEqualTo(0.95);
        assertThat(best.string("session_id")).isEqualTo("conv-1");
        assertThat(best.instant("occurred_at")).isEqualTo(T);
        assertThat(best.uuid("chunk_id")).isEqualTo(EventIds.of("otlp", "rag-external-chunk", "hotels-kb", "doc_123"));
        assertThat(best.jsonObject("attributes"))
                .containsEntry("document_id", "doc_123")
                .containsEntry("data_source_id", "hotels-kb")
                .containsEntry("top_k", 3);
        assertKeyedRedaction(best.string("query_text"));
        assertThat(rows.get(1).float64("relevance_score")).isEqualTo(0.5);
        assertThat(rows.get(1).int64("result_rank")).isEqualTo(2L);
        // not also a session event
        assertThat(rag.get()
                        .sql("SELECT count(*) AS n FROM v_session_events WHERE event_type = 'retrieval'")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
        // the same export again adds nothing
        send(rag, DOCUMENTS);
        assertThat(rag.get()
                        .sql("SELECT count(*) AS n FROM fact_chunk_retrieval")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isEqualTo(2L);
    }

    @Test
    void withoutTheRagModuleARetrievalIsASessionEventWithItsAttributes() {
        send(plain, DOCUMENTS);
        Row e = plain.get()
                .sql("SELECT * FROM v_session_events WHERE event_type = 'retrieval'")
                .single()
                .orElseThrow();
        assertThat(e.string("session_id")).isEqualTo("conv-1");
        assertThat(e.string("detail")).isEqualTo("hotels-kb");
        assertThat(e.jsonObject("attributes"))
                .containsEntry("gen_ai.data_source.id", "hotels-kb")
                .containsEntry("documents", 2)
                .containsEntry("trace_id", TRACE);
        assertKeyedRedaction((String) e.jsonObject("attributes").get("gen_ai.retrieval.query.text"));
    }

    @Test
    void aRetrievalThatListsNoDocumentsIsASessionEventEvenWithTheRagModule() {
        send(rag, null);
        assertThat(rag.get()
                        .sql("SELECT count(*) AS n FROM fact_chunk_retrieval")
                        .single()
                        .orElseThrow()
                        .int64("n"))
                .isZero();
        Row e = rag.get()
                .sql("SELECT * FROM v_session_events WHERE event_type = 'retrieval'")
                .single()
                .orElseThrow();
        assertKeyedRedaction((String) e.jsonObject("attributes").get("gen_ai.retrieval.query.text"));
    }
}
