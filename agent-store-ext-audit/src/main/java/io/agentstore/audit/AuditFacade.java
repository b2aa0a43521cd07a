package io.agentstore.audit;

import io.agentstore.audit.internal.AuditChain;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit module's API: record prompts, responses and feedback, and run the queries of use case 8.
 * Get it with {@link AuditModule#of} or {@code store.module(AuditFacade.class)}.
 */
public final class AuditFacade {
    private final StoreContext store;

    AuditFacade(StoreContext store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    /** Records a prompt (its text is redacted before storage) and returns its event id. */
    public UUID recordPrompt(Prompt prompt) {
        return sealed(store.record(Objects.requireNonNull(prompt, "prompt must not be null")));
    }

    /** Records a response (its text is redacted before storage) and returns its event id. */
    public UUID recordResponse(Response response) {
        return sealed(store.record(Objects.requireNonNull(response, "response must not be null")));
    }

    /** Records feedback and returns its event id. */
    public UUID recordFeedback(Feedback feedback) {
        return sealed(store.record(Objects.requireNonNull(feedback, "feedback must not be null")));
    }

    /** The current version of a prompt. */
    public Optional<Prompt> prompt(UUID eventId) {
        Objects.requireNonNull(eventId, "eventId must not be null");
        return store.sql("SELECT * FROM v_prompts WHERE event_id = ? AND NOT is_superseded", eventId).rows().stream()
                .findFirst()
                .map(io.agentstore.audit.internal.AuditFactTypes.PROMPT::read);
    }

    /** Every current prompt of a session, oldest first. */
    public List<Prompt> prompts(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        return store
                .sql(
                        "SELECT * FROM v_prompts WHERE session_id = ? AND NOT is_superseded ORDER BY occurred_at, event_id",
                        sessionId)
                .rows()
                .stream()
                .map(io.agentstore.audit.internal.AuditFactTypes.PROMPT::read)
                .toList();
    }

    /** Every current response of a session, oldest first. */
    public List<Response> responses(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        return store
                .sql(
                        "SELECT * FROM v_responses WHERE session_id = ? AND NOT is_superseded ORDER BY occurred_at, event_id",
                        sessionId)
                .rows()
                .stream()
                .map(io.agentstore.audit.internal.AuditFactTypes.RESPONSE::read)
                .toList();
    }

    /** Prompts of a user (user id, account id, e-mail or OS user) from {@code from} to {@code to}, with responses. */
    public QueryResult promptsByUser(String user, Instant from, Instant to) {
        return store.sql(
                store.sqlResource("prompts_by_user.sql"),
                required("user", user),
                required("from", from),
                required("to", to));
    }

    /** Prompts whose response carries safety flags. */
    public QueryResult safetyFlaggedPrompts() {
        return store.sql(store.sqlResource("safety_flagged_prompts.sql"));
    }

    /** Uses, response length, latency and thumbs-up share per template; one template or (empty) all. */
    public QueryResult templatePerformance(Optional<String> template) {
        return store.sql(
                store.sqlResource("template_performance.sql"),
                Objects.requireNonNull(template, "template must not be null (use Optional.empty())")
                        .orElse(null));
    }

    /** The {@code limit} most expensive prompts of the 7 days up to the store clock's now. */
    public QueryResult expensivePrompts(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return store.sql(
                store.sqlResource("expensive_prompts.sql"), store.clock().instant(), limit);
    }

    /** Prompts whose text or response contains {@code phrase}, in a range, of one user or (empty) all. */
    public QueryResult searchPrompts(String phrase, Instant from, Instant to, Optional<String> user) {
        return store.sql(
                store.sqlResource("search_prompts.sql"),
                required("phrase", phrase),
                required("from", from),
                required("to", to),
                Objects.requireNonNull(user, "user must not be null (use Optional.empty())")
                        .orElse(null));
    }

    /** How {@link #promptReport} groups prompts. */
    public static final java.util.Set<String> REPORT_GROUPS = java.util.Set.of("template", "model", "user");

    /**
     * Prompts grouped by template, model or user ({@link #REPORT_GROUPS}) from {@code from} (inclusive) to
     * {@code to} (exclusive), of one user or (empty) all: prompts, responses, input and output tokens, cost, first
     * and last prompt; the most expensive group first. Columns {@code grp, prompts, responses, input_tokens,
     * output_tokens, cost_usd, first_at, last_at}.
     *
     * @throws IllegalArgumentException naming {@code by} when it is not one of {@link #REPORT_GROUPS}
     */
    public QueryResult promptReport(String by, Optional<Instant> from, Optional<Instant> to, Optional<String> user) {
        if (by == null || !REPORT_GROUPS.contains(by)) {
            throw new IllegalArgumentException(
                    "by must be template, model or user, was " + (by == null ? "null" : "'" + by + "'"));
        }
        return store.sql(
                store.sqlResource("prompt_report.sql"),
                by,
                Objects.requireNonNull(from, "from must not be null (use Optional.empty())")
                        .orElse(null),
                Objects.requireNonNull(to, "to must not be null (use Optional.empty())")
                        .orElse(null),
                Objects.requireNonNull(user, "user must not be null (use Optional.empty())")
                        .orElse(null));
    }

    /** Every prompt and response from {@code from} to {@code to}, in order: the compliance export. */
    public QueryResult auditLog(Instant from, Instant to) {
        return store.sql(store.sqlResource("audit_log.sql"), required("from", from), required("to", to));
    }

    /**
     * Applies today's redaction rules to the text stored before (by an older rule set, or before a module was
     * installed) in every fact table, rewriting what they replace in place: the one in-place change of a fact the
     * store allows, because the secret must leave the file. Records one {@link RescanEntry} per fact, column and
     * rule ({@code fact_audit_redaction}), with the content hashes before and after for facts of the hash chain,
     * and seals those entries into the chain, so that {@link #verify()} still passes and still catches any other
     * change. A second rescan replaces nothing.
     *
     * @throws IllegalStateException when the store was opened read-only
     */
    public synchronized RescanReport rescan() {
        UUID rescanId = UUID.randomUUID();
        RescanReport report = store.inTransaction(tx ->
                io.agentstore.audit.internal.Rescan.run(tx, store.redaction(), AuditRedaction.of(store), rescanId));
        seal();
        return report;
    }

    /**
     * Records the query log entries spooled so far (by this store's queries since the last batch, and by read-only
     * opens) into {@code fact_query_log} now, instead of at the next batch or close; returns how many were new.
     * Does nothing in a read-only store.
     */
    public long drainQueryLog() {
        return io.agentstore.audit.internal.QueryLog.drain(store);
    }

    private UUID sealed(UUID id) {
        seal();
        return id;
    }

    /**
     * Links every audit fact not yet in the hash chain (facts recorded by an import or another path since
     * the last seal), in the order they were recorded; returns how many. Serialised per store.
     */
    public synchronized int seal() {
        return AuditChain.seal(store);
    }

    /** Recomputes the hash chain and names the first fact edited, removed, inserted or reordered since it was sealed. */
    public ChainVerification verify() {
        return AuditChain.verify(store);
    }

    /**
     * Verifies the audit hash chain of another store without changing it, as {@link #verify()} does for this one:
     * a {@code .duckdb} file (opened read-only) or an export folder ({@code agent-store export parquet}: its audit
     * facts and chain links are loaded into a store in memory). What {@code agent-store merge} checks before it merges
     * a source. Empty when the source has no audit chain (the audit module was not installed there, or the export
     * holds no chain links).
     *
     * @throws IllegalArgumentException naming the source when it is neither a file nor an export folder
     */
    public Optional<ChainVerification> verifySource(java.nio.file.Path source) {
        Objects.requireNonNull(source, "source must not be null");
        java.nio.file.Path src = source.toAbsolutePath().normalize();
        AuditModule module = AuditModule.create().withQueryLog(false);
        if (java.nio.file.Files.isDirectory(src)) {
            if (!java.nio.file.Files.isRegularFile(src.resolve("_manifest.json"))) {
                throw new IllegalArgumentException("'" + source + "' is no export folder: it has no _manifest.json");
            }
            if (!hasParquet(src.resolve(AuditChain.LINK.table()))) {
                return Optional.empty();
            }
            try (io.agentstore.AgentStore mem = io.agentstore.AgentStore.builder()
                    .inMemory()
                    .clock(store.clock())
                    .install(module)
                    .build()) {
                List<String> tables = new java.util.ArrayList<>(AuditChain.TABLES);
                tables.add(AuditChain.LINK.table());
                for (String table : tables) {
                    java.nio.file.Path folder = src.resolve(table);
                    if (hasParquet(folder)) {
                        mem.sql("INSERT INTO " + table + " BY NAME SELECT * FROM read_parquet('"
                                        + folder.toString().replace("'", "''")
                                        + "/**/*.parquet', hive_partitioning = false, union_by_name = true)")
                                .rows();
                    }
                }
                return Optional.of(AuditModule.of(mem).verify());
            }
        }
        if (!java.nio.file.Files.isRegularFile(src)) {
            throw new IllegalArgumentException(
                    "nothing to verify at '" + source + "': name a .duckdb file or an export folder");
        }
        if (!io.agentstore.AgentStore.installedModules(src, java.time.Duration.ofSeconds(10))
                .contains("audit")) {
            return Optional.empty();
        }
        try (io.agentstore.AgentStore other = io.agentstore.AgentStore.builder()
                .path(src)
                .readOnly()
                .install(module)
                .build()) {
            return Optional.of(AuditModule.of(other).verify());
        }
    }

    private static boolean hasParquet(java.nio.file.Path folder) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return false;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
            return files.anyMatch(f -> f.toString().endsWith(".parquet"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The merges that brought facts in ({@code fact_audit_merge}), oldest first. */
    public List<MergeProvenance> merges() {
        if (store.sql("SELECT 1 FROM duckdb_views() WHERE view_name = 'v_audit_merges'")
                .rows()
                .isEmpty()) {
            return List.of();
        }
        return store.sql("SELECT * FROM v_audit_merges ORDER BY occurred_at, event_id").rows().stream()
                .map(io.agentstore.audit.internal.AuditFactTypes.MERGE::read)
                .toList();
    }

    /** The chain hash of the last link: the checkpoint to keep elsewhere (64 zeros when nothing is sealed). */
    public String head() {
        return AuditChain.head(store);
    }

    /** The head of the chain now, with how many facts it covers: the checkpoint exports write to their manifest. */
    public ChainCheckpoint checkpoint() {
        return new ChainCheckpoint(
                AuditChain.head(store), AuditChain.length(store), store.clock().instant());
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
