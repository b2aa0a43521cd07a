package io.agentstore.strategy.internal;

import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Row;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.strategy.PatternRoi;
import io.agentstore.strategy.PatternUsage;
import io.agentstore.strategy.PerformanceReport;
import io.agentstore.strategy.RouteChange;
import io.agentstore.strategy.StrategyAttempt;
import io.agentstore.strategy.StrategyEvidence;
import io.agentstore.strategy.StrategyFacade;
import io.agentstore.strategy.StrategySuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools the strategy module offers to agents (MCP). */
public final class StrategyTools {
    private StrategyTools() {}

    /** suggest_strategy, record_outcome, analyze_performance, get_pattern_roi, record_pattern_use, suggest_model. */
    public static List<ToolSpec> all() {
        return List.of(
                ToolSpec.reading(
                        "suggest_strategy",
                        "The strategy that has worked best for a task type, with its evidence: success rate and 95% Wilson"
                                + " interval, attempts, recent success, trend; 'not enough data' below 5 attempts.",
                        "{\"type\":\"object\",\"properties\":{\"task_type\":{\"type\":\"string\",\"description\":\"e.g. refactor, debug\"},"
                                + "\"agent\":{\"type\":\"string\",\"description\":\"count only this agent's attempts (optional)\"}},"
                                + "\"required\":[\"task_type\"],\"additionalProperties\":false}",
                        (args, store) -> {
                            Map<String, Object> context = new LinkedHashMap<>();
                            args.optionalString("agent").ifPresent(a -> context.put("agent", a));
                            StrategySuggestion s = store.facade(StrategyFacade.class)
                                    .suggestStrategy(args.string("task_type"), context);
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("task_type", s.taskType());
                            out.put(
                                    "best",
                                    s.best().map(StrategyTools::evidence).orElse(null));
                            out.put(
                                    "candidates",
                                    s.candidates().stream()
                                            .map(StrategyTools::evidence)
                                            .toList());
                            out.put("advice", s.advice());
                            return new ToolResult(out, s.advice());
                        }),
                ToolSpec.writing(
                        "record_outcome",
                        "Records how an attempt with a strategy went, so that later suggestions learn from it.",
                        "{\"type\":\"object\",\"properties\":{\"strategy\":{\"type\":\"string\",\"description\":\"the strategy used\"},"
                                + "\"success\":{\"type\":\"boolean\",\"description\":\"whether it worked\"},"
                                + "\"task_type\":{\"type\":\"string\",\"description\":\"the kind of task\"},"
                                + "\"task_id\":{\"type\":\"string\",\"description\":\"the task (default: one per call)\"},"
                                + "\"agent\":{\"type\":\"string\",\"description\":\"the agent\"},"
                                + "\"failure_reason\":{\"type\":\"string\",\"description\":\"why it failed\"},"
                                + "\"duration_ms\":{\"type\":\"integer\",\"minimum\":0,\"description\":\"how long it took\"},"
                                + "\"metrics\":{\"type\":\"object\",\"description\":\"task-specific outcome metrics\"}},"
                                + "\"required\":[\"strategy\",\"success\"],\"additionalProperties\":false}",
                        (args, store) -> {
                            if (!args.has("success")) {
                                throw new ToolArgumentException("success", "success is required");
                            }
                            boolean success = args.bool("success", false);
                            StrategyAttempt.Builder b = StrategyAttempt.builder()
                                    .strategy(args.string("strategy"))
                                    .source("tool");
                            args.optionalString("agent").ifPresent(a -> b.agent(AgentRef.of(a)));
                            if (args.has("task_type") || args.has("task_id")) {
                                b.task(new TaskRef(
                                        args.optionalString("task_id")
                                                .orElse(java.util
                                                        .UUID
                                                        .randomUUID()
                                                        .toString()),
                                        null,
                                        args.optionalString("task_type").orElse(null)));
                            }
                            if (args.has("duration_ms")) {
                                b.durationMs(args.integer("duration_ms", 0, 0, Long.MAX_VALUE));
                            }
                            Object metrics = args.asMap().get("metrics");
                            if (metrics != null && !(metrics instanceof Map<?, ?>)) {
                                throw new ToolArgumentException("metrics", "metrics must be an object, was " + metrics);
                            }
                            if (metrics instanceof Map<?, ?> m) {
                                m.forEach((k, v) -> b.metric(String.valueOf(k), v));
                            }
                            StrategyAttempt attempt = success
                                    ? b.succeeded().build()
                                    : b.failed(args.optionalString("failure_reason")
                                                    .orElse(null))
                                            .build();
                            String id = store.facade(StrategyFacade.class)
                                    .recordAttempt(attempt)
                                    .toString();
                            return new ToolResult(
                                    Map.of("event_id", id),
                                    "recorded " + (success ? "a success" : "a failure") + " of " + attempt.strategy());
                        }),
                ToolSpec.reading(
                        "analyze_performance",
                        "An agent's strategy performance over the last days, with suggestions: strategies to switch from,"
                                + " declining ones, the most common failure reasons.",
                        "{\"type\":\"object\",\"properties\":{\"agent\":{\"type\":\"string\",\"description\":\"the agent\"},"
                                + "\"days\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":3650,\"description\":\"days back (default 30)\"}},"
                                + "\"required\":[\"agent\"],\"additionalProperties\":false}",
                        (args, store) -> {
                            PerformanceReport r = store.facade(StrategyFacade.class)
                                    .analyzePerformance(args.string("agent"), (int) args.integer("days", 30, 1, 3650));
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("agent", r.agent());
                            out.put("days", r.days());
                            out.put("attempts", r.attempts());
                            out.put("success_rate", r.successRate());
                            out.put(
                                    "strategies",
                                    r.strategies().stream()
                                            .map(StrategyTools::evidence)
                                            .toList());
                            out.put("failure_reasons", r.failureReasons());
                            out.put("suggestions", r.suggestions());
                            return new ToolResult(
                                    out,
                                    r.attempts() + " attempt(s) in " + r.days() + " day(s)\n"
                                            + String.join("\n", r.suggestions()));
                        }),
                ToolSpec.reading(
                        "get_pattern_roi",
                        "Pattern ROI: uses and hours saved per pattern, most hours first.",
                        "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}",
                        (args, store) -> {
                            List<PatternRoi> roi =
                                    store.facade(StrategyFacade.class).patternRoi();
                            List<Map<String, Object>> rows = new ArrayList<>();
                            StringBuilder text = new StringBuilder();
                            for (PatternRoi p : roi) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("pattern_name", p.patternName());
                                m.put("uses", p.uses());
                                m.put("hours_saved", p.hoursSaved());
                                m.put("avg_confidence", p.avgConfidence());
                                rows.add(m);
                                text.append(p.patternName())
                                        .append(": ")
                                        .append(p.uses())
                                        .append(" use(s), ")
                                        .append(p.hoursSaved())
                                        .append(" h saved\n");
                            }
                            return new ToolResult(Map.of("patterns", rows), text.toString());
                        }),
                ToolSpec.writing(
                        "record_pattern_use",
                        "Records that a pattern was used on a task, where it came from and the time it saved (for"
                                + " get_pattern_roi).",
                        "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\",\"description\":\"the pattern's name\"},"
                                + "\"source\":{\"type\":\"string\",\"description\":\"where it came from: context7, github, project, ...\"},"
                                + "\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1,\"description\":\"how sure, 0 to 1\"},"
                                + "\"time_saved_minutes\":{\"type\":\"number\",\"minimum\":0,\"description\":\"the time it saved\"},"
                                + "\"task_id\":{\"type\":\"string\",\"description\":\"the task\"},"
                                + "\"task_type\":{\"type\":\"string\",\"description\":\"the kind of task\"}},"
                                + "\"required\":[\"pattern\"],\"additionalProperties\":false}",
                        (args, store) -> {
                            String pattern = args.string("pattern");
                            Double confidence = null;
                            if (args.has("confidence")) {
                                double c = args.number("confidence", 0);
                                if (!(c >= 0 && c <= 1)) {
                                    throw new ToolArgumentException(
                                            "confidence", "confidence must be between 0 and 1, was " + c);
                                }
                                confidence = c;
                            }
                            Long savedMs = null;
                            if (args.has("time_saved_minutes")) {
                                double m = args.number("time_saved_minutes", 0);
                                if (!(m >= 0 && m <= 1e9)) {
                                    throw new ToolArgumentException(
                                            "time_saved_minutes",
                                            "time_saved_minutes must be between 0 and 1e9, was " + m);
                                }
                                savedMs = Math.round(m * 60_000);
                            }
                            TaskRef task = args.has("task_id") || args.has("task_type")
                                    ? new TaskRef(
                                            args.optionalString("task_id")
                                                    .orElse(java.util
                                                            .UUID
                                                            .randomUUID()
                                                            .toString()),
                                            null,
                                            args.optionalString("task_type").orElse(null))
                                    : null;
                            String id = store.facade(StrategyFacade.class)
                                    .recordPatternUsage(PatternUsage.of(
                                            pattern,
                                            args.optionalString("source").orElse(null),
                                            confidence,
                                            savedMs,
                                            task))
                                    .toString();
                            return new ToolResult(Map.of("event_id", id), "recorded a use of " + pattern);
                        }),
                ToolSpec.reading(
                        "suggest_model",
                        "The model and thinking budget a command is routed to, and the cheaper models that did as well on"
                                + " it in recorded runs, with what they would have saved.",
                        "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\",\"description\":\"e.g. core:work\"}},"
                                + "\"required\":[\"command\"],\"additionalProperties\":false}",
                        (args, store) -> {
                            String command = args.string("command");
                            Map<String, Object> out = new LinkedHashMap<>();
                            out.put("command", command);
                            RouteChange route = store.facade(StrategyFacade.class)
                                    .routeOf(command)
                                    .orElse(null);
                            out.put("model", route == null ? null : route.model());
                            out.put(
                                    "thinking_level",
                                    route == null ? null : route.thinkingLevel().name());
                            out.put("thinking_budget_tokens", route == null ? null : route.thinkingBudgetTokens());
                            List<Map<String, Object>> cheaper = new ArrayList<>();
                            for (Row r : store.sql(
                                            "SELECT * FROM v_model_downgrade_candidates WHERE command = ?"
                                                    + " ORDER BY would_have_saved_usd DESC, cheaper_model",
                                            command)
                                    .rows()) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("current_model", r.string("current_model"));
                                m.put("cheaper_model", r.string("cheaper_model"));
                                m.put("current_success_rate", r.float64("current_success_rate"));
                                m.put("cheaper_success_rate", r.float64("cheaper_success_rate"));
                                m.put(
                                        "would_have_saved_usd",
                                        r.decimal("would_have_saved_usd") == null
                                                ? null
                                                : r.decimal("would_have_saved_usd")
                                                        .toPlainString());
                                cheaper.add(m);
                            }
                            out.put("cheaper_models", cheaper);
                            String text = (route == null
                                            ? command + " has no route"
                                            : command + " -> " + route.model() + " (" + route.thinkingLevel() + ", "
                                                    + route.thinkingBudgetTokens() + " thinking tokens)")
                                    + (cheaper.isEmpty()
                                            ? ""
                                            : "; cheaper with the same success: "
                                                    + cheaper.get(0).get("cheaper_model"));
                            return new ToolResult(out, text);
                        }));
    }

    private static Map<String, Object> evidence(StrategyEvidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", e.strategy());
        m.put("attempts", e.attempts());
        m.put("successes", e.successes());
        m.put("success_rate", e.successRate());
        m.put("wilson_low", e.wilsonLow());
        m.put("wilson_high", e.wilsonHigh());
        m.put("recent_success_rate", e.recentSuccessRate());
        m.put("trend", e.trend());
        m.put("switch_flagged", e.switchFlagged());
        m.put("enough_data", e.enoughData());
        return m;
    }
}
