package io.agentstore.quality;

import io.agentstore.core.IngestError;
import io.agentstore.quality.internal.Git;
import io.agentstore.quality.internal.JUnitXmlReader;
import io.agentstore.quality.internal.JestJsonReader;
import io.agentstore.quality.internal.ParsedReport;
import io.agentstore.quality.internal.ParsedReport.BadReportException;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Quality tracking, from {@code store.module(QualityFacade.class)} or {@link QualityModule#of}: record
 * validations, measurements and test runs; import JUnit XML, Jest and Vitest reports and git history; ask
 * which test broke, which tests are flaky, which session produced a commit and whether the agent broke a
 * test. Imports are idempotent: a report file imported twice is one run (its event id comes from the file's
 * SHA-256), a commit imported twice is one commit. No method returns null.
 */
public final class QualityFacade {
    /** The {@code source} of the ingest errors this facade records. */
    public static final String INGEST_SOURCE = "quality-tests";

    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();
    private static final int GIT_BATCH = 500;

    private final StoreContext store;

    QualityFacade(StoreContext store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    // ------------------------------------------------------------------------------------------------ recording

    /** Records a validation; returns its event id. */
    public UUID recordValidation(Validation validation) {
        return store.record(required("validation", validation));
    }

    /** Records a quality measurement; returns its event id. */
    public UUID recordMeasurement(QualityMeasurement measurement) {
        return store.record(required("measurement", measurement));
    }

    /** Records a test run; returns its event id (give the run an event id to attach test cases in the same call). */
    public UUID recordTestRun(TestRun run) {
        return store.record(required("run", run));
    }

    /** Records test cases of runs recorded before (or in the same list), in one transaction. */
    public List<UUID> recordTestCases(List<TestCaseResult> cases) {
        return store.recordAll(required("cases", cases));
    }

    // ------------------------------------------------------------------------------------------------ importing

    /**
     * Imports test reports: JUnit XML files (Surefire, Failsafe, Gradle, pytest {@code --junitxml}, ...) and Jest
     * or Vitest {@code --json} files; a folder is searched for {@code *.xml} (except {@code failsafe-summary.xml})
     * and {@code *.json} files. Each file is one run, joined to the commit HEAD pointed at in the report's
     * repository at the report's timestamp (its own, else the file's modification time); see
     * {@link #importTestReports(List, String)} to name the commit instead. A file that cannot be read is
     * counted, recorded in {@code fact_ingest_error} and skipped.
     *
     * @throws IllegalArgumentException when a path does not exist
     */
    public TestImportSummary importTestReports(List<Path> paths) {
        return importReports(paths, null);
    }

    /**
     * As {@link #importTestReports(List)}, with every run joined to {@code commit} (a SHA, or any name git
     * resolves in the report's repository): the runs say {@code commit_rule = 'explicit'}.
     *
     * @throws IllegalArgumentException when a path does not exist or the commit cannot be resolved
     */
    public TestImportSummary importTestReports(List<Path> paths, String commit) {
        if (commit == null || commit.isBlank()) {
            throw new IllegalArgumentException(
                    "commit must not be empty, was " + (commit == null ? "null" : "'" + commit + "'"));
        }
        return importReports(paths, commit.strip());
    }

    private TestImportSummary importReports(List<Path> paths, String commit) {
        required("paths", paths);
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(reportFiles(Objects.requireNonNull(p, "paths must not contain null")));
        }
        Map<Path, Optional<Path>> repos = new HashMap<>();
        long imported = 0;
        long already = 0;
        long cases = 0;
        long bad = 0;
        for (Path file : files) {
            String hash = sha256(file);
            UUID runId = id("test-run", hash);
            if (!store.sql("SELECT 1 FROM fact_test_run WHERE event_id = ?", runId)
                    .rows()
                    .isEmpty()) {
                already++;
                continue;
            }
            Path dir = file.toAbsolutePath().getParent();
            Optional<Path> repo = repos.computeIfAbsent(dir, Git::topLevel);
            ParsedReport report;
            try {
                report = parse(file, repo);
            } catch (BadReportException e) {
                bad++;
                store.importAll(List.of(new IngestError(
                        id("ingest-error", hash),
                        null,
                        null,
                        INGEST_SOURCE,
                        file.toAbsolutePath().toString(),
                        e.line(),
                        e.offset(),
                        e.getMessage(),
                        null,
                        Map.of("report_hash", hash))));
                continue;
            }
            List<FactRecord> facts = toFacts(file, hash, runId, report, repo, commit, null, Map.of());
            store.importAll(facts);
            imported++;
            cases += facts.size() - 1;
        }
        return new TestImportSummary(files.size(), imported, already, cases, bad);
    }

    private static ParsedReport parse(Path file, Optional<Path> repo) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json") || (!name.endsWith(".xml") && firstChar(file) == '{');
        if (json) {
            return JestJsonReader.read(
                    file, path -> repo.map(r -> relativize(r, path)).orElse(path));
        }
        return JUnitXmlReader.read(file);
    }

    private static String relativize(Path repo, String path) {
        try {
            Path p = Path.of(path);
            return p.isAbsolute() && p.startsWith(repo) ? repo.relativize(p).toString() : path;
        } catch (RuntimeException e) {
            return path;
        }
    }

    private static int firstChar(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            while ((c = in.read()) != -1 && Character.isWhitespace(c)) {
                // skip leading white space
            }
            return c;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The facts of one report file, as {@link #importTestReports(List)} stores them (the same event ids: a file
     * imported both ways is one run), for a run found by the hook of the command that wrote it: the run carries
     * {@code sessionId} and {@code extra} attributes. A file that cannot be read as a report gives its ingest error.
     */
    static List<FactRecord> reportFacts(Path file, String sessionId, Map<String, Object> extra) {
        String hash = sha256(file);
        UUID runId = id("test-run", hash);
        Optional<Path> repo = Git.topLevel(file.toAbsolutePath().getParent());
        try {
            return toFacts(file, hash, runId, parse(file, repo), repo, null, sessionId, extra);
        } catch (BadReportException e) {
            return List.of(new IngestError(
                    id("ingest-error", hash),
                    null,
                    null,
                    INGEST_SOURCE,
                    file.toAbsolutePath().toString(),
                    e.line(),
                    e.offset(),
                    e.getMessage(),
                    null,
                    Map.of("report_hash", hash)));
        }
    }

    private static List<FactRecord> toFacts(
            Path file,
            String hash,
            UUID runId,
            ParsedReport report,
            Optional<Path> repo,
            String commit,
            String sessionId,
            Map<String, Object> extra) {
        Instant at;
        Map<String, Object> attributes = new LinkedHashMap<>(extra);
        if (report.startedAt() != null) {
            at = report.startedAt();
            attributes.put("timestamp_source", report.zoneAssumed() ? "report (no zone, read as UTC)" : "report");
        } else {
            try {
                at = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the modification time of " + file, e);
            }
            attributes.put("timestamp_source", "file_modified");
        }
        String sha = null;
        String rule = null;
        if (commit != null) {
            sha = repo.flatMap(r -> Git.resolve(r, commit)).orElse(null);
            if (sha == null) {
                if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("commit '" + commit + "' is not a commit of "
                            + repo.map(Path::toString).orElse("any repository holding " + file)
                            + " (give a full SHA when the report is outside the repository)");
                }
                sha = commit;
            }
            rule = "explicit";
        } else if (repo.isPresent()) {
            sha = Git.headAt(repo.get(), at).orElse(null);
            rule = sha == null ? null : "head_at_report_time";
        }
        long passed = 0;
        long failed = 0;
        long errors = 0;
        long skipped = 0;
        long flaky = 0;
        for (ParsedReport.Case c : report.cases()) {
            switch (c.status()) {
                case "passed" -> passed++;
                case "failed" -> failed++;
                case "error" -> errors++;
                default -> skipped++;
            }
            flaky += c.flaky() ? 1 : 0;
        }
        TestRun run = TestRun.builder()
                .eventId(runId)
                .occurredAt(at)
                .sessionId(sessionId)
                .framework(report.framework())
                .counts(passed, failed, errors, skipped)
                .flaky(flaky)
                .outcome(report.durationMs(), null)
                .report(file.toAbsolutePath().toString(), hash)
                .commit(repo.map(Path::toString).orElse(null), sha, rule)
                .attributes(attributes)
                .build();
        List<FactRecord> facts = new ArrayList<>(report.cases().size() + 1);
        facts.add(run);
        int i = 0;
        for (ParsedReport.Case c : report.cases()) {
            facts.add(new TestCaseResult(
                    id("test-case", hash + ":" + i++),
                    run.occurredAt(),
                    null,
                    runId,
                    c.className(),
                    c.testName(),
                    c.suiteName(),
                    c.status(),
                    c.durationMs(),
                    c.failureType(),
                    c.failureMessage(),
                    c.flaky(),
                    c.reruns(),
                    Map.of()));
        }
        return facts;
    }

    private static List<Path> reportFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("test report path " + path + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return (n.endsWith(".xml") && !n.equals("failsafe-summary.xml")) || n.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    /**
     * Imports the history of HEAD of the repository holding {@code folder} (through {@code git log --numstat}):
     * one commit per commit, with author, times, message and the files and lines it changed. Idempotent.
     *
     * @throws IllegalArgumentException when {@code folder} is not in a git repository
     * @throws AgentStoreException      when git fails
     */
    public GitImportSummary importGit(Path folder) {
        Objects.requireNonNull(folder, "folder must not be null");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("repository folder " + folder + " does not exist");
        }
        Path repo = Git.topLevel(folder.toAbsolutePath())
                .orElseThrow(() -> new IllegalArgumentException(
                        folder + " is not in a git repository (or git is not on the PATH)"));
        String repoName = repo.toString();
        long[] counts = new long[3];
        List<Commit> commits = new ArrayList<>();
        List<CommitFile> files = new ArrayList<>();
        Git.log(repo, e -> {
            long added = 0;
            long deleted = 0;
            for (Git.FileStat f : e.files()) {
                added += f.added() == null ? 0 : f.added();
                deleted += f.deleted() == null ? 0 : f.deleted();
                files.add(new CommitFile(
                        id("commit-file", e.sha() + ":" + f.path()),
                        e.committedAt(),
                        null,
                        e.sha(),
                        repo.resolve(f.path()).toString(),
                        f.path(),
                        f.added(),
                        f.deleted(),
                        Map.of()));
            }
            commits.add(new Commit(
                    id("commit", e.sha()),
                    e.committedAt(),
                    null,
                    repoName,
                    e.sha(),
                    e.parents(),
                    e.authorName(),
                    e.authorEmail(),
                    e.authoredAt(),
                    e.message(),
                    e.files().size(),
                    added,
                    deleted,
                    Map.of()));
            counts[0]++;
            if (commits.size() >= GIT_BATCH) {
                flushGit(commits, files, counts);
            }
        });
        flushGit(commits, files, counts);
        return new GitImportSummary(repoName, counts[0], counts[1], counts[2]);
    }

    private void flushGit(List<Commit> commits, List<CommitFile> files, long[] counts) {
        counts[1] += commits.isEmpty() ? 0 : store.importAll(commits);
        counts[2] += files.isEmpty() ? 0 : store.importAll(files);
        commits.clear();
        files.clear();
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** Tests that broke since {@code since}: green on their previous execution, red on this one, oldest first. */
    public List<TestRegression> regressionsSince(Instant since) {
        Objects.requireNonNull(since, "since must not be null");
        return store.sql(store.sqlResource("test_regressions_since.sql"), since).rows().stream()
                .map(r -> new TestRegression(
                        r.string("class_name"),
                        r.string("test_name"),
                        r.instant("broke_at"),
                        r.string("status"),
                        Optional.ofNullable(r.string("failure_message")),
                        Optional.ofNullable(r.string("commit_sha")),
                        r.instant("last_green_at"),
                        Optional.ofNullable(r.string("last_green_commit_sha"))))
                .toList();
    }

    /** The {@code limit} most unstable tests, by flips and flaky reruns. */
    public List<FlakyTest> flakyTests(int limit) {
        positive("limit", limit);
        return store.sql(store.sqlResource("flaky_tests.sql"), limit).rows().stream()
                .map(r -> new FlakyTest(
                        r.string("class_name"),
                        r.string("test_name"),
                        r.int64("flips"),
                        r.int64("flaky_runs"),
                        r.int64("executions"),
                        r.int64("failures")))
                .toList();
    }

    /** The sessions behind a commit (a SHA or a prefix of one), the most involved first. */
    public List<CommitSession> sessionsBehind(String commitSha) {
        requireText("commitSha", commitSha);
        return store.sql(store.sqlResource("sessions_behind_commit.sql"), commitSha.strip()).rows().stream()
                .map(r -> new CommitSession(
                        r.string("commit_sha"),
                        r.instant("committed_at"),
                        r.string("session_id"),
                        r.int64("files_touched"),
                        r.int64("modifications")))
                .toList();
    }

    /** The agent's regressions since {@code since}: tests green before a session's commit and red on it. */
    public List<AgentRegression> agentRegressionsSince(Instant since) {
        Objects.requireNonNull(since, "since must not be null");
        return store.sql(store.sqlResource("agent_regressions.sql"), since).rows().stream()
                .map(r -> new AgentRegression(
                        r.string("session_id"),
                        r.string("commit_sha"),
                        r.string("class_name"),
                        r.string("test_name"),
                        r.string("status"),
                        Optional.ofNullable(r.string("failure_message")),
                        Optional.ofNullable(r.string("green_commit_sha")),
                        r.instant("red_at")))
                .toList();
    }

    /** The test runs, newest first (corrections applied), at most {@code limit}. */
    public List<TestRun> testRuns(int limit) {
        positive("limit", limit);
        return store
                .sql(
                        "SELECT * FROM v_test_runs WHERE NOT is_superseded ORDER BY occurred_at DESC, event_id LIMIT ?",
                        limit)
                .rows()
                .stream()
                .map(QualityFacade::run)
                .toList();
    }

    private static TestRun run(Row row) {
        return io.agentstore.quality.internal.QualityFactTypes.TEST_RUN.read(row);
    }

    /** The text of a reference query of {@code sql/queries/quality/}, for example {@code "flaky_tests.sql"}. */
    public static String query(String name) {
        return QUERIES.computeIfAbsent(
                name, n -> SqlResources.load(QualityFacade.class, "agent-store/queries/quality/" + n));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A name-based event id in this module's namespace. */
    private static UUID id(String kind, String key) {
        return EventIds.of("quality", kind, key);
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test report " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRecordException(field, null, "is required");
        }
        return value;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    field + " must not be empty, was " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, was " + value);
        }
    }
}
