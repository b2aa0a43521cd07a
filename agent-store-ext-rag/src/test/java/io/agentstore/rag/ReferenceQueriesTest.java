package io.agentstore.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.rag.internal.ChunkerTest;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.SqlResources;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reference query of {@code sql/queries/rag/} runs against a store filled through the facade and the hook
 * mapping, and its answer is checked against values worked out by hand (the timeline in {@link #fill()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceQueriesTest {
    static final MutableClock clock = MutableClock.at("2025-05-01T10:00:00Z");
    static final HashingEmbedder embedder = new HashingEmbedder();

    @RegisterExtension
    static final StoreExtension store =
            StoreExtension.inMemory().install(RagModule.withEmbedder(embedder)).clock(clock);

    @TempDir
    static Path root;

    private AgentStore s;

    @BeforeAll
    void fill() throws IOException {
        s = store.get();
        RagFacade rag = RagModule.of(s);
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve(".gitignore"), "build/\n");
        Files.writeString(root.resolve("src/Calc.java"), ChunkerTest.JAVA_SOURCE);
        Files.writeString(root.resolve("app/util.py"), ChunkerTest.PYTHON_SOURCE);
        Files.writeString(root.resolve("README.md"), ChunkerTest.MARKDOWN_SOURCE);
        // 10:00 first index: .gitignore 1 chunk, README 2, util.py 4, Calc.java 3
        rag.index(List.of(root));
        // 10:30 util.py gains extra() at line 10: 5 chunks
        clock.set("2025-05-01T10:30:00Z");
        Files.writeString(root.resolve("app/util.py"), ChunkerTest.PYTHON_SOURCE + "\ndef extra():\n    return 1\n");
        rag.index(List.of(root));
        // 10:40 retrievals: the helper chunk twice in s1 (0.5, 0.7), Calc.add once in s2 (0.9)
        clock.set("2025-05-01T10:40:00Z");
        UUID helper = chunk("app/util.py", "helper");
        UUID add = chunk("src/Calc.java", "Calc.add");
        s.recordAll(List.of(
                new ChunkRetrieval(
                        null, clock.instant(), null, helper, "s1", "helper", 0.5, "hybrid", 1L, true, Map.of()),
                new ChunkRetrieval(
                        null, clock.instant(), null, helper, "s1", "helper fn", 0.7, "hybrid", 1L, null, Map.of()),
                new ChunkRetrieval(null, clock.instant(), null, add, "s2", null, 0.9, "read", null, null, Map.of())));
        // 10:45 the agent of s1 edits Calc.java: a hook's mark
        clock.set("2025-05-01T10:45:00Z");
        s.apply(List.of(new SourceEvent.ToolCall(
                new SourceEvent.Envelope("claude-code", "s1", null, null, null, null, clock.instant(), "e1", Map.of()),
                "e1",
                "Edit",
                Map.of("file_path", root.resolve("src/Calc.java").toString()),
                "ok",
                false)));
        clock.set("2025-05-01T11:00:00Z");
    }

    private UUID chunk(String path, String symbol) {
        return s.sql("SELECT chunk_id FROM v_rag_chunks WHERE document_path = ? AND symbol = ?", path, symbol)
                .rows()
                .get(0)
                .uuid("chunk_id");
    }

    private List<Row> run(String name, Object... params) {
        return s.sql(SqlResources.load(RagFacade.class, "agent-store/queries/rag/" + name), params)
                .rows();
    }

    private Map<String, Consumer<String>> cases() {
        Map<String, Consumer<String>> c = new LinkedHashMap<>();
        c.put(
                "entity_references.sql",
                q -> assertThat(run(q, "helper"))
                        .extracting(r -> r.string("reference_type") + " " + r.string("document_path") + ":"
                                + r.int64("line_number"))
                        .containsExactly("definition app/util.py:3", "call app/util.py:8"));
        c.put("recent_changes.sql", q -> {
            Instant since = Instant.parse("2025-05-01T10:20:00Z");
            assertThat(run(q, since, null, null, null))
                    .extracting(r ->
                            r.instant("occurred_at") + " " + r.string("update_type") + " " + r.string("detected_by")
                                    + " " + r.string("document_path") + " " + r.bool("reindex_required"))
                    .containsExactly(
                            "2025-05-01T10:45:00Z modified hook src/Calc.java true",
                            "2025-05-01T10:30:00Z modified index app/util.py false");
            assertThat(run(q, since, "python", "python", "python"))
                    .extracting(r -> r.string("document_path"))
                    .containsExactly("app/util.py");
        });
        c.put("chunks_of_lines.sql", q -> {
            assertThat(run(q, "src/Calc.java", "src/Calc.java", 13, 13))
                    .extracting(r -> r.string("symbol") + " " + r.int64("line_start") + "-" + r.int64("line_end"))
                    .containsExactly("Calc.twice 13-15");
            String absolute = root.resolve("src/Calc.java").toString();
            // parameters: document twice, last line, first line; lines 50-100 lie past the file's end
            assertThat(run(q, absolute, absolute, 100, 50))
                    .as("no chunk past the end of the file")
                    .isEmpty();
            assertThat(run(q, absolute, absolute, 9, 1))
                    .extracting(r -> r.string("symbol"))
                    .containsExactly("Calc", "Calc.add");
        });
        c.put(
                "changed_last_hour.sql",
                // modified in (10:00, 11:00]: util.py by the indexer at 10:30, Calc.java by the hook at 10:45
                q -> assertThat(run(q))
                        .extracting(r -> r.string("document_path") + " " + r.int64("chunk_index"))
                        .containsExactly(
                                "app/util.py 0",
                                "app/util.py 1",
                                "app/util.py 2",
                                "app/util.py 3",
                                "app/util.py 4",
                                "src/Calc.java 0",
                                "src/Calc.java 1",
                                "src/Calc.java 2"));
        c.put("hybrid_filter_search.sql", q -> {
            String vector = Arrays.toString(embedder.embed("helper"));
            // util.py chunks whose text holds 'helper': its definition (3-4) and Runner.run, which calls it
            assertThat(run(q, vector, embedder.model(), "python", "%helper%"))
                    .extracting(r -> r.string("symbol"))
                    .containsExactlyInAnyOrder("helper", "Runner.run");
            assertThat(run(q, vector, embedder.model(), "java", "%helper%")).isEmpty();
        });
        c.put(
                "most_retrieved_chunks.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("document_path") + " " + r.string("symbol") + " "
                                + r.int64("retrieval_count") + " " + Math.round(r.float64("avg_score") * 100))
                        .containsExactly("app/util.py helper 2 60", "src/Calc.java Calc.add 1 90"));
        c.put("dead_chunks.sql", q -> {
            assertThat(run(q)).as("nothing is 30 days old at 11:00").isEmpty();
            clock.set("2025-06-15T00:00:00Z");
            try {
                // 11 live chunks (.gitignore 1, README 2, util.py 5, Calc.java 3) less the 2 retrieved
                assertThat(run(q))
                        .hasSize(9)
                        .extracting(r -> r.string("symbol"))
                        .doesNotContain("helper", "Calc.add");
            } finally {
                clock.set("2025-05-01T11:00:00Z");
            }
        });
        c.put(
                "session_reads.sql",
                q -> assertThat(run(q, "s1", "s1"))
                        .extracting(r -> r.string("what") + " " + r.string("document_path") + " " + r.string("how"))
                        .containsExactly(
                                "edited src/Calc.java hook",
                                "retrieved app/util.py hybrid",
                                "retrieved app/util.py hybrid"));
        c.put(
                "documents_needing_reindex.sql",
                q -> assertThat(run(q))
                        .extracting(r -> r.string("document_path"))
                        .containsExactly("src/Calc.java"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceQueryIsCheckedByHand() throws IOException, URISyntaxException {
        URL folder = ReferenceQueriesTest.class.getClassLoader().getResource("agent-store/queries/rag");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
            list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .forEach(files::add);
        }
        Map<String, Consumer<String>> cases = cases();
        assertThat(cases.keySet()).as("a checked case for every query file").isEqualTo(files);
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f, () -> cases.get(f).accept(f)));
    }
}
