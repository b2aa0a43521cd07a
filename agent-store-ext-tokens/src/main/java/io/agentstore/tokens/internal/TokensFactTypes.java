package io.agentstore.tokens.internal;

import static io.agentstore.core.CoreDimensions.agent;
import static io.agentstore.core.CoreDimensions.file;
import static io.agentstore.core.CoreDimensions.model;
import static io.agentstore.core.CoreDimensions.session;
import static io.agentstore.core.CoreDimensions.task;

import io.agentstore.core.CoreDimensions;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import io.agentstore.tokens.CommandRun;
import io.agentstore.tokens.ComponentMeasurement;
import io.agentstore.tokens.ComponentRef;
import io.agentstore.tokens.ContextOverflow;
import io.agentstore.tokens.CostAllocation;
import io.agentstore.tokens.ModelPrice;
import io.agentstore.tokens.TokenCounts;
import io.agentstore.tokens.TokenPrices;
import io.agentstore.tokens.TokenUsage;
import java.util.Arrays;
import java.util.List;

/** The dimensions and fact types of the tokens schema: each record's columns, in table order, and the way back. */
public final class TokensFactTypes {
    /** {@code dim_model_price}, type 2 on the hash of all prices. */
    public static final Dimension MODEL_PRICE = Dimension.type2(
            "dim_model_price",
            "model_price_key",
            List.of("model_name"),
            List.of(
                    "provider",
                    "input_usd_per_token",
                    "output_usd_per_token",
                    "cache_write_5m_usd_per_token",
                    "cache_write_1h_usd_per_token",
                    "cache_read_usd_per_token",
                    "tier_threshold_tokens",
                    "tier_input_usd_per_token",
                    "tier_output_usd_per_token",
                    "tier_cache_write_5m_usd_per_token",
                    "tier_cache_write_1h_usd_per_token",
                    "tier_cache_read_usd_per_token",
                    "max_input_tokens",
                    "max_output_tokens",
                    "price_source",
                    "price_hash"),
            "price_hash");

    /** {@code dim_context_window}: a model with a window size. */
    public static final Dimension CONTEXT_WINDOW = Dimension.type1(
            "dim_context_window",
            "context_window_key",
            List.of("model_name", "max_input_tokens"),
            List.of("max_output_tokens"));

    private TokensFactTypes() {}

    private static Long component(FactContext c, ComponentRef ref) {
        return ref == null ? null : CoreDimensions.component(c, ref.name(), ref.type(), ref.filePath());
    }

    private static ComponentRef componentOf(Row row) {
        String name = row.string("component_name");
        return name == null ? null : new ComponentRef(name, row.string("component_type"), row.string("file_path"));
    }

    private static FactRow tokens(FactRow row, TokenCounts t) {
        return row.int64(t.input())
                .int64(t.output())
                .int64(t.cacheRead())
                .int64(t.cacheWrite5m())
                .int64(t.cacheWrite1h());
    }

    private static TokenCounts tokensOf(Row row) {
        return new TokenCounts(
                row.int64("input_tokens"),
                row.int64("output_tokens"),
                row.int64("cache_read_tokens"),
                row.int64("cache_write_5m_tokens"),
                row.int64("cache_write_1h_tokens"));
    }

