package io.agentstore.bench;

import io.agentstore.AgentStore;
import io.agentstore.rag.Embedder;
import io.agentstore.rag.IndexReport;
import io.agentstore.rag.RagFacade;
import io.agentstore.rag.RagModule;
import io.agentstore.rag.SearchQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The rag benchmark: indexing speed (files/s, MB/s) on this repository's own tree, keyword only; then, on
 * generated Python corpora of about 10k and 100k chunks, indexing time and the latency of keyword, vector and
 * hybrid search. Embeddings there are random unit vectors (seeded by the chunk text): a real model embeds
 * about 13 chunks a second on 2 cores, which would take hours at 100k; search cost does not depend on what
 * the vectors mean.
 */
final class RagBench {
    private static final int DIMENSIONS = 384;
    private static final int FUNCTIONS_PER_FILE = 10;

    private final Path tree;
    private final List<Integer> sizes;
    private final Path workDir;
    private final Consumer<String> log;

    RagBench(Path tree, List<Integer> sizes, Path workDir, Consumer<String> log) {
        this.tree = tree;
        this.sizes = sizes;
        this.workDir = workDir;
        this.log = log;
    }

    /** Random unit vectors, the same for the same text. */
    static final class RandomUnitEmbedder implements Embedder {
        @Override
        public String model() {
            return "random-unit-" + DIMENSIONS;
        }

        @Override
        public int dimensions() {
            return DIMENSIONS;
        }

