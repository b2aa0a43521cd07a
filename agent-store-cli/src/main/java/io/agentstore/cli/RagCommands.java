package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.rag.IndexReport;
import io.agentstore.rag.RagFacade;
import io.agentstore.rag.RagModule;
import io.agentstore.rag.SearchHit;
import io.agentstore.rag.SearchQuery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store index} and {@code agent-store search}: the rag module from the command line. */
final class RagCommands {
    private RagCommands() {}

    /** {@code agent-store index PATH...}: incremental, language-aware indexing of project folders. */
    @Command(
            name = "index",
            mixinStandardHelpOptions = true,
            description = "Index project folders for search (honouring .gitignore; unchanged files cost a stat)."
                    + " --changed re-indexes only the files agents edited since their last indexing.")
    static final class Index implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Folders to index.")
        List<Path> paths = List.of();

        @Option(names = "--changed", description = "Re-index only the documents hooks marked as edited.")
        boolean changed;

        @Option(names = "--max-bytes", description = "Skip larger files (default ${DEFAULT-VALUE}).")
        long maxBytes = RagFacade.DEFAULT_MAX_BYTES;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!changed && paths.isEmpty()) {
                throw new IllegalArgumentException("name at least one PATH to index, or --changed");
            }
            try (AgentStore s = store.openForWriting(null, List.of("rag"))) {
                RagFacade rag = RagModule.of(s);
                IndexReport report = changed
                        ? rag.indexChanged()
                        : rag.index(paths, maxBytes, (done, total) -> {
                            if (total >= 500) {
                                int width = 30;
                                int filled = (int) ((long) done * width / total);
                                err.printf(
                                        Locale.ROOT,
                                        "\r[%s%s] %d/%d files",
                                        "#".repeat(filled),
                                        " ".repeat(width - filled),
                                        done,
                                        total);
                                if (done == total) {
                                    err.println();
                                }
                                err.flush();
                            }
                        });
                out.println(report.summary());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code agent-store search "QUERY"}: hybrid, keyword or vector search over what was indexed. */
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Search the indexed files: hybrid (BM25 and vector, fused) by default.")
    static final class Search implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "QUERY", description = "What to find.")
        String query;

        @Option(names = "--method", description = "hybrid (default), keyword or vector.")
        String method = "hybrid";

        @Option(
                names = {"-n", "--limit"},
                description = "Hits (default ${DEFAULT-VALUE}).")
        int limit = 10;

        @Option(names = "--path", description = "Only paths matching this glob, e.g. 'src/**/*.py'.")
        String path;

        @Option(names = "--language", description = "Only this language (java, python, typescript, markdown...).")
        String language;

        @Option(names = "--type", description = "Only this document type (code, documentation, config...).")
        String type;

        @Option(names = "--since", description = "Only files indexed since this ISO-8601 instant.")
        Instant since;

        @Option(names = "--entity", description = "Only chunks defining or using this name.")
        String entity;

        @Option(names = "--text", description = "Print each hit's text.")
        boolean text;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SearchQuery q = SearchQuery.of(query).withMethod(method).withLimit(limit);
            if (path != null) {
                q = q.withPath(path);
            }
            if (language != null) {
                q = q.withLanguage(language);
            }
            if (type != null) {
                q = q.withDocumentType(type);
            }
            if (since != null) {
                q = q.withModifiedSince(since);
            }
            if (entity != null) {
                q = q.withEntity(entity);
            }
            try (AgentStore s = store.openForWriting(null, List.of("rag"))) {
                RagFacade rag = RagModule.of(s);
                if (rag.embedder().isEmpty() && method.equals("hybrid")) {
                    spec.commandLine()
                            .getErr()
                            .println("note: no embedder on the class path (see the rag module's README):"
                                    + " hybrid search is keyword search only");
                }
                List<SearchHit> hits = rag.search(q);
                if (hits.isEmpty()) {
                    out.println("no hits");
                }
                for (SearchHit h : hits) {
                    out.printf(
                            Locale.ROOT,
                            "%2d. %s:%d-%d %s  (%.4f)%n",
                            h.rank(),
                            h.documentPath(),
                            h.lineStart(),
                            h.lineEnd(),
                            h.symbol() == null ? "" : h.symbol(),
                            h.score());
                    if (text) {
                        out.println(h.text().indent(6).stripTrailing());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
