package io.agentstore.tokens;

import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import io.agentstore.spi.StoreContext;
import io.agentstore.tokens.internal.ComponentMeasurer;
import io.agentstore.tokens.internal.PriceFiles;
import io.agentstore.tokens.internal.PricePlan;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token budgets, prices and cost, from {@code store.module(TokensFacade.class)} or
 * {@code TokensModule.of(store)}. Record methods validate their record, then return as the store's
 * durability says; query methods read the views of {@code sql/tokens/} and the reference
 * queries of {@code sql/queries/tokens/}. None returns null. Costs are {@link BigDecimal}, derived from tokens
 * and the price valid when each call was made; calls of models without a price are counted, never priced at 0.
 *
 * <p>When the store opens, the bundled price table (and the override file given to
 * {@link TokensModule#withPriceOverrides(Path)}) is loaded into {@code dim_model_price}: versions already in
 * effect add nothing, changed prices add a version from their effective date.
 */
public final class TokensFacade {
    private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final int RATE_SCALE = 6;
    private static final Duration MIN_ELAPSED = Duration.ofMinutes(1);

    private final StoreContext store;

    /** A facade over {@code store}; it does no work: the prices are loaded by {@link TokensModule#onOpen}. */
    TokensFacade(StoreContext store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Loads the bundled price table, then the override file if there is one; see {@link TokensModule#onOpen}. */
    void loadPrices(Path priceOverrides) {
        if (store.isReadOnly()) {
            // a read-only store writes nothing: it shows the prices its last writing open loaded
            return;
        }
        recordPrices(PriceFiles.bundled());
        if (priceOverrides != null) {
            loadPriceOverrides(priceOverrides);
        }
    }

    // ------------------------------------------------------------------------------------------------ recording

    /** Records the tokens of one component invocation; returns its event id. */
    public UUID recordTokenUsage(TokenUsage usage) {
        return store.record(required("usage", usage));
    }

    /**
     * Records a context overflow; returns its event id. When the overflow names a model but no window size,
     * the size is taken from the model's price table entry ({@code max_input_tokens}) when there is one.
     */
    public UUID recordOverflow(ContextOverflow overflow) {
        required("overflow", overflow);
        ContextOverflow filled = overflow;
        if (overflow.contextWindowTokens() == null && overflow.model() != null) {
            Instant at = overflow.occurredAt() != null
                    ? overflow.occurredAt()
                    : store.clock().instant();
            Long max = priceFor(overflow.model(), overflow.provider(), at)
                    .map(ModelPrice::maxInputTokens)
                    .orElse(null);
            if (max != null && max > 0) {
                filled = overflow.withContextWindowTokens(max);
            }
        }
        return store.record(filled);
    }

    /** Records a component measurement; returns its event id. */
    public UUID recordMeasurement(ComponentMeasurement measurement) {
        return store.record(required("measurement", measurement));
    }

    /** Records a cost allocation; returns its event id. */
    public UUID recordCostAllocation(CostAllocation allocation) {
        return store.record(required("allocation", allocation));
    }

    /** Records a command run (model routing); returns its event id. */
    public UUID recordCommandRun(CommandRun run) {
        return store.record(required("run", run));
    }

    // ------------------------------------------------------------------------------------------------ prices

    /**
     * Records price versions, in one transaction, skipping those already in effect: loading the same prices
     * again adds nothing, a changed price adds a version from its effective date (closing the previous one
     * there), and a version dated before its model's current version is skipped and reported (history is
     * never rewritten).
     */
    public PriceLoadReport recordPrices(List<ModelPrice> prices) {
        required("prices", prices);
        for (int i = 0; i < prices.size(); i++) {
            if (prices.get(i) == null) {
                throw new InvalidRecordException("prices[" + i + "]", null, "is required");
            }
        }
        Instant now = store.clock().instant().truncatedTo(ChronoUnit.MICROS);
        List<ModelPrice> candidates = new ArrayList<>(prices.size());
        for (ModelPrice p : prices) {
            candidates.add(p.effectiveFrom() == null ? p.withEffectiveFrom(now) : p);
        }
        // Per model in date order; the sort is stable, so equal dates keep the caller's order.
        candidates.sort(Comparator.comparing(ModelPrice::modelName).thenComparing(ModelPrice::effectiveFrom));
        PricePlan plan = new PricePlan(storedVersions());
        candidates.forEach(plan::consider);
        if (!plan.added().isEmpty()) {
            store.recordAll(plan.added());
        }
        return new PriceLoadReport(plan.added(), plan.unchanged(), plan.skipped());
    }

    /**
     * Loads a price override file: LiteLLM's JSON shape (an object keyed by model name with
     * {@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_creation_input_token_cost},
     * {@code cache_creation_input_token_cost_above_1hr}, {@code cache_read_input_token_cost}, their
     * {@code _above_200k_tokens} forms, {@code max_input_tokens}, ...) plus an optional {@code effective_from}
     * per entry ({@code "2025-06-01"} or an ISO-8601 instant); a model's value may also be an array of such
     * entries (several versions). What an entry leaves out keeps the bundled value of the same model. An entry
     * without {@code effective_from} applies from the beginning for a model that has no price yet, and from now
     * (the store clock) for one that has. See the module's README.
     *
     * @throws AgentStoreException when the file cannot be read or an entry is invalid (the message names it)
     */
    public PriceLoadReport loadPriceOverrides(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        if (!Files.isRegularFile(file)) {
            throw new AgentStoreException("the price override file " + file + " does not exist or is not a file");
        }
        Map<String, ModelPrice> bundled = new HashMap<>();
        for (ModelPrice p : PriceFiles.bundled()) {
            bundled.putIfAbsent(p.modelName(), p);
        }
        Set<String> priced = new HashSet<>(storedVersions().keySet());
        Instant now = store.clock().instant().truncatedTo(ChronoUnit.MICROS);
        List<ModelPrice> overrides = new ArrayList<>();
        for (PriceFiles.Entry e : PriceFiles.read(file)) {
            PriceFiles.Entry merged = PriceFiles.merge(e, bundled.get(e.modelName()));
            Instant from = merged.effectiveFrom() != null
                    ? merged.effectiveFrom()
                    : priced.contains(e.modelName()) || bundled.containsKey(e.modelName()) ? now : Instant.EPOCH;
            try {
                overrides.add(PriceFiles.toPrice(merged, from, "override", file.toString()));
            } catch (InvalidRecordException ex) {
                throw new AgentStoreException(
                        "price file " + file + ", model '" + e.modelName() + "': " + ex.getMessage(), ex);
            }
        }
        return recordPrices(overrides);
    }

    /**
     * The price that applies to {@code model} at {@code at}, matched as the cost views match it: the exact
     * name first, then provider-prefixed forms, then with dated suffixes stripped.
     */
    public Optional<ModelPrice> priceFor(String model, String provider, Instant at) {
        requireText("model", model);
        Objects.requireNonNull(at, "at must not be null");
        return store.sql(store.sqlResource("price_for_model.sql"), model, provider, at).rows().stream()
                .findFirst()
                .map(TokensFacade::price);
    }

    /** Every version of the prices of the price-table model {@code priceModelName}, oldest first. */
    public List<ModelPrice> priceHistory(String priceModelName) {
        requireText("priceModelName", priceModelName);
        return store
                .sql(
                        "SELECT *, NULL AS match_rule FROM dim_model_price WHERE model_name = ? ORDER BY valid_from",
                        priceModelName)
                .rows()
                .stream()
                .map(TokensFacade::price)
                .toList();
    }

    private static ModelPrice price(Row r) {
        TokenPrices base = new TokenPrices(
                r.decimal("input_usd_per_token"),
                r.decimal("output_usd_per_token"),
                r.decimal("cache_write_5m_usd_per_token"),
                r.decimal("cache_write_1h_usd_per_token"),
                r.decimal("cache_read_usd_per_token"));
        TokenPrices tier = new TokenPrices(
                r.decimal("tier_input_usd_per_token"),
                r.decimal("tier_output_usd_per_token"),
                r.decimal("tier_cache_write_5m_usd_per_token"),
                r.decimal("tier_cache_write_1h_usd_per_token"),
                r.decimal("tier_cache_read_usd_per_token"));
        return new ModelPrice(
                null,
                r.instant("valid_from"),
                null,
                r.string("model_name"),
                r.string("provider"),
                base,
                r.int64("tier_threshold_tokens"),
                tier,
                r.int64("max_input_tokens"),
                r.int64("max_output_tokens"),
                r.string("price_source"),
                null,
                Map.of());
    }

    private Map<String, List<PricePlan.Version>> storedVersions() {
        Map<String, List<PricePlan.Version>> stored = new HashMap<>();
        for (Row r : store.sql("SELECT model_name, price_hash, valid_from, valid_to FROM dim_model_price")
                .rows()) {
            stored.computeIfAbsent(r.string("model_name"), k -> new ArrayList<>())
                    .add(new PricePlan.Version(r.string("price_hash"), r.instant("valid_from"), r.instant("valid_to")));
        }
        return stored;
    }

    // ------------------------------------------------------------------------------------------------ budgets

    /**
     * Where a budget stands: used, limit, remaining, burn rate, and the forecast at the end of the period at
     * that rate. Time scopes are UTC and relative to the store clock.
     */
    public BudgetStatus checkBudget(BudgetScope scope, BudgetLimit limit) {
        Objects.requireNonNull(scope, "scope must not be null");
        Objects.requireNonNull(limit, "limit must not be null");
        Instant now = store.clock().instant();
        boolean usd = limit.unit() == BudgetLimit.Unit.USD;
        return switch (scope.kind()) {
            case DAY -> {
                LocalDate day = scope.date() != null ? scope.date() : LocalDate.ofInstant(now, ZoneOffset.UTC);
                CostPeriod p = CostPeriod.day(day);
                yield periodStatus(scope, limit, p.start(), p.end(), now);
            }
            case MONTH -> {
                YearMonth month =
                        scope.yearMonth() != null ? scope.yearMonth() : YearMonth.from(now.atZone(ZoneOffset.UTC));
                CostPeriod p = CostPeriod.month(month);
                yield periodStatus(scope, limit, p.start(), p.end(), now);
            }
            case FIVE_HOUR_WINDOW -> windowStatus(scope, limit, now);
            case SESSION -> {
                Row r = store.sql(store.sqlResource("budget_session_usage.sql"), scope.subject())
                        .rows()
                        .get(0);
                BigDecimal used = usd ? r.decimal("cost_usd") : r.decimal("total_tokens");
                Instant first = r.instant("first_call_at");
                Instant last = r.instant("last_call_at");
                BigDecimal rate = first == null ? BigDecimal.ZERO.setScale(RATE_SCALE) : rate(used, first, last);
                yield status(scope, limit, used, first, null, rate, used, usd ? r.int64("unpriced_calls") : 0);
            }
            case COMPONENT -> {
                Row r = store.sql(store.sqlResource("budget_component_usage.sql"), scope.subject(), now)
                        .rows()
                        .get(0);
                BigDecimal used;
                BigDecimal rate;
                if (usd) {
                    used = r.decimal("allocated_cost_usd");
                    rate = BigDecimal.ZERO.setScale(RATE_SCALE);
                } else {
                    Long measured = r.int64("measured_tokens");
                    Double avg = r.float64("avg_input_tokens");
                    used = BigDecimal.valueOf(measured != null ? measured : avg != null ? Math.round(avg) : 0);
                    rate = r.decimal("tokens_7d")
                            .divide(BigDecimal.valueOf(7 * 24), MC)
                            .setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
                }
                yield status(scope, limit, used, null, null, rate, used, 0);
            }
        };
    }

    private BudgetStatus periodStatus(BudgetScope scope, BudgetLimit limit, Instant start, Instant end, Instant now) {
        boolean usd = limit.unit() == BudgetLimit.Unit.USD;
        Row r = store.sql(store.sqlResource("budget_period_usage.sql"), start, end)
                .rows()
                .get(0);
        BigDecimal used = usd ? r.decimal("cost_usd") : r.decimal("total_tokens");
        return projected(scope, limit, used, start, end, now, usd ? r.int64("unpriced_calls") : 0);
    }

    private BudgetStatus windowStatus(BudgetScope scope, BudgetLimit limit, Instant now) {
        boolean usd = limit.unit() == BudgetLimit.Unit.USD;
        Optional<Row> active = store.sql("SELECT window_start, window_end, total_tokens, cost_usd, unpriced_calls"
                        + " FROM v_usage_windows WHERE is_active")
                .single();
        if (active.isEmpty()) {
            // No window is open: the next call would open one at this hour.
            Instant start = now.truncatedTo(ChronoUnit.HOURS);
            return projected(scope, limit, BigDecimal.ZERO, start, start.plus(5, ChronoUnit.HOURS), now, 0);
        }
        Row r = active.get();
        BigDecimal used = usd ? orZero(r.decimal("cost_usd")) : r.decimal("total_tokens");
        return projected(
                scope,
                limit,
                used,
                r.instant("window_start"),
                r.instant("window_end"),
                now,
                usd ? r.int64("unpriced_calls") : 0);
    }

    private static BudgetStatus projected(
            BudgetScope scope,
            BudgetLimit limit,
            BigDecimal used,
            Instant start,
            Instant end,
            Instant now,
            long unpriced) {
        Instant until = now.isBefore(end) ? now : end;
        BigDecimal perHour = until.isAfter(start) ? perHour(used, start, until) : BigDecimal.ZERO;
        BigDecimal forecast = used;
        if (now.isBefore(end)) {
            Instant from = now.isAfter(start) ? now : start;
            forecast = used.add(perHour.multiply(hours(from, end), MC), MC);
        }
        return status(
                scope,
                limit,
                used,
                start,
                end,
                perHour.setScale(RATE_SCALE, RoundingMode.HALF_EVEN),
                forecast,
                unpriced);
    }

    private static BudgetStatus status(
            BudgetScope scope,
            BudgetLimit limit,
            BigDecimal used,
            Instant start,
            Instant end,
            BigDecimal rate,
            BigDecimal forecast,
            long unpriced) {
        BigDecimal u = orZero(used);
        return new BudgetStatus(
                scope,
                limit,
                u,
                limit.amount().subtract(u),
                start,
                end,
                rate,
                orZero(forecast).setScale(Math.max(u.scale(), RATE_SCALE), RoundingMode.HALF_EVEN),
                unpriced);
    }

    /** {@code used} per hour between two instants (at least one minute apart), unrounded. */
    private static BigDecimal perHour(BigDecimal used, Instant from, Instant to) {
        Duration elapsed = Duration.between(from, to);
        if (elapsed.compareTo(MIN_ELAPSED) < 0) {
            elapsed = MIN_ELAPSED;
        }
        return orZero(used).divide(hours(elapsed), MC);
    }

    /** {@link #perHour} rounded to the rate scale. */
    private static BigDecimal rate(BigDecimal used, Instant from, Instant to) {
        return perHour(used, from, to).setScale(RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal hours(Instant from, Instant to) {
        return hours(Duration.between(from, to));
    }

    private static BigDecimal hours(Duration d) {
        return new BigDecimal(d.toNanos()).divide(BigDecimal.valueOf(3_600_000_000_000L), MC);
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    // ------------------------------------------------------------------------------------------------ context

    /**
     * How full a session's context is: the model of its latest API call, that call's whole input plus its
     * output, and the model's context window from the price table. Empty when the session has no calls or
     * the window is unknown.
     */
    public Optional<ContextWindow> contextWindow(String sessionId) {
        requireText("sessionId", sessionId);
        return store.sql(store.sqlResource("session_context.sql"), sessionId).rows().stream()
                .findFirst()
                .filter(r -> r.int64("max_input_tokens") != null && r.int64("max_input_tokens") > 0)
                .map(r -> ContextWindow.of(
                        r.string("model_name"), r.int64("max_input_tokens"), r.int64("context_tokens")));
    }

    /**
     * Whether adding {@code plannedTokens} to {@code window} will overflow it, against the window size or,
     * when overflows of the same window size (and model) were recorded before, the 10th percentile of the
     * context size at which they happened, whichever is lower.
     */
    public OverflowPrediction predictOverflow(ContextWindow window, long plannedTokens) {
        Objects.requireNonNull(window, "window must not be null");
        if (plannedTokens < 0) {
            throw new IllegalArgumentException("plannedTokens must be >= 0, was " + plannedTokens);
        }
        Row h = store.sql(store.sqlResource("overflow_history.sql"), window.maxTokens(), window.model())
                .rows()
                .get(0);
        long observed = h.int64("overflows");
        long limit = window.maxTokens();
        Long p10 = h.int64("p10_tokens_at_overflow");
        if (observed > 0 && p10 != null && p10 > 0) {
            limit = Math.min(limit, p10);
        }
        long projected = window.usedTokens() + plannedTokens;
        return new OverflowPrediction(
                window,
                plannedTokens,
                projected,
                limit,
                limit - projected,
                (double) projected / window.maxTokens(),
                projected > limit,
                observed);
    }

    /** {@link #predictOverflow(ContextWindow, long)} for a session's current context. */
    public Optional<OverflowPrediction> predictOverflow(String sessionId, long plannedTokens) {
        return contextWindow(sessionId).map(w -> predictOverflow(w, plannedTokens));
    }

    // ------------------------------------------------------------------------------------------------ measurement

    /**
     * Measures every text file under {@code folder} (a skills, agents, commands or docs folder) and records a
     * measurement for each file whose content is new or changed since its last measurement (by SHA-256).
     * Component names are the folder's name and the path below it ({@code skills/pdf/SKILL.md}); the type is
     * guessed from the path (skill, agent, command, else doc).
     */
    public MeasurementReport measureComponents(Path folder) {
        return measureComponents(folder, null);
    }

    /** {@link #measureComponents(Path)} with every component of the given type. */
    public MeasurementReport measureComponents(Path folder, String componentType) {
        Objects.requireNonNull(folder, "folder must not be null");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("folder must be a directory, was " + folder);
        }
        if (componentType != null && componentType.isBlank()) {
            throw new IllegalArgumentException("componentType must not be blank (use null to guess it)");
        }
        List<ComponentMeasurer.Measured> measured;
        try {
            measured = ComponentMeasurer.measure(folder, componentType);
        } catch (IOException e) {
            throw new AgentStoreException("cannot walk " + folder + ": " + e.getMessage(), e);
        }
        Map<String, String> latest = new HashMap<>();
        for (Row r : store.sql("SELECT component_name, content_hash FROM v_component_sizes")
                .rows()) {
            latest.put(r.string("component_name"), r.string("content_hash"));
        }
        List<ComponentMeasurement> changed = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        int unchanged = 0;
        for (ComponentMeasurer.Measured m : measured) {
            if (m.measurement() == null) {
                skipped.add(m.file());
            } else if (m.measurement()
                    .contentHash()
                    .equals(latest.get(m.measurement().component().name()))) {
                unchanged++;
            } else {
                changed.add(m.measurement());
            }
        }
        if (!changed.isEmpty()) {
            store.recordAll(changed);
        }
        return new MeasurementReport(changed, unchanged, skipped);
    }

    // ------------------------------------------------------------------------------------------------ cost

    /** Tokens and derived cost over a period, broken down one way, most expensive first. */
    public CostReport costReport(CostPeriod period, CostBreakdown breakdown) {
        Objects.requireNonNull(period, "period must not be null");
        Objects.requireNonNull(breakdown, "breakdown must not be null");
        List<CostLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        long tokens = 0;
        long unpriced = 0;
        for (Row r : store.sql(store.sqlResource("cost_report.sql"), breakdown.sqlName(), period.start(), period.end())
                .rows()) {
            CostLine line = new CostLine(
                    r.string("bucket") == null ? "(none)" : r.string("bucket"),
                    r.int64("calls"),
                    r.int64("input_tokens"),
                    r.int64("output_tokens"),
                    r.int64("cache_read_tokens"),
                    r.int64("cache_write_tokens"),
                    r.int64("total_tokens"),
                    r.decimal("cost_usd"),
                    r.decimal("reported_cost_usd"),
                    r.int64("unpriced_calls"));
            lines.add(line);
            total = line.costUsd() == null ? total : total.add(line.costUsd());
            tokens += line.totalTokens();
            unpriced += line.unpricedCalls();
        }
        return new CostReport(period, breakdown, lines, total, tokens, unpriced);
    }

    /**
     * Allocates a session's cost to the components it used, in proportion to the input tokens each brought
     * in ({@code v_token_usage}): one allocation per component, a share of the session's derived cost (so the
     * amount follows price corrections). Running it again records only shares that changed, superseding the
     * previous allocation of that component.
     *
     * @return the allocations recorded
     */
    public List<CostAllocation> allocateSessionCost(String sessionId) {
        requireText("sessionId", sessionId);
        Map<String, Long> tokens = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        long total = 0;
        for (Row r : store.sql(
                        "SELECT component_name, any_value(component_type) AS component_type,"
                                + " sum(total_input_tokens) AS tokens FROM v_token_usage WHERE session_id = ? AND NOT is_superseded"
                                + " GROUP BY component_name ORDER BY component_name",
                        sessionId)
                .rows()) {
            long t = r.int64("tokens");
            tokens.put(r.string("component_name"), t);
            types.put(r.string("component_name"), r.string("component_type"));
            total += t;
        }
        if (total == 0) {
            return List.of();
        }
        Map<String, Row> existing = new HashMap<>();
        for (Row r : store.sql(
                        "SELECT event_id, component_name, share FROM v_cost_allocations WHERE session_id = ?"
                                + " AND basis = 'session' AND allocation_method = 'proportional' AND NOT is_superseded",
                        sessionId)
                .rows()) {
            existing.put(r.string("component_name"), r);
        }
        List<CostAllocation> recorded = new ArrayList<>();
        for (Map.Entry<String, Long> e : tokens.entrySet()) {
            BigDecimal share =
                    BigDecimal.valueOf(e.getValue()).divide(BigDecimal.valueOf(total), 6, RoundingMode.HALF_EVEN);
            Row previous = existing.get(e.getKey());
            if (previous != null && previous.decimal("share").compareTo(share) == 0) {
                continue;
            }
            CostAllocation a = CostAllocation.ofSession(
                    new ComponentRef(e.getKey(), types.get(e.getKey()), null), sessionId, share, "proportional");
            recorded.add(previous == null ? a : a.withEnvelope(null, null, previous.uuid("event_id")));
        }
        if (!recorded.isEmpty()) {
            store.recordAll(recorded);
        }
        return List.copyOf(recorded);
    }

    // ------------------------------------------------------------------------------------------------ advice

    /** {@link #suggestOptimizations(OptimizationThresholds)} with {@link OptimizationThresholds#DEFAULTS}. */
    public List<Optimization> suggestOptimizations() {
        return suggestOptimizations(OptimizationThresholds.DEFAULTS);
    }

    /**
     * Ways to spend less: components over the token budget (largest excess first), a low prompt-cache hit
     * rate over the lookback, and simple commands (no thinking budget, small output) that run on a model
     * pricier than the cheapest one the command runs use (largest saving first).
     */
    public List<Optimization> suggestOptimizations(OptimizationThresholds thresholds) {
        Objects.requireNonNull(thresholds, "thresholds must not be null");
        Instant since = store.clock().instant().minus(thresholds.lookback());
        List<Optimization> result = new ArrayList<>();
        for (Row r : store.sql(
                        "SELECT * FROM tokens_over_budget(?) ORDER BY excess_tokens DESC, component_name",
                        thresholds.componentBudgetTokens())
                .rows()) {
            result.add(new Optimization(
                    Optimization.Kind.OVER_BUDGET_COMPONENT,
                    r.string("component_name"),
                    r.string("component_name") + " takes about " + r.int64("estimated_tokens") + " tokens, "
                            + r.int64("excess_tokens") + " over the budget of " + thresholds.componentBudgetTokens()
                            + ": trim it, or split it so that only what a task needs is loaded",
                    r.int64("estimated_tokens"),
                    null));
        }
        Row cache = store.sql(store.sqlResource("cache_hit_rate_since.sql"), since)
                .rows()
                .get(0);
        Double rate = cache.float64("cache_hit_rate");
        if (rate != null
                && cache.int64("calls") >= thresholds.minCallsForCacheAdvice()
                && rate < thresholds.minCacheHitRate()) {
            result.add(new Optimization(
                    Optimization.Kind.LOW_CACHE_HIT_RATE,
                    "prompt cache",
                    String.format(
                            java.util.Locale.ROOT,
                            "only %.1f%% of input tokens in the last %d days were read"
                                    + " from the prompt cache (below %.0f%%): keep system prompts and tool definitions"
                                    + " stable at the start of the prompt and mark cache breakpoints",
                            rate * 100,
                            thresholds.lookback().toDays(),
                            thresholds.minCacheHitRate() * 100),
                    rate,
                    null));
        }
        for (Row r : store.sql(
                        store.sqlResource("expensive_model_on_simple_commands.sql"),
                        since,
                        thresholds.simpleCommandMaxOutputTokens())
                .rows()) {
            result.add(new Optimization(
                    Optimization.Kind.EXPENSIVE_MODEL_ON_SIMPLE_COMMAND,
                    r.string("command"),
                    String.format(
                            java.util.Locale.ROOT,
                            "%s ran %d times on %s with %.0f output tokens on average"
                                    + " and no thinking budget: routed to %s it would have cost %s USD less",
                            r.string("command"),
                            r.int64("runs"),
                            r.string("model_name"),
                            r.float64("avg_output_tokens"),
                            r.string("cheapest_model"),
                            r.decimal("saving_usd")
                                    .setScale(6, RoundingMode.HALF_EVEN)
                                    .toPlainString()),
                    r.float64("avg_output_tokens"),
                    r.decimal("saving_usd")));
        }
        return List.copyOf(result);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The text of a reference query of the tokens module ({@code sql/queries/tokens/<name>}). */
    public static String query(String name) {
        return QUERIES.computeIfAbsent(
                name, n -> SqlResources.load(TokensFacade.class, "agent-store/queries/tokens/" + n));
    }

    private static <T> T required(String field, T value) {
        return Checks.present(field, value);
    }

    private static void requireText(String field, String value) {
        Checks.argument(field, value);
    }
}