        @Override
        public float[] embed(String text) {
            Random r = new Random(text.hashCode());
            float[] v = new float[DIMENSIONS];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / Math.sqrt(norm));
            }
            return v;
        }
    }

    Map<String, Object> run() throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Machine.current().toMap());
        Files.createDirectories(workDir);
        try (AgentStore s = open("rag-tree.duckdb", RagModule.withoutEmbedder())) {
            RagFacade rag = RagModule.of(s);
            IndexReport first = rag.index(List.of(tree));
            IndexReport again = rag.index(List.of(tree));
            log.accept("tree: " + first.summary());
            log.accept("tree again: " + again.summary());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("files", first.filesSeen());
            t.put("chunks", first.chunksWritten());
            t.put("mb", first.bytesRead() / 1e6);
            t.put("seconds", first.elapsed().toMillis() / 1000.0);
            t.put("files_per_s", first.filesSeen() / seconds(first));
            t.put("mb_per_s", first.bytesRead() / 1e6 / seconds(first));
            t.put("unchanged_seconds", again.elapsed().toMillis() / 1000.0);
            result.put("tree", t);
        }
        List<Map<String, Object>> corpora = new ArrayList<>();
        for (int chunks : sizes) {
            Path corpus = workDir.resolve("rag-corpus-" + chunks);
            generate(corpus, chunks);
            try (AgentStore s = open("rag-" + chunks + ".duckdb", RagModule.withEmbedder(new RandomUnitEmbedder()))) {
                RagFacade rag = RagModule.of(s);
                IndexReport report = rag.index(List.of(corpus));
                log.accept(chunks + " chunks: " + report.summary());
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("chunks", report.chunksWritten());
                c.put("files", report.filesSeen());
                c.put("index_seconds", seconds(report));
                c.put("files_per_s", report.filesSeen() / seconds(report));
                c.put("mb_per_s", report.bytesRead() / 1e6 / seconds(report));
                Random r = new Random(7);
                for (String method : List.of("keyword", "vector", "hybrid")) {
                    double[] ms = new double[25];
                    for (int i = 0; i < ms.length + 3; i++) {
                        String q = word(r) + " " + word(r) + " " + word(r);
                        long t0 = System.nanoTime();
                        rag.search(SearchQuery.of(q).withMethod(method).unlogged());
                        if (i >= 3) {
                            ms[i - 3] = (System.nanoTime() - t0) / 1e6;
                        }
                    }
                    Arrays.sort(ms);
                    c.put(method + "_median_ms", ms[ms.length / 2]);
                    c.put(method + "_p90_ms", ms[(int) (ms.length * 0.9)]);
                    log.accept(String.format(
                            Locale.ROOT,
                            "  %s: median %.1f ms, p90 %.1f ms",
                            method,
                            ms[ms.length / 2],
                            ms[(int) (ms.length * 0.9)]));
                }
                corpora.add(c);
            }
        }
        result.put("corpora", corpora);
        return result;
    }

    private static double seconds(IndexReport r) {
        return Math.max(1e-3, r.elapsed().toNanos() / 1e9);
    }

    private AgentStore open(String name, RagModule module) throws IOException {
        Path db = workDir.resolve(name);
        Files.deleteIfExists(db);
        Files.deleteIfExists(workDir.resolve(name + ".wal"));
        return AgentStore.builder().path(db).install(module).build();
    }

    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu", "pa", "qi", "be", "do", "fu", "ge"
    };

    /** A word of a 4096-word vocabulary, skewed so that some are common. */
    private static String word(Random r) {
        int n = (int) Math.min(4095, Math.abs(r.nextGaussian()) * 700);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            b.append(SYLLABLES[n % 16]);
            n /= 16;
        }
        return b.toString();
    }

    private void generate(Path dir, int chunks) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Random r = new Random(chunks);
        int files = Math.max(1, chunks / FUNCTIONS_PER_FILE);
        for (int f = 0; f < files; f++) {
            StringBuilder b = new StringBuilder();
            for (int fn = 0; fn < FUNCTIONS_PER_FILE; fn++) {
                b.append("def ")
                        .append(word(r))
                        .append('_')
                        .append(word(r))
                        .append("(")
                        .append(word(r))
                        .append("):\n");
                b.append("    \"\"\"")
                        .append(word(r))
                        .append(' ')
                        .append(word(r))
                        .append(' ')
                        .append(word(r))
                        .append(".\"\"\"\n");
                for (int line = 0; line < 6; line++) {
                    b.append("    ")
                            .append(word(r))
                            .append(" = ")
                            .append(word(r))
                            .append('(')
                            .append(word(r))
                            .append(", ")
                            .append(word(r))
                            .append(")\n");
                }
                b.append("    return ").append(word(r)).append("\n\n");
            }
            Path file = dir.resolve("pkg" + (f / 500)).resolve("m" + f + ".py");
            Files.createDirectories(file.getParent());
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r) {
        StringBuilder b = new StringBuilder("# rag benchmark\n\n");
        b.append("Machine: ").append(r.get("machine")).append("\n\n");
        Map<String, Object> t = (Map<String, Object>) r.get("tree");
        b.append(String.format(
                Locale.ROOT,
                "This repository, keyword only: %s files, %s chunks, %.1f MB in %.1f s: %.0f files/s, %.2f MB/s;"
                        + " again unchanged: %.2f s.%n%n",
                t.get("files"),
                t.get("chunks"),
                (Double) t.get("mb"),
                (Double) t.get("seconds"),
                (Double) t.get("files_per_s"),
                (Double) t.get("mb_per_s"),
                (Double) t.get("unchanged_seconds")));
        b.append("Generated Python corpora, random unit vectors (384 dimensions) as embeddings:\n\n");
        b.append("| chunks | files | index s | files/s | MB/s | keyword median / p90 ms | vector median / p90 ms |"
                + " hybrid median / p90 ms |\n|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> c : (List<Map<String, Object>>) r.get("corpora")) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %.0f | %.2f | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f |%n",
                    c.get("chunks"),
                    c.get("files"),
                    c.get("index_seconds"),
                    c.get("files_per_s"),
                    c.get("mb_per_s"),
                    c.get("keyword_median_ms"),
                    c.get("keyword_p90_ms"),
                    c.get("vector_median_ms"),
                    c.get("vector_p90_ms"),
                    c.get("hybrid_median_ms"),
                    c.get("hybrid_p90_ms")));
        }
        return b.toString();
    }
}
