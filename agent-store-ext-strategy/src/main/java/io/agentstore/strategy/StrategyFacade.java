package io.agentstore.strategy;

import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strategies that learn, from {@code store.module(StrategyFacade.class)} or {@link StrategyModule#of}: record
 * attempts, adjustments, pattern uses, routes, workflow state and metadata; ask which strategy to use with its
 * evidence, how an agent is doing, what patterns return. No method returns null.
 */
public final class StrategyFacade {
    /** Below this many attempts a strategy has "not enough data". */
    public static final int MIN_ATTEMPTS = 5;
    /** The attempts that count as recent. */
    public static final int RECENT = 5;

    private static final double Z = 1.959963984540054;
    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();

    private final StoreContext store;

    StrategyFacade(StoreContext store) {
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    // ------------------------------------------------------------------------------------------------ recording

    /** Records a strategy attempt and its outcome; returns its event id. */
    public UUID recordAttempt(StrategyAttempt attempt) {
        return store.record(required("attempt", attempt));
    }

    /** Records a strategy adjustment; returns its event id. */
    public UUID recordAdjustment(StrategyAdjustment adjustment) {
        return store.record(required("adjustment", adjustment));
    }

    /** Records a pattern use; returns its event id. */
    public UUID recordPatternUsage(PatternUsage usage) {
        return store.record(required("usage", usage));
    }

    /** Changes the routing table; returns the change's event id. */
    public UUID route(RouteChange change) {
        return store.record(required("change", change));
    }

    /** Records a workflow state snapshot, the new current state; returns its event id. */
    public UUID recordWorkflowState(WorkflowState state) {
        return store.record(required("state", state));
    }

    /** Sets a metadata key (a null value removes it); returns the change's event id. */
    public UUID putMetadata(String key, String value) {
        return store.record(new MetadataEntry(null, null, null, key, value, Map.of()));
    }

    /**
     * Imports a database in the SQLite schema of the analytics system (sessions, tasks, commands, errors,
     * workflow_state, metadata, pattern_usage), opened read-only: sessions become core session events, tasks core
     * task outcomes, commands the tokens module's command runs (tokens unknown: 0, marked), errors core errors
     * (severity 8 and above critical, 5 error, 3 warning, else info), the rest this module's facts. Idempotent:
     * importing the same database again adds nothing. A row that cannot be used is counted, recorded in
     * {@code fact_ingest_error} and skipped.
     *
     * @throws IllegalArgumentException when the file does not exist
     * @throws io.agentstore.spi.AgentStoreException when it is not an SQLite database
     */
    public AnalyticsImportSummary importAnalyticsDb(java.nio.file.Path file) {
        return io.agentstore.strategy.internal.AnalyticsDb.importFile(
                Objects.requireNonNull(file, "file must not be null"), store);
    }

    /**
     * Derives strategy attempts from what the store already holds (source {@code "derived"}): a decision's chosen
     * option (any decision type but {@code tool_choice}) is an attempt with that strategy, judged by its task's
     * first outcome after it or, without one, by the first test run of the same session within 24 hours (green:
     * success). Idempotent: each decision gives at most one attempt, whose event id comes from the decision's.
     *
     * @return the attempts recorded now
     */
    public long deriveAttempts() {
        List<StrategyAttempt> attempts = new ArrayList<>();
        for (Row r : store.sql(store.sqlResource("derivable_attempts.sql")).rows()) {
            Boolean success = r.bool("is_success");
            if (success == null) {
                continue;
            }
            UUID decision = r.uuid("decision_event_id");
            StrategyAttempt.Builder b = StrategyAttempt.builder()
                    .eventId(io.agentstore.spi.EventIds.of("strategy", "derived-attempt", decision.toString()))
                    .occurredAt(r.instant("occurred_at"))
                    .sessionId(r.string("session_id"))
                    .agent(io.agentstore.core.CoreDimensions.agentOf(r))
                    .task(io.agentstore.core.CoreDimensions.taskOf(r))
                    .strategy(r.string("strategy_name"))
                    .links(r.uuid("test_run_id"), decision)
                    .source("derived")
                    .attribute("judged_by", r.string("judged_by"))
                    .attribute("decision_type", r.string("decision_type"));
            attempts.add(
                    success
                            ? b.succeeded().build()
                            : b.failed("judged by " + r.string("judged_by")).build());
        }
        return attempts.isEmpty() ? 0 : store.importAll(attempts);
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** The current value of a metadata key. */
    public Optional<String> metadata(String key) {
        requireText("key", key);
        return store.sql("SELECT meta_value FROM v_metadata WHERE meta_name = ?", key).rows().stream()
                .findFirst()
                .map(r -> r.string("meta_value"));
    }

    /** The current workflow state (the latest snapshot), or empty before the first. */
    public Optional<Map<String, Object>> workflowState() {
        return store.sql("SELECT state FROM v_workflow_state").rows().stream()
                .findFirst()
                .map(r -> r.jsonObject("state"));
    }

    /** The route of a command in effect: model and thinking budget. */
    public Optional<RouteChange> routeOf(String command) {
        requireText("command", command);
        return store
                .sql(
                        "SELECT * FROM v_route_changes WHERE NOT is_superseded AND command = ?"
                                + " ORDER BY occurred_at DESC, recorded_at DESC LIMIT 1",
                        command)
                .rows()
                .stream()
                .findFirst()
                .map(io.agentstore.strategy.internal.StrategyFactTypes.ROUTE_CHANGE::read);
    }

    /** Pattern ROI by pattern, most hours saved first. */
    public List<PatternRoi> patternRoi() {
        return store.sql(store.sqlResource("pattern_roi.sql")).rows().stream()
                .map(r -> new PatternRoi(
                        r.string("pattern_name"),
                        r.int64("uses"),
                        r.float64("hours_saved") == null ? 0.0 : r.float64("hours_saved"),
                        r.float64("avg_confidence")))
                .toList();
    }

    /**
     * The best strategy for a task type, with its evidence: the strategy with the highest lower bound of the 95%
     * Wilson interval of its success rate among those with at least {@value #MIN_ATTEMPTS} attempts (a high rate
     * on few attempts does not beat a slightly lower one on many). {@code context} may hold {@code "agent"} to
     * count only that agent's attempts; other keys are ignored.
     */
    public StrategySuggestion suggestStrategy(String taskType, Map<String, ?> context) {
        requireText("taskType", taskType);
        Object agent = context == null ? null : context.get("agent");
        List<Row> rows = store.sql(
                        "SELECT strategy_name, is_success, duration_ms FROM v_strategy_attempts"
                                + " WHERE NOT is_superseded AND task_type = ? AND (CAST(? AS VARCHAR) IS NULL OR agent_name = ?)"
                                + " ORDER BY occurred_at, event_id",
                        taskType,
                        agent == null ? null : agent.toString(),
                        agent == null ? null : agent.toString())
                .rows();
        List<StrategyEvidence> evidence = evidence(rows);
        Optional<StrategyEvidence> best =
                evidence.stream().filter(StrategyEvidence::enoughData).findFirst();
        String advice;
        if (best.isPresent()) {
            StrategyEvidence b = best.get();
            advice = String.format(
                    Locale.ROOT,
                    "use %s: %d of %d attempts succeeded (%.0f%%, 95%% interval %.0f-%.0f%%)%s",
                    b.strategy(),
                    b.successes(),
                    b.attempts(),
                    100 * b.successRate(),
                    100 * b.wilsonLow(),
                    100 * b.wilsonHigh(),
                    b.switchFlagged() ? "; but its recent attempts are failing: watch it" : "");
        } else if (evidence.isEmpty()) {
            advice = "not enough data: no attempt recorded for task type '" + taskType + "'";
        } else {
            advice = "not enough data: no strategy has " + MIN_ATTEMPTS + " attempts for task type '" + taskType
                    + "' yet (most: "
                    + evidence.stream()
                            .mapToLong(StrategyEvidence::attempts)
                            .max()
                            .orElse(0) + ")";
        }
        return new StrategySuggestion(taskType, best, evidence, advice);
    }

    /** An agent's strategy performance over the last {@code days} days, with suggestions. */
    public PerformanceReport analyzePerformance(String agent, int days) {
        requireText("agent", agent);
        if (days <= 0) {
            throw new IllegalArgumentException("days must be > 0, was " + days);
        }
        Instant since = store.clock().instant().minus(Duration.ofDays(days));
        List<Row> rows = store.sql(
                        "SELECT strategy_name, is_success, duration_ms, failure_reason FROM v_strategy_attempts"
                                + " WHERE NOT is_superseded AND agent_name = ? AND occurred_at > ? ORDER BY occurred_at, event_id",
                        agent,
                        since)
                .rows();
        List<StrategyEvidence> evidence = evidence(rows);
        long successes = rows.stream()
                .filter(r -> Boolean.TRUE.equals(r.bool("is_success")))
                .count();
        Map<String, Long> reasons = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> Boolean.FALSE.equals(r.bool("is_success")))
                .forEach(r -> reasons.merge(
                        Objects.requireNonNullElse(r.string("failure_reason"), "(no reason given)"), 1L, Long::sum));
        List<String> topReasons = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
        List<String> suggestions = new ArrayList<>();
        Optional<StrategyEvidence> best =
                evidence.stream().filter(StrategyEvidence::enoughData).findFirst();
        for (StrategyEvidence e : evidence) {
            if (e.switchFlagged()) {
                String alternative = best.filter(b -> !b.strategy().equals(e.strategy()))
                        .map(b -> "; " + b.strategy() + " does better (" + pct(b.successRate()) + ")")
                        .orElse("");
                suggestions.add(String.format(
                        Locale.ROOT,
                        "switch from %s: its last %d attempts succeeded %s against %s overall%s",
                        e.strategy(),
                        Math.min(RECENT, e.attempts()),
                        pct(e.recentSuccessRate()),
                        pct(e.successRate()),
                        alternative));
            } else if (e.trend().equals("declining")) {
                suggestions.add(
                        e.strategy() + " is declining: its later attempts succeed less often than its earlier ones");
            }
            if (!e.enoughData()) {
                suggestions.add(e.strategy() + ": only " + e.attempts() + " attempt(s), not enough data to judge");
            }
        }
        if (!topReasons.isEmpty()) {
            suggestions.add("most common failure: " + topReasons.get(0));
        }
        return new PerformanceReport(
                agent,
                days,
                rows.size(),
                rows.isEmpty() ? 0.0 : (double) successes / rows.size(),
                evidence,
                topReasons,
                suggestions);
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * rate);
    }

    /** Evidence per strategy from attempts in time order, best (highest Wilson lower bound with enough data) first. */
    private static List<StrategyEvidence> evidence(List<Row> attempts) {
        Map<String, List<Row>> by = new LinkedHashMap<>();
        attempts.forEach(r -> by.computeIfAbsent(r.string("strategy_name"), k -> new ArrayList<>())
                .add(r));
        List<StrategyEvidence> result = new ArrayList<>();
        by.forEach((name, rows) -> {
            int n = rows.size();
            long successes = rows.stream()
                    .filter(r -> Boolean.TRUE.equals(r.bool("is_success")))
                    .count();
            double p = (double) successes / n;
            double[] w = wilson(successes, n);
            List<Row> recent = rows.subList(Math.max(0, n - RECENT), n);
            double recentRate = (double) recent.stream()
                            .filter(r -> Boolean.TRUE.equals(r.bool("is_success")))
                            .count()
                    / recent.size();
            String trend = "steady";
            if (n >= 4) {
                List<Row> early = rows.subList(0, n / 2);
                List<Row> late = rows.subList(n - n / 2, n);
                double d = rate(late) - rate(early);
                trend = d > 0.1 ? "improving" : d < -0.1 ? "declining" : "steady";
            }
            boolean flagged = n >= RECENT && (recentRate < p - 0.2 - 1e-9 || recentRate < 0.5);
            Double avgMs = rows.stream()
                    .map(r -> r.int64("duration_ms"))
                    .filter(Objects::nonNull)
                    .mapToLong(Long::longValue)
                    .average()
                    .stream()
                    .boxed()
                    .findFirst()
                    .orElse(null);
            result.add(new StrategyEvidence(
                    name, n, successes, p, w[0], w[1], recentRate, trend, flagged, avgMs, n >= MIN_ATTEMPTS));
        });
        result.sort(Comparator.comparing(StrategyEvidence::enoughData)
                .reversed()
                .thenComparing(
                        Comparator.comparingDouble(StrategyEvidence::wilsonLow).reversed())
                .thenComparing(StrategyEvidence::strategy));
        return result;
    }

    private static double rate(List<Row> rows) {
        return (double) rows.stream()
                        .filter(r -> Boolean.TRUE.equals(r.bool("is_success")))
                        .count()
                / rows.size();
    }

    /** The 95% Wilson score interval of {@code successes} in {@code n} trials. */
    static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = (double) successes / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
    }

    /** The text of a reference query of {@code sql/queries/strategy/}, for example {@code "pattern_roi.sql"}. */
    public static String query(String name) {
        return QUERIES.computeIfAbsent(
                name, n -> SqlResources.load(StrategyFacade.class, "agent-store/queries/strategy/" + n));
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
}
