package io.agentstore.strategy.internal;

import static io.agentstore.core.CoreDimensions.agent;
import static io.agentstore.core.CoreDimensions.model;
import static io.agentstore.core.CoreDimensions.session;
import static io.agentstore.core.CoreDimensions.task;

import io.agentstore.core.CoreDimensions;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import io.agentstore.strategy.MetadataEntry;
import io.agentstore.strategy.PatternUsage;
import io.agentstore.strategy.RouteChange;
import io.agentstore.strategy.StrategyAdjustment;
import io.agentstore.strategy.StrategyAttempt;
import io.agentstore.strategy.ThinkingLevel;
import io.agentstore.strategy.WorkflowState;
import java.util.Arrays;
import java.util.List;

/** The dimension and fact types of the strategy schema: each record's columns, in table order, and the way back. */
public final class StrategyFactTypes {
    /** {@code dim_strategy}. */
    public static final Dimension STRATEGY =
            Dimension.type1("dim_strategy", "strategy_key", List.of("strategy_name"), List.of());

    private StrategyFactTypes() {}

    private static Long strategy(FactContext c, String name) {
        return c.key(STRATEGY, Arrays.asList(name), List.of());
    }

    /** {@code fact_strategy_attempt}. */
    public static final FactType<StrategyAttempt> ATTEMPT = new FactType<>() {
        @Override
        public String table() {
            return "fact_strategy_attempt";
        }

        @Override
        public String view() {
            return "v_strategy_attempts";
        }

        @Override
        public void write(StrategyAttempt r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(strategy(c, r.strategy()))
                    .bool(r.success())
                    .int64(r.durationMs())
                    .json(r.outcomeMetrics().isEmpty() ? null : r.outcomeMetrics())
                    .text(r.failureReason())
                    .uuid(r.testRunId())
                    .uuid(r.decisionEventId())
                    .text(r.source());
        }

        @Override
        public StrategyAttempt read(Row row) {
            return new StrategyAttempt(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    CoreDimensions.taskOf(row),
                    row.string("strategy_name"),
                    row.bool("is_success"),
                    row.int64("duration_ms"),
                    row.jsonObject("outcome_metrics"),
                    row.string("failure_reason"),
                    row.uuid("test_run_id"),
                    row.uuid("decision_event_id"),
                    row.string("attempt_source"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_strategy_adjustment}. */
    public static final FactType<StrategyAdjustment> ADJUSTMENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_strategy_adjustment";
        }

        @Override
        public String view() {
            return "v_strategy_adjustments";
        }

        @Override
        public void write(StrategyAdjustment r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .text(r.taskType())
                    .int64(r.oldStrategy() == null ? null : strategy(c, r.oldStrategy()))
                    .int64(strategy(c, r.newStrategy()))
                    .text(r.reason())
                    .float64(r.confidence())
                    .int64(r.basedOnAttempts());
        }

        @Override
        public StrategyAdjustment read(Row row) {
            return new StrategyAdjustment(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("task_type"),
                    row.string("old_strategy"),
                    row.string("new_strategy"),
                    row.string("reason"),
                    row.float64("confidence"),
                    row.int64("based_on_attempts"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_pattern_usage}. */
    public static final FactType<PatternUsage> PATTERN_USAGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_pattern_usage";
        }

        @Override
        public String view() {
            return "v_pattern_usage";
        }

        @Override
        public void write(PatternUsage r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(task(c, r.task()))
                    .text(r.patternName())
                    .text(r.source())
                    .float64(r.confidence())
                    .int64(r.timeSavedMs());
        }

        @Override
        public PatternUsage read(Row row) {
            return new PatternUsage(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.taskOf(row),
                    row.string("pattern_name"),
                    row.string("pattern_source"),
                    row.float64("confidence"),
                    row.int64("time_saved_ms"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_route_change}. */
    public static final FactType<RouteChange> ROUTE_CHANGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_route_change";
        }

        @Override
        public String view() {
            return "v_route_changes";
        }

        @Override
        public void write(RouteChange r, FactContext c, FactRow row) {
            row.text(r.command())
                    .int64(model(c, r.model(), r.provider()))
                    .text(r.thinkingLevel().name())
                    .int64(r.thinkingBudgetTokens())
                    .text(r.reason());
        }

        @Override
        public RouteChange read(Row row) {
            return new RouteChange(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("command"),
                    row.string("model_name"),
                    row.string("provider"),
                    ThinkingLevel.valueOf(row.string("thinking_level")),
                    row.int64("thinking_budget_tokens"),
                    row.string("reason"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_workflow_state}. */
    public static final FactType<WorkflowState> WORKFLOW_STATE = new FactType<>() {
        @Override
        public String table() {
            return "fact_workflow_state";
        }

        @Override
        public String view() {
            return "v_workflow_states";
        }

        @Override
        public void write(WorkflowState r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId())).json(r.state());
        }

        @Override
        public WorkflowState read(Row row) {
            return new WorkflowState(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    row.jsonObject("state"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_metadata}. */
    public static final FactType<MetadataEntry> METADATA = new FactType<>() {
        @Override
        public String table() {
            return "fact_metadata";
        }

        @Override
        public String view() {
            return "v_metadata_changes";
        }

        @Override
        public void write(MetadataEntry r, FactContext c, FactRow row) {
            row.text(r.key()).text(r.value());
        }

        @Override
        public MetadataEntry read(Row row) {
            return new MetadataEntry(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("meta_name"),
                    row.string("meta_value"),
                    row.jsonObject("attributes"));
        }
    };
}
