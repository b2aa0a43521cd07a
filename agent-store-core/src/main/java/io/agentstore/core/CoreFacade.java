package io.agentstore.core;

import io.agentstore.core.internal.CoreFactTypes;
import io.agentstore.spi.Checks;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recording and recall for the core schema, from {@code AgentStore.core()}. Record methods validate their
 * record, then return as the store's durability says. Recall methods run the
 * reference queries in {@code sql/queries/core/} and return records, newest first; none returns null.
 */
public final class CoreFacade {
    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();
    private final StoreContext store;

    CoreFacade(StoreContext store) {
        this.store = java.util.Objects.requireNonNull(store, "store");
    }

    /** Records a tool call; returns its event id. */
    public UUID recordToolCall(ToolCall call) {
        return store.record(required("call", call));
    }

    /** Records a model API call; returns its event id. */
    public UUID recordApiCall(ApiCall call) {
        return store.record(required("call", call));
    }

    /** Records a decision; returns its event id. */
    public UUID recordDecision(Decision decision) {
        return store.record(required("decision", decision));
    }

    /** Records how a task ended; returns its event id. */
    public UUID recordTaskOutcome(TaskOutcome outcome) {
        return store.record(required("outcome", outcome));
    }

    /** Records a session event; returns its event id. */
    public UUID recordSessionEvent(SessionEvent event) {
        return store.record(required("event", event));
    }

    /** Records an error; returns its event id. */
    public UUID recordError(ErrorEvent error) {
        return store.record(required("error", error));
    }

    /** Records a file modification; returns its event id. */
    public UUID recordFileModification(FileModification modification) {
        return store.record(required("modification", modification));
    }

    /**
     * The latest {@code limit} tool calls of a session, newest first, as they were recorded; a call dated more
     * than a day after it was recorded counts as recorded a day later (a clock gone wrong stays not on top).
     */
    public List<ToolCall> recentActions(String sessionId, int limit) {
        requireText("sessionId", sessionId);
        requireLimit(limit);
        return store
                .sql(
                        "SELECT * FROM v_tool_calls WHERE session_id = ? AND NOT is_superseded"
                                + " ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC, event_id LIMIT ?",
                        sessionId,
                        limit)
                .rows()
                .stream()
                .map(CoreFactTypes.TOOL_CALL::read)
                .toList();
    }

    /** What was tried on this file before: the latest {@code limit} actions on it, newest first. */
    public List<PastAttempt> recallPreviousAttempts(String filePath, int limit) {
        requireText("filePath", filePath);
        requireLimit(limit);
        return store.sql(store.sqlResource("what_did_i_try_on_this_file.sql"), filePath, limit).rows().stream()
                .map(CoreFacade::attempt)
                .toList();
    }

    /** Decisions that worked for tasks of this type, newest first. */
    public List<Approach> successfulApproaches(String taskType, int limit) {
        requireText("taskType", taskType);
        requireLimit(limit);
        return store.sql(store.sqlResource("successful_approaches.sql"), taskType, limit).rows().stream()
                .map(CoreFacade::approach)
                .toList();
    }

    /** Agents ranked by how well they do tasks of this type (success rate, then test pass rate). */
    public List<AgentScore> bestAgentsFor(String taskType) {
        requireText("taskType", taskType);
        return store.sql(store.sqlResource("best_agent_for_task_type.sql"), taskType).rows().stream()
                .map(r -> new AgentScore(
                        r.string("agent_name"),
                        r.int64("tasks"),
                        r.float64("success_rate"),
                        r.float64("avg_test_pass_rate"),
                        r.float64("avg_elapsed_ms")))
                .toList();
    }

    /** What the most recent session was doing: its latest {@code limit} actions, newest first. */
    public List<PastAttempt> resumeContext(int limit) {
        requireLimit(limit);
        return store.sql(store.sqlResource("resume_context.sql"), limit).rows().stream()
                .map(CoreFacade::attempt)
                .toList();
    }

    /** The text of a reference query of the core module ({@code sql/queries/core/<name>}). */
    public static String query(String name) {
        return QUERIES.computeIfAbsent(name, n -> SqlResources.load(CoreFacade.class, "agent-store/queries/core/" + n));
    }

    private static PastAttempt attempt(Row r) {
        return new PastAttempt(
                r.instant("occurred_at"),
                r.string("session_id"),
                r.string("agent_name"),
                CoreDimensions.taskOf(r),
                r.string("tool_name"),
                r.string("target_path"),
                r.string("action_type"),
                r.bool("is_success"),
                r.string("error_type"),
                r.int64("duration_ms"),
                r.jsonObject("attributes"));
    }

    private static Approach approach(Row r) {
        Object alternatives = r.json("alternatives");
        @SuppressWarnings("unchecked")
        List<String> alts = alternatives == null ? List.of() : (List<String>) alternatives;
        return new Approach(
                r.instant("occurred_at"),
                CoreDimensions.taskOf(r),
                r.string("agent_name"),
                r.string("decision_type"),
                r.string("option_chosen"),
                alts,
                r.string("rationale"),
                r.bool("is_retried"));
    }

    private static <T> T required(String field, T value) {
        return Checks.present(field, value);
    }

    private static void requireText(String field, String value) {
        Checks.argument(field, value);
    }

    private static void requireLimit(int limit) {
        Checks.limit("limit", limit);
    }
}
