package io.agentstore.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.rag.internal.ChunkerTest;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.ToolResult;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexing a small project folder: .gitignore, binary files, incremental re-indexing by stat and content hash,
 * deletions, search with filters, entity references, the hook mapping and the tools. Expected values are
 * worked out by hand from the files written in {@link #project()} (see {@link ChunkerTest} for the chunks).
 */
class IndexingTest {
    final MutableClock clock = MutableClock.at("2025-05-01T10:00:00Z");

    @RegisterExtension
    final StoreExtension store = StoreExtension.inMemory()
            .install(RagModule.withEmbedder(new HashingEmbedder()))
            .clock(clock);

    @TempDir
    Path root;

    private AgentStore s;
    private RagFacade rag;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("app"));
        Files.createDirectories(root.resolve("build"));
        Files.writeString(root.resolve(".gitignore"), "build/\n*.log\n");
        Files.writeString(root.resolve("src/Calc.java"), ChunkerTest.JAVA_SOURCE);
        Files.writeString(root.resolve("app/util.py"), ChunkerTest.PYTHON_SOURCE);
        Files.writeString(root.resolve("README.md"), ChunkerTest.MARKDOWN_SOURCE);
        Files.writeString(root.resolve("build/Out.java"), "class Out {}\n");
        Files.writeString(root.resolve("debug.log"), "ignored\n");
        Files.write(root.resolve("image.bin"), new byte[] {1, 2, 0, 3});
        s = store.get();
        rag = RagModule.of(s);
    }

    private long count(String sql, Object... params) {
        return s.sql(sql, params).rows().get(0).int64("n");
    }

    private long facts() {
        return count("SELECT (SELECT count(*) FROM fact_document_update) + (SELECT count(*) FROM fact_chunk)"
                + " + (SELECT count(*) FROM fact_term_posting) + (SELECT count(*) FROM fact_chunk_embedding)"
                + " + (SELECT count(*) FROM fact_entity_reference) + (SELECT count(*) FROM fact_chunk_retrieval) AS n");
    }

    @Test
    void indexesTheProjectHonouringGitignoreAndSkippingBinaries() {
        IndexReport r = rag.index(List.of(root));
        // .gitignore, README.md, app/util.py, image.bin, src/Calc.java; build/ and *.log are ignored
        assertThat(r.filesSeen()).isEqualTo(5);
        assertThat(r.created()).isEqualTo(4);
        assertThat(r.skippedBinary()).isEqualTo(1);
        // chunks: .gitignore 1, README 2 sections, util.py 4, Calc.java 3
        assertThat(r.chunksWritten()).isEqualTo(10);
        assertThat(s.sql("SELECT document_path, language, document_type, chunk_count FROM v_rag_documents "
                                + "ORDER BY document_path")
                        .rows())
                .extracting(x -> x.string("document_path") + " " + x.string("language") + " "
                        + x.string("document_type") + " " + x.int64("chunk_count"))
                .containsExactly(
                        ".gitignore null text 1",
                        "README.md markdown documentation 2",
                        "app/util.py python code 4",
                        "src/Calc.java java code 3");
        assertThat(count("SELECT count(*) AS n FROM v_rag_chunks")).isEqualTo(10);
        assertThat(count("SELECT count(*) AS n FROM fact_chunk_embedding")).isEqualTo(10);
    }

    @Test
    void reindexingAnUnchangedTreeWritesNothing() {
        rag.index(List.of(root));
        long before = facts();
        clock.advance(Duration.ofMinutes(5));
        IndexReport again = rag.index(List.of(root));
        assertThat(again.wroteNothing()).isTrue();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.bytesRead())
                .as("unchanged files cost a stat, not a read")
                .isZero();
        assertThat(facts()).isEqualTo(before);
    }

    @Test
    void aChangedFileIsReindexedAloneAndADeletedOneIsAnUpdate() throws IOException {
        rag.index(List.of(root));
        clock.advance(Duration.ofMinutes(5));
        Files.writeString(root.resolve("app/util.py"), ChunkerTest.PYTHON_SOURCE + "\ndef extra():\n    return 1\n");
        Files.delete(root.resolve("README.md"));
        IndexReport r = rag.index(List.of(root));
        assertThat(r.modified()).isEqualTo(1);
        assertThat(r.deleted()).isEqualTo(1);
        assertThat(r.unchanged()).isEqualTo(2);
        // util.py: the four chunks of before (the last one now ends at line 8 as before) and extra()
        assertThat(s.sql("SELECT symbol FROM v_rag_chunks WHERE document_path = 'app/util.py' ORDER BY chunk_index")
                        .rows())
                .extracting(x -> x.string("symbol"))
                .containsExactly(null, "helper", "Runner", "Runner.run", "extra");
        // only the new chunk text gets postings: the other four texts were indexed before
        assertThat(r.chunksWritten()).isEqualTo(5);
        assertThat(count("SELECT count(DISTINCT chunk_hash) AS n FROM fact_chunk_embedding"))
                .isEqualTo(11);
        assertThat(count("SELECT count(*) AS n FROM v_rag_chunks WHERE document_path = 'README.md'"))
                .isZero();
        assertThat(rag.recentChanges(clock.instant(), Optional.empty()))
                .extracting(c -> c.updateType() + " " + c.documentPath())
                .containsExactlyInAnyOrder("modified app/util.py", "deleted README.md");
    }

    @Test
    void searchesByKeywordVectorAndHybridWithFilters() {
        rag.index(List.of(root));
        List<SearchHit> hits =
                rag.search(SearchQuery.of("helper").withMethod("keyword").unlogged());
        assertThat(hits.get(0).documentPath()).isEqualTo("app/util.py");
        assertThat(hits.get(0).symbol()).isEqualTo("helper");
        assertThat(rag.search(SearchQuery.of("add total")
                        .withLanguage("python")
                        .withMethod("keyword")
                        .unlogged()))
                .isEmpty();
        assertThat(rag.search(SearchQuery.of("add total")
                                .withLanguage("java")
                                .withMethod("keyword")
                                .unlogged())
                        .get(0)
                        .symbol())
                .isEqualTo("Calc.add");
        assertThat(rag.search(SearchQuery.of("run")
                        .withEntity("helper")
                        .withMethod("hybrid")
                        .unlogged()))
                .extracting(SearchHit::symbol)
                .containsExactlyInAnyOrder("helper", "Runner.run");
        assertThat(rag.search(SearchQuery.of("intro text demo")
                        .withPath("*.md")
                        .withMethod("vector")
                        .unlogged()))
                .extracting(SearchHit::documentPath)
                .containsOnly("README.md");
        assertThat(count("SELECT count(*) AS n FROM fact_chunk_retrieval")).isZero();
        rag.search(SearchQuery.of("helper").withSession("s1").withLimit(2));
        assertThat(s.sql("SELECT retrieval_method, result_rank, session_id FROM v_rag_chunk_retrievals "
                                + "ORDER BY result_rank")
                        .rows())
                .extracting(
                        x -> x.string("retrieval_method") + " " + x.int64("result_rank") + " " + x.string("session_id"))
                .containsExactly("hybrid 1 s1", "hybrid 2 s1");
    }

    @Test
    void badQueriesNameTheField() {
        assertThatThrownBy(() -> SearchQuery.of("x").withMethod("fuzzy"))
                .hasMessageContaining("method")
                .hasMessageContaining("fuzzy");
        assertThatThrownBy(() -> SearchQuery.of("x").withLimit(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> rag.index(List.of(root.resolve("missing")))).hasMessageContaining("missing");
    }

    @Test
    void entityReferencesAreDefinitionsThenUses() {
        rag.index(List.of(root));
        assertThat(rag.entityReferences("helper"))
                .extracting(u -> u.referenceType() + " " + u.documentPath() + ":" + u.lineNumber())
                .containsExactly("definition app/util.py:3", "call app/util.py:8");
        assertThat(rag.entityReferences("add"))
                .extracting(u -> u.referenceType() + " " + u.documentPath() + ":" + u.lineNumber())
                .containsExactly("definition src/Calc.java:8", "call src/Calc.java:14");
    }

    private SourceEvent.ToolCall tool(String id, String name, Map<String, Object> input) {
        SourceEvent.Envelope envelope =
                new SourceEvent.Envelope("claude-code", "s7", null, null, null, null, clock.instant(), id, Map.of());
        return new SourceEvent.ToolCall(envelope, id, name, input, "ok", false);
    }

    @Test
    void anotherSystemsRetrievalIsOneExternalRetrievalPerDocument() {
        rag.index(List.of(root));
        UUID chunk = s.sql("SELECT chunk_id FROM v_rag_chunks ORDER BY chunk_id LIMIT 1")
                .rows()
                .get(0)
                .uuid("chunk_id");
        SourceEvent.Envelope envelope =
                new SourceEvent.Envelope("otlp", "s7", null, null, null, null, clock.instant(), "trace|span", Map.of());
        SourceEvent.Retrieval retrieval = new SourceEvent.Retrieval(
                envelope,
                "kb",
                "token ghp_0123456789abcdefghijABCDEFGHIJ0123456789 leaked",
                5L,
                List.of(
                        new SourceEvent.RetrievedDocument("doc-1", 0.8),
                        new SourceEvent.RetrievedDocument(chunk.toString(), null)));
        s.apply(List.of(retrieval));
        s.apply(List.of(retrieval));
        var rows = s.sql("SELECT * FROM v_rag_chunk_retrievals ORDER BY result_rank")
                .rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).string("retrieval_method")).isEqualTo("external");
        assertThat(rows.get(0).uuid("chunk_id")).isEqualTo(EventIds.of("otlp", "rag-external-chunk", "kb", "doc-1"));
        assertThat(rows.get(0).float64("relevance_score")).isEqualTo(0.8);
        assertThat(rows.get(0).string("session_id")).isEqualTo("s7");
        assertThat(rows.get(0).string("query_text"))
                .isEqualTo("token [REDACTED:github-token] leaked")
                .doesNotContain("ghp_");
        assertThat(rows.get(0).jsonObject("attributes")).containsEntry("indexed_chunk", false);
        // the second document is one of the store's own chunks
        assertThat(rows.get(1).uuid("chunk_id")).isEqualTo(chunk);
        assertThat(rows.get(1).int64("result_rank")).isEqualTo(2L);
        assertThat(rows.get(1).jsonObject("attributes")).containsEntry("indexed_chunk", true);
    }

    @Test
    void aReadIsARetrievalAndAnEditMarksTheDocumentForReindexing() {
        rag.index(List.of(root));
        String util = root.resolve("app/util.py").toAbsolutePath().toString();
        s.apply(List.of(
                tool("t1", "Read", Map.of("file_path", util, "offset", 3, "limit", 2)),
                tool("t2", "Edit", Map.of("file_path", util, "old_string", "a", "new_string", "b")),
                tool("t3", "Read", Map.of("file_path", "/elsewhere/x.py"))));
        // lines 3-4: the helper chunk only
        assertThat(s.sql("SELECT c.symbol, r.retrieval_method, r.session_id FROM v_rag_chunk_retrievals r "
                                + "JOIN v_rag_chunks c USING (chunk_id)")
                        .rows())
                .extracting(x -> x.string("symbol") + " " + x.string("retrieval_method") + " " + x.string("session_id"))
                .containsExactly("helper read s7");
        assertThat(s.sql("SELECT document_path FROM v_rag_documents WHERE reindex_required")
                        .rows())
                .extracting(x -> x.string("document_path"))
                .containsExactly("app/util.py");
        // re-import of the same events adds nothing
        long before = facts();
        s.apply(List.of(tool("t1", "Read", Map.of("file_path", util, "offset", 3, "limit", 2))));
        assertThat(facts()).isEqualTo(before);
        clock.advance(Duration.ofMinutes(1));
        IndexReport changed = rag.indexChanged();
        assertThat(changed.filesSeen()).isEqualTo(1);
        assertThat(changed.modified()).isEqualTo(1);
        assertThat(changed.chunksWritten())
                .as("same content: its chunks are stored already")
                .isZero();
        assertThat(count("SELECT count(*) AS n FROM v_rag_documents WHERE reindex_required"))
                .isZero();
    }

    @Test
    void toolsAnswerAgents() {
        rag.index(List.of(root));
        ToolResult search = s.callTool("search_code", Map.of("query", "helper", "language", "python", "limit", 1));
        assertThat(search.text()).startsWith("1. app/util.py:3-4 helper");
        ToolResult refs = s.callTool("get_entity_references", Map.of("entity", "helper"));
        assertThat(refs.text()).isEqualTo("definition app/util.py:3\ncall app/util.py:8\n");
        ToolResult chunk = s.callTool("get_chunk", Map.of("document", "src/Calc.java", "from_line", 13));
        assertThat(chunk.text()).startsWith("    public int twice(int x) {");
        ToolResult recent =
                s.callTool("get_recent_changes", Map.of("since", "2025-05-01T00:00:00Z", "file_type", "java"));
        assertThat(recent.text()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z") + " created src/Calc.java\n");
        assertThatThrownBy(() -> s.callTool("search_code", Map.of("query", "x", "method", "fuzzy")))
                .hasMessageContaining("method");
    }
}
