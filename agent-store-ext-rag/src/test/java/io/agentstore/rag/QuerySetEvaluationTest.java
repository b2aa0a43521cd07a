package io.agentstore.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.testing.MutableClock;
import io.agentstore.testing.StoreExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured claim of the module: on two query sets written before any tuning (agent-store's own source,
 * and a small Python and TypeScript code base), hybrid search finds the answering chunk in its top 10 more
 * often than either of its parts. Prints recall@5, recall@10 and MRR of keyword, vector and hybrid. A hit
 * answers a question when it is in the expected file and its symbol is the expected entity ({@code
 * Class.entity} or {@code entity}), or the entity is the file's own class.
 */
class QuerySetEvaluationTest {
    private static final Embedder EMBEDDER = MiniLmEmbedder.ifAvailable().orElseThrow();
    private static final Path REPO = repositoryRoot();

    private final MutableClock clock = MutableClock.at("2025-03-01T00:00:00Z");

    @RegisterExtension
    final StoreExtension store =
            StoreExtension.inMemory().install(RagModule.withEmbedder(EMBEDDER)).clock(clock);

    record Question(String text, String file, String entity) {}

    record Score(double recall5, double recall10, double mrr) {}

    @TempDir
    Path subset;

    /**
     * The project set over the 21 files its questions name (copied with their paths: every other chunk of those
     * files is a distractor), because MiniLM embeds about 15 chunks a second on 2 shared cores. With
     * {@code -Drag.eval.full=true} it runs over all of agent-store-core/src/main/java and sql/core instead.
     */
    @Test
    void hybridBeatsKeywordAndVectorOnTheProjectSet() throws IOException {
        List<Question> questions = questions("querysets/project.tsv");
        List<Path> roots;
        if (Boolean.getBoolean("rag.eval.full")) {
            roots = List.of(REPO.resolve("agent-store-core/src/main/java"), REPO.resolve("sql/core"));
        } else {
            for (String file : questions.stream().map(Question::file).distinct().toList()) {
                Path target = subset.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(REPO.resolve(file), target);
            }
            roots = List.of(subset);
        }
        Map<String, Score> scores = evaluate(store.get(), roots, questions, "project");
        assertHybridAhead(scores);
    }

    /**
     * The bookshop set: 109 questions over 36 Python and TypeScript files. Its first 44 questions over 15 files
     * were saturated (vector and hybrid both at recall@10 = 1.0); the files and questions added for issue 17 were
     * committed before this test ran on them, so the assertion is the issue's claim, not one fitted to the result.
     */
    @Test
    void hybridBeatsKeywordAndVectorOnThePythonAndTypeScriptSet() throws IOException, URISyntaxException {
        Path bookshop =
                Path.of(QuerySetEvaluationTest.class.getResource("/bookshop").toURI());
        Map<String, Score> scores =
                evaluate(store.get(), List.of(bookshop), questions("querysets/bookshop.tsv"), "bookshop");
        assertHybridAhead(scores);
    }

    private static void assertHybridAhead(Map<String, Score> scores) {
        assertThat(scores.get("hybrid").recall10())
                .as("hybrid recall@10 against keyword")
                .isGreaterThan(scores.get("keyword").recall10());
        assertThat(scores.get("hybrid").recall10())
                .as("hybrid recall@10 against vector")
                .isGreaterThan(scores.get("vector").recall10());
    }

    private Map<String, Score> evaluate(AgentStore s, List<Path> roots, List<Question> questions, String name) {
        RagFacade rag = RagModule.of(s);
        IndexReport report = rag.index(roots);
        System.out.println("[" + name + "] indexed: " + report.summary());
        Map<String, Score> scores = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder("| method | recall@5 | recall@10 | MRR |\n|---|---|---|---|\n");
        for (String method : List.of("keyword", "vector", "hybrid")) {
            double r5 = 0;
            double r10 = 0;
            double mrr = 0;
            long t0 = System.nanoTime();
            for (Question q : questions) {
                List<SearchHit> hits = rag.search(SearchQuery.of(q.text())
                        .withMethod(method)
                        .withLimit(10)
                        .unlogged());
                int rank = 0;
                for (SearchHit h : hits) {
                    if (answers(h, q, roots)) {
                        rank = h.rank();
                        break;
                    }
                }
                if (rank == 0 || rank > 5) {
                    System.out.println("[" + name + "] " + method + " rank " + (rank == 0 ? ">10" : rank) + ": "
                            + q.text() + " -> " + q.entity() + "; top: "
                            + hits.stream()
                                    .limit(3)
                                    .map(h -> h.documentPath() + " " + h.symbol())
                                    .toList());
                }
                r5 += rank > 0 && rank <= 5 ? 1 : 0;
                r10 += rank > 0 ? 1 : 0;
                mrr += rank > 0 ? 1.0 / rank : 0;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int n = questions.size();
            Score score = new Score(r5 / n, r10 / n, mrr / n);
            scores.put(method, score);
            table.append(String.format(
                    "| %s | %.3f | %.3f | %.3f |   (%d queries, %d ms)%n",
                    method, score.recall5(), score.recall10(), score.mrr(), n, ms));
        }
        System.out.println("[" + name + "] " + questions.size() + " questions\n" + table);
        return scores;
    }

    private static boolean answers(SearchHit h, Question q, List<Path> roots) {
        Path root = Path.of(h.rootPath());
        String prefixed = root.startsWith(REPO)
                ? REPO.relativize(root).toString().replace('\\', '/') + "/" + h.documentPath()
                : h.documentPath();
        if (!h.documentPath().equals(q.file()) && !prefixed.equals(q.file())) {
            return false;
        }
        String stem = q.file().substring(q.file().lastIndexOf('/') + 1);
        stem = stem.contains(".") ? stem.substring(0, stem.indexOf('.')) : stem;
        String symbol = h.symbol() == null ? "" : h.symbol();
        return symbol.equals(q.entity()) || symbol.endsWith("." + q.entity()) || stem.equals(q.entity());
    }

    private static List<Question> questions(String resource) throws IOException {
        List<Question> out = new ArrayList<>();
        try (InputStream in = QuerySetEvaluationTest.class.getResourceAsStream("/" + resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Question(f[0], f[1], f[2].trim()));
            }
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("agent-store-core"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException(
                    "not inside the agent-store repository: " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
