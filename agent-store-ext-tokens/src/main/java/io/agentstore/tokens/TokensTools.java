package io.agentstore.tokens;

import io.agentstore.spi.DateRange;
import io.agentstore.spi.Row;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.spi.ToolValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of the tokens module: where a budget stands, how to spend less, whether planned work fits the
 * context, cost reports and daily usage. Each is answered by a {@link TokensFacade} method or a view of
 * {@code sql/tokens/}.
 */
public final class TokensTools {
    private TokensTools() {}

    /** Every tokens tool. */
    public static List<ToolSpec> all() {
        return List.of(
                checkTokenBudget(), suggestOptimizations(), predictContextOverflow(), costReport(), usageStats());
    }

    static ToolSpec checkTokenBudget() {
        return ToolSpec.reading(
                "check_token_budget",
                "Where a token or dollar budget stands: used, remaining, burn rate per hour and the forecast at the end "
                        + "of the period. Call it before expensive work to see whether the budget allows it.",
                """
                {"type":"object","properties":{
                  "scope":{"type":"string","enum":["five_hour_window","day","month","session","component"],"description":"What the budget covers: the current 5-hour usage window, a UTC day, a UTC month, one session, or one component (skill, agent, doc)."},
                  "subject":{"type":"string","description":"The session id (scope session) or component name (scope component)."},
                  "date":{"type":"string","description":"Optional day (YYYY-MM-DD, scope day) or month (YYYY-MM, scope month); now when absent."},
                  "limit":{"type":"number","minimum":0,"description":"The budget: tokens, or US dollars when unit is usd."},
                  "unit":{"type":"string","enum":["tokens","usd"],"default":"tokens","description":"What limit counts."}},
                 "required":["scope","limit"],"additionalProperties":false}""",
                (args, ctx) -> {
                    BudgetScope scope = scope(args);
                    String unit = args.optionalString("unit").orElse("tokens").toLowerCase(Locale.ROOT);
                    double amount = args.number("limit", -1);
                    if (!args.has("limit")) {
                        throw new ToolArgumentException("limit", "limit is required");
                    }
                    if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                        throw new ToolArgumentException(
                                "limit",
                                "limit must be a number >= 0, was "
                                        + args.asMap().get("limit"));
                    }
                    BudgetLimit limit = switch (unit) {
                        case "tokens" -> BudgetLimit.tokens(Math.round(amount));
                        case "usd" -> BudgetLimit.usd(BigDecimal.valueOf(amount));
                        default ->
                            throw new ToolArgumentException("unit", "unit must be tokens or usd, was '" + unit + "'");
                    };
                    BudgetStatus s = ctx.facade(TokensFacade.class).checkBudget(scope, limit);
                    Map<String, Object> out = ToolValues.map(
                            "scope",
                            scope.kind(),
                            "subject",
                            scope.subject(),
                            "unit",
                            limit.unit(),
                            "limit",
                            limit.amount(),
                            "used",
                            s.used(),
                            "remaining",
                            s.remaining(),
                            "utilization",
                            s.utilization(),
                            "period_start",
                            s.periodStart(),
                            "period_end",
                            s.periodEnd(),
                            "burn_rate_per_hour",
                            s.burnRatePerHour(),
                            "forecast",
                            s.forecast(),
                            "is_exceeded",
                            s.isExceeded(),
                            "is_forecast_over_limit",
                            s.isForecastOverLimit(),
                            "unpriced_events",
                            s.unpricedEvents());
                    return result(
                            String.format(
                                    Locale.ROOT,
                                    "Budget %s: %s of %s %s used (%.0f%%)%s",
                                    out.get("scope"),
                                    s.used().toPlainString(),
                                    limit.amount().toPlainString(),
                                    out.get("unit"),
                                    Double.isInfinite(s.utilization()) ? 100.0 : s.utilization() * 100,
                                    s.isExceeded()
                                            ? ", EXCEEDED"
                                            : s.isForecastOverLimit() ? ", forecast over the limit" : ""),
                            out);
                });
    }

    static ToolSpec suggestOptimizations() {
        return ToolSpec.reading(
                "suggest_token_optimizations",
                "Ways to spend fewer tokens or dollars: components over the token budget, a low prompt-cache hit rate, "
                        + "simple commands run on an expensive model. Each with what was found and what to do.",
                """
                {"type":"object","properties":{},"additionalProperties":false}""",
                (args, ctx) -> {
                    List<Optimization> found = ctx.facade(TokensFacade.class).suggestOptimizations();
                    return result(
                            found.isEmpty() ? "No optimizations found" : found.size() + " optimization(s)",
                            ToolValues.map("optimizations", found));
                });
    }

    static ToolSpec predictContextOverflow() {
        return ToolSpec.reading(
                "predict_context_overflow",
                "Whether planned work fits a session's context window: its current context plus the planned tokens "
                        + "(given, or the measured sizes of the components about to be loaded) against the window, or the "
                        + "size at which this window overflowed before. Call it before loading large skills or files.",
                """
                {"type":"object","properties":{
                  "session_id":{"type":"string","description":"The session whose context is checked."},
                  "planned_tokens":{"type":"integer","minimum":0,"description":"Tokens about to be added."},
                  "planned_components":{"type":"array","items":{"type":"string"},"description":"Names of measured components (skills, agents, docs) about to be loaded; their current sizes are added."}},
                 "required":["session_id"],"additionalProperties":false}""",
                (args, ctx) -> {
                    String session = args.string("session_id");
                    long planned = args.integer("planned_tokens", 0, 0, Long.MAX_VALUE / 4);
                    List<Map<String, Object>> components = new ArrayList<>();
                    for (Object o : args.list("planned_components")) {
                        if (!(o instanceof String name) || name.isBlank()) {
                            throw new ToolArgumentException(
                                    "planned_components", "planned_components must hold component names, was " + o);
                        }
                        Optional<Row> size = ctx.sql(
                                        "SELECT estimated_tokens FROM v_component_sizes WHERE component_name = ?", name)
                                .single();
                        if (size.isEmpty()) {
                            throw new ToolArgumentException(
                                    "planned_components",
                                    "no measured component '" + name + "'; measure it first, or pass planned_tokens");
                        }
                        long t = size.get().int64("estimated_tokens");
                        planned += t;
                        components.add(ToolValues.map("component_name", name, "estimated_tokens", t));
                    }
                    Optional<ContextWindow> window =
                            ctx.facade(TokensFacade.class).contextWindow(session);
                    if (window.isEmpty()) {
                        Map<String, Object> out = ToolValues.map(
                                "session_id",
                                session,
                                "known",
                                false,
                                "planned_tokens",
                                planned,
                                "reason",
                                "the session has no API call with a known context window");
                        return result(
                                "Cannot predict: session " + session + " has no API call with a known context window",
                                out);
                    }
                    OverflowPrediction p = ctx.facade(TokensFacade.class).predictOverflow(window.get(), planned);
                    Map<String, Object> out = ToolValues.map(
                            "session_id",
                            session,
                            "known",
                            true,
                            "model",
                            p.window().model(),
                            "window_tokens",
                            p.window().maxTokens(),
                            "used_tokens",
                            p.window().usedTokens(),
                            "planned_tokens",
                            p.plannedTokens(),
                            "planned_components",
                            components,
                            "projected_tokens",
                            p.projectedTokens(),
                            "effective_limit_tokens",
                            p.effectiveLimitTokens(),
                            "headroom_tokens",
                            p.headroomTokens(),
                            "projected_utilization",
                            p.projectedUtilization(),
                            "will_overflow",
                            p.willOverflow(),
                            "overflows_observed",
                            p.overflowsObserved());
                    return result(
                            (p.willOverflow() ? "Will overflow: " : "Fits: ") + p.projectedTokens() + " of "
                                    + p.effectiveLimitTokens() + " tokens",
                            out);
                });
    }

    static ToolSpec costReport() {
        return ToolSpec.reading(
                "get_cost_report",
                "Tokens and derived cost (US dollars, from the price valid at each call) over a period, broken down one "
                        + "way, most expensive first; calls of unpriced models are counted, never priced at 0.",
                """
                {"type":"object","properties":{
                  "period":{"type":"string","default":"30d","description":"today, yesterday, Nd (the last N days, for example 7d), this_month, all, a day YYYY-MM-DD, a month YYYY-MM, or START..END (dates or ISO-8601 instants, END exclusive); also last-Nd."},
                  "group_by":{"type":"string","enum":["day","month","model","provider","agent","task","task_type","session"],"default":"day","description":"What each line is."}},
                 "additionalProperties":false}""",
                (args, ctx) -> {
                    CostPeriod period = period(
                            args.optionalString("period").orElse("30d"),
                            ctx.clock().instant());
                    String by = args.optionalString("group_by").orElse("day");
                    CostBreakdown breakdown;
                    try {
                        breakdown = CostBreakdown.valueOf(by.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new ToolArgumentException(
                                "group_by",
                                "group_by must be one of day, month, model, provider,"
                                        + " agent, task, task_type, session; was '" + by + "'");
                    }
                    CostReport r = ctx.facade(TokensFacade.class).costReport(period, breakdown);
                    Map<String, Object> out = ToolValues.map(
                            "period_start",
                            period.start(),
                            "period_end",
                            period.end(),
                            "group_by",
                            breakdown,
                            "total_cost_usd",
                            r.totalCostUsd(),
                            "total_tokens",
                            r.totalTokens(),
                            "unpriced_calls",
                            r.unpricedCalls(),
                            "lines",
                            r.lines());
                    return result(
                            "Cost " + period.start() + " .. " + period.end() + " by " + by + ": "
                                    + r.totalCostUsd().toPlainString() + " USD, " + r.totalTokens() + " tokens",
                            out);
                });
    }

    static ToolSpec usageStats() {
        return ToolSpec.reading(
                "get_usage_stats",
                "Usage per UTC day over the last days: API calls, tokens by kind, derived cost and models, with totals.",
                """
                {"type":"object","properties":{
                  "days":{"type":"integer","minimum":1,"maximum":36500,"default":7,"description":"How many days back from today (UTC)."}},
                 "additionalProperties":false}""",
                (args, ctx) -> {
                    long days = args.integer("days", 7, 1, 36500);
                    LocalDate since = LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC)
                            .minusDays(days - 1);
                    List<Map<String, Object>> rows = new ArrayList<>();
                    long tokens = 0;
                    long calls = 0;
                    BigDecimal cost = BigDecimal.ZERO;
                    for (Row r : ctx.sql(
                                    "SELECT day, calls, input_tokens, output_tokens, cache_read_tokens,"
                                            + " cache_write_tokens, total_tokens, cost_usd, unpriced_calls, models FROM v_cost_by_day"
                                            + " WHERE day >= ? ORDER BY day",
                                    since)
                            .rows()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        for (int i = 0; i < r.columns().size(); i++) {
                            m.put(r.columns().get(i), ToolValues.json(r.get(i)));
                        }
                        rows.add(m);
                        tokens += r.decimal("total_tokens").longValue();
                        calls += r.int64("calls");
                        cost = r.decimal("cost_usd") == null ? cost : cost.add(r.decimal("cost_usd"));
                    }
                    Map<String, Object> out = ToolValues.map(
                            "since",
                            since,
                            "days",
                            days,
                            "total_calls",
                            calls,
                            "total_tokens",
                            tokens,
                            "total_cost_usd",
                            cost,
                            "per_day",
                            rows);
                    return result(
                            "Usage since " + since + ": " + calls + " calls, " + tokens + " tokens, "
                                    + cost.toPlainString() + " USD",
                            out);
                });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static BudgetScope scope(ToolArguments args) {
        String kind = args.string("scope").toLowerCase(Locale.ROOT);
        Optional<String> date = args.optionalString("date");
        try {
            return switch (kind) {
                case "five_hour_window" -> BudgetScope.fiveHourWindow();
                case "day" -> date.map(d -> BudgetScope.day(LocalDate.parse(d))).orElse(BudgetScope.day());
                case "month" ->
                    date.map(d -> BudgetScope.month(YearMonth.parse(d))).orElse(BudgetScope.month());
                case "session" ->
                    BudgetScope.session(args.optionalString("subject")
                            .orElseThrow(() -> new ToolArgumentException(
                                    "subject", "scope session needs subject: the session id")));
                case "component" ->
                    BudgetScope.component(args.optionalString("subject")
                            .orElseThrow(() -> new ToolArgumentException(
                                    "subject", "scope component needs subject: the component name")));
                default ->
                    throw new ToolArgumentException(
                            "scope",
                            "scope must be one of five_hour_window, day, month," + " session, component; was '" + kind
                                    + "'");
            };
        } catch (DateTimeParseException e) {
            throw new ToolArgumentException(
                    "date", "date must be YYYY-MM-DD for a day or YYYY-MM for a month, was '" + date.orElse("") + "'");
        }
    }

    /**
     * A period named as the cost report's {@code period} argument says, relative to {@code now}: the tools' one
     * date-range parser ({@link DateRange#parse}).
     */
    static CostPeriod period(String text, Instant now) {
        DateRange r = DateRange.parse("period", text, now);
        return CostPeriod.between(r.start(), r.end());
    }

    private static ToolResult result(String heading, Map<String, Object> structured) {
        return new ToolResult(structured, ToolValues.text(heading, structured));
    }
}
