package io.agentstore.bench;

import io.agentstore.claudecode.SyntheticHistory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A Claude Code transcript corpus of at least a given size, written by the project's own generator
 * ({@link SyntheticHistory}) in chunks of {@value #CHUNK_SESSIONS} sessions with consecutive seeds, and cached:
 * a {@code corpus.properties} beside {@code projects/} records what was written, so a second run with the same
 * size reuses it. A folder without that file (an interrupted generation) is written again.
 *
 * @param root     the corpus folder: {@code projects/} (the Claude Code layout) and {@code corpus.properties}
 * @param bytes    transcript bytes
 * @param files    transcript files
 * @param sessions sessions
 * @param apiCalls distinct API calls in the generator's ledger
 * @param toolCalls tool calls in the generator's ledger
 */
public record ImportCorpus(Path root, long bytes, long files, long sessions, long apiCalls, long toolCalls) {
    /** Sessions per generator call. */
    public static final int CHUNK_SESSIONS = 500;
    /** The last instant of the generated history. */
    public static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    /** Days the history spans. */
    public static final int DAYS = 90;

    private static final long SEED = 20261121L;

    /** The folder to give the importer ({@code projectsDir}) and ccusage ({@code CLAUDE_CONFIG_DIR/projects}). */
    public Path projects() {
        return root.resolve("projects");
    }

    /**
     * The corpus of at least {@code megabytes} MB (10^6 bytes) under {@code root}, generated when it is not
     * there yet.
     *
     * @param log receives one progress line per chunk
     */
    public static ImportCorpus ensure(Path root, int megabytes, java.util.function.Consumer<String> log) {
        Path marker = root.resolve("corpus.properties");
        long target = megabytes * 1_000_000L;
        try {
            if (Files.isRegularFile(marker)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(marker)) {
                    p.load(r);
                }
                if (Long.parseLong(p.getProperty("target_bytes")) == target) {
                    return new ImportCorpus(
                            root,
                            Long.parseLong(p.getProperty("bytes")),
                            Long.parseLong(p.getProperty("files")),
                            Long.parseLong(p.getProperty("sessions")),
                            Long.parseLong(p.getProperty("api_calls")),
                            Long.parseLong(p.getProperty("tool_calls")));
                }
            }
            deleteTree(root);
            Files.createDirectories(root);
            long bytes = 0;
            long files = 0;
            long sessions = 0;
            long api = 0;
            long tools = 0;
            for (int chunk = 0; bytes < target; chunk++) {
                SyntheticHistory.Ledger l = SyntheticHistory.of(SEED + chunk, CHUNK_SESSIONS, END, DAYS)
                        .writeTo(root.resolve("projects"));
                bytes += l.bytes();
                files += l.files();
                sessions += CHUNK_SESSIONS;
                api += l.apiCalls();
                tools += l.toolCalls();
                log.accept(String.format("corpus: %,d sessions, %,d MB", sessions, bytes / 1_000_000));
            }
            Properties p = new Properties();
            p.setProperty("target_bytes", Long.toString(target));
            p.setProperty("bytes", Long.toString(bytes));
            p.setProperty("files", Long.toString(files));
            p.setProperty("sessions", Long.toString(sessions));
            p.setProperty("api_calls", Long.toString(api));
            p.setProperty("tool_calls", Long.toString(tools));
            try (Writer w = Files.newBufferedWriter(marker)) {
                p.store(w, "written by agent-store-bench ImportCorpus (SyntheticHistory, seed " + SEED + " + chunk)");
            }
            return new ImportCorpus(root, bytes, files, sessions, api, tools);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the import corpus under " + root, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Generates the corpus: {@code ImportCorpus DIR MB}. */
    public static void main(String[] args) {
        ImportCorpus c = ensure(Path.of(args[0]), Integer.parseInt(args[1]), System.out::println);
        System.out.println(c);
    }
}