    /** {@code fact_token_usage}. */
    public static final FactType<TokenUsage> TOKEN_USAGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_token_usage";
        }

        @Override
        public String view() {
            return "v_token_usage";
        }

        @Override
        public void write(TokenUsage r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(component(c, r.component()))
                    .int64(model(c, r.model(), r.provider()))
                    .text(r.invocationContext());
            tokens(row, r.tokens());
        }

        @Override
        public TokenUsage read(Row row) {
            return new TokenUsage(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    CoreDimensions.taskOf(row),
                    componentOf(row),
                    row.string("model_name"),
                    row.string("provider"),
                    row.string("invocation_context"),
                    tokensOf(row),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_context_overflow}. */
    public static final FactType<ContextOverflow> CONTEXT_OVERFLOW = new FactType<>() {
        @Override
        public String table() {
            return "fact_context_overflow";
        }

        @Override
        public String view() {
            return "v_context_overflows";
        }

        @Override
        public void write(ContextOverflow r, FactContext c, FactRow row) {
            Long window = r.model() == null || r.contextWindowTokens() == null
                    ? null
                    : c.key(CONTEXT_WINDOW, List.of(r.model(), r.contextWindowTokens()), Arrays.asList((Object) null));
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(model(c, r.model(), r.provider()))
                    .int64(window)
                    .int64(r.tokensAtOverflow())
                    .int64(r.tokensAfter())
                    .json(r.droppedComponents().isEmpty() ? null : r.droppedComponents())
                    .bool(r.compactionTriggered())
                    .text(r.compactionTrigger());
        }

        @Override
        @SuppressWarnings("unchecked")
        public ContextOverflow read(Row row) {
            Object dropped = row.json("dropped_components");
            return new ContextOverflow(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("model_name"),
                    row.string("provider"),
                    row.int64("context_window_tokens"),
                    row.int64("tokens_at_overflow"),
                    row.int64("tokens_after"),
                    dropped == null ? List.of() : (List<String>) dropped,
                    row.bool("is_compaction_triggered"),
                    row.string("compaction_trigger"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_component_measurement}. */
    public static final FactType<ComponentMeasurement> COMPONENT_MEASUREMENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_component_measurement";
        }

        @Override
        public String view() {
            return "v_component_measurements";
        }

        @Override
        public void write(ComponentMeasurement r, FactContext c, FactRow row) {
            row.int64(component(c, r.component()))
                    .int64(file(c, r.filePath()))
                    .text(r.fileType())
                    .int64(r.lineCount())
                    .int64(r.wordCount())
                    .int64(r.charCount())
                    .int64(r.byteCount())
                    .int64(r.estimatedTokens())
                    .text(r.contentHash())
                    .text(r.estimator());
        }

        @Override
        public ComponentMeasurement read(Row row) {
            String name = row.string("component_name");
            ComponentRef ref = name == null
                    ? null
                    : new ComponentRef(name, row.string("component_type"), row.string("component_path"));
            return new ComponentMeasurement(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    ref,
                    row.string("file_path"),
                    row.string("file_type"),
                    row.int64("line_count"),
                    row.int64("word_count"),
                    row.int64("char_count"),
                    row.int64("byte_count"),
                    row.int64("estimated_tokens"),
                    row.string("content_hash"),
                    row.string("estimator"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_cost_allocation}. */
    public static final FactType<CostAllocation> COST_ALLOCATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_cost_allocation";
        }

        @Override
        public String view() {
            return "v_cost_allocations";
        }

        @Override
        public void write(CostAllocation r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(component(c, r.component()))
                    .text(r.method())
                    .text(r.basis())
                    .uuid(r.sourceEventId())
                    .decimal(r.share(), 6)
                    .decimal(r.allocatedUsd(), 6);
        }

        @Override
        public CostAllocation read(Row row) {
            return new CostAllocation(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    CoreDimensions.taskOf(row),
                    componentOf(row),
                    row.string("allocation_method"),
                    row.string("basis"),
                    row.uuid("source_event_id"),
                    row.decimal("share"),
                    row.decimal("allocated_usd"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_command_run}. */
    public static final FactType<CommandRun> COMMAND_RUN = new FactType<>() {
        @Override
        public String table() {
            return "fact_command_run";
        }

        @Override
        public String view() {
            return "v_command_runs";
        }

        @Override
        public void write(CommandRun r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(task(c, r.task()))
                    .int64(model(c, r.model(), r.provider()))
                    .text(r.command())
                    .int64(r.thinkingBudgetTokens())
                    .int64(r.durationMs())
                    .bool(r.success())
                    .text(r.errorType());
            tokens(row, r.tokens());
        }

        @Override
        public CommandRun read(Row row) {
            return new CommandRun(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    CoreDimensions.taskOf(row),
                    row.string("command"),
                    row.string("model_name"),
                    row.string("provider"),
                    row.int64("thinking_budget_tokens"),
                    row.int64("duration_ms"),
                    row.bool("is_success"),
                    row.string("error_type"),
                    tokensOf(row),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_price_change}, which adds the version to {@code dim_model_price}. */
    public static final FactType<ModelPrice> PRICE_CHANGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_price_change";
        }

        @Override
        public String view() {
            return "v_price_changes";
        }

        @Override
        public void write(ModelPrice r, FactContext c, FactRow row) {
            TokenPrices p = r.prices();
            TokenPrices t = r.tierPrices();
            Long key = c.key(
                    MODEL_PRICE,
                    List.of(r.modelName()),
                    Arrays.asList(
                            r.provider(),
                            p.input(),
                            p.output(),
                            p.cacheWrite5m(),
                            p.cacheWrite1h(),
                            p.cacheRead(),
                            r.tierThresholdTokens(),
                            t.input(),
                            t.output(),
                            t.cacheWrite5m(),
                            t.cacheWrite1h(),
                            t.cacheRead(),
                            r.maxInputTokens(),
                            r.maxOutputTokens(),
                            r.source(),
                            r.priceHash()));
            row.int64(key).text(r.source()).text(r.sourceFile());
        }

        @Override
        public ModelPrice read(Row row) {
            TokenPrices base = new TokenPrices(
                    row.decimal("input_usd_per_token"),
                    row.decimal("output_usd_per_token"),
                    row.decimal("cache_write_5m_usd_per_token"),
                    row.decimal("cache_write_1h_usd_per_token"),
                    row.decimal("cache_read_usd_per_token"));
            TokenPrices tier = new TokenPrices(
                    row.decimal("tier_input_usd_per_token"),
                    row.decimal("tier_output_usd_per_token"),
                    row.decimal("tier_cache_write_5m_usd_per_token"),
                    row.decimal("tier_cache_write_1h_usd_per_token"),
                    row.decimal("tier_cache_read_usd_per_token"));
            return new ModelPrice(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("model_name"),
                    row.string("provider"),
                    base,
                    row.int64("tier_threshold_tokens"),
                    tier,
                    row.int64("max_input_tokens"),
                    row.int64("max_output_tokens"),
                    row.string("price_source"),
                    row.string("source_file"),
                    row.jsonObject("attributes"));
        }
    };
}
