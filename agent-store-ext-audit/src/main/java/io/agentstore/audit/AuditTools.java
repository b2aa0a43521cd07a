package io.agentstore.audit;

import io.agentstore.spi.DateRange;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.Row;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The audit module's tools for agents: search_prompts, analyze_template_performance, export_audit_log, record_feedback. */
final class AuditTools {
    private AuditTools() {}

    private static final String RANGE =
            "\"start\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"from, inclusive (ISO-8601)\"},"
                    + "\"end\":{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"to, inclusive (ISO-8601)\"}";

    static List<ToolSpec> all() {
        return List.of(
                ToolSpec.reading(
                        "search_prompts",
                        "Prompts whose text or response contains a phrase, in a date range,"
                                + " optionally of one user (user id, account id, e-mail or OS user).",
                        "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
                                + "\"date_range\":{\"type\":\"string\",\"description\":\"" + DateRange.FORMATS
                                + "; or give start and end instead\"}," + RANGE
                                + ",\"user\":{\"type\":\"string\"}},\"required\":[\"query\"]}",
                        (args, context) -> {
                            Instant[] range = searchRange(args, context.clock().instant());
                            return result(
                                    context.facade(AuditFacade.class)
                                            .searchPrompts(
                                                    args.string("query"),
                                                    range[0],
                                                    range[1],
                                                    args.optionalString("user")),
                                    "prompts");
                        }),
                ToolSpec.reading(
                        "analyze_template_performance",
                        "Uses, average response length, average latency and"
                                + " thumbs-up share of one prompt template, or of every template when none is given.",
                        "{\"type\":\"object\",\"properties\":{\"template\":{\"type\":\"string\"}}}",
                        (args, context) -> result(
                                context.facade(AuditFacade.class).templatePerformance(args.optionalString("template")),
                                "templates")),
                ToolSpec.reading(
                        "export_audit_log",
                        "Every prompt and response in a date range, in order: the compliance export.",
                        "{\"type\":\"object\",\"properties\":{" + RANGE + "},\"required\":[\"start\",\"end\"]}",
                        (args, context) -> result(
                                context.facade(AuditFacade.class)
                                        .auditLog(instant(args, "start"), instant(args, "end")),
                                "entries")),
                ToolSpec.writing(
                        "record_feedback",
                        "Records thumbs_up, thumbs_down or report on a prompt or a response.",
                        "{\"type\":\"object\",\"properties\":{\"prompt_event_id\":{\"type\":\"string\"},"
                                + "\"response_event_id\":{\"type\":\"string\"},\"feedback_type\":{\"type\":\"string\","
                                + "\"enum\":[\"thumbs_up\",\"thumbs_down\",\"report\"]},\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"feedback_type\"]}",
                        (args, context) -> {
                            UUID prompt = uuid(args, "prompt_event_id");
                            UUID response = uuid(args, "response_event_id");
                            if (prompt == null && response == null) {
                                throw new ToolArgumentException(
                                        "prompt_event_id", "prompt_event_id or response_event_id is required");
                            }
                            String type = args.string("feedback_type");
                            if (!Feedback.TYPES.contains(type)) {
                                throw new ToolArgumentException(
                                        "feedback_type",
                                        "feedback_type must be one of " + Feedback.TYPES + ", was " + type);
                            }
                            UUID id = context.facade(AuditFacade.class)
                                    .recordFeedback(new Feedback(
                                            null,
                                            null,
                                            null,
                                            prompt,
                                            response,
                                            type,
                                            args.optionalString("text").orElse(null),
                                            UserRef.local(),
                                            Map.of()));
                            return new ToolResult(Map.of("event_id", id.toString()), "recorded feedback " + id);
                        }));
    }

    /**
     * The range of search_prompts: {@code date_range} ({@link DateRange#parse}; its exclusive end becomes the last
     * microsecond before it, the facade's range being inclusive), or {@code start} and {@code end} (inclusive).
     */
    static Instant[] searchRange(ToolArguments args, Instant now) {
        Optional<String> dateRange = args.optionalString("date_range");
        boolean startOrEnd = args.optionalString("start").isPresent()
                || args.optionalString("end").isPresent();
        if (dateRange.isPresent()) {
            if (startOrEnd) {
                throw new ToolArgumentException(
                        "date_range",
                        "give date_range or start and end, not both; date_range was '" + dateRange.get() + "'");
            }
            DateRange r = DateRange.parse("date_range", dateRange.get(), now);
            return new Instant[] {r.start(), r.end().minusNanos(1_000)};
        }
        if (!startOrEnd) {
            throw new ToolArgumentException(
                    "date_range", "date_range is required (" + DateRange.FORMATS + "), or start and end");
        }
        return new Instant[] {instant(args, "start"), instant(args, "end")};
    }

    private static Instant instant(ToolArguments args, String name) {
        return args.instant(name).orElseThrow(() -> new ToolArgumentException(name, name + " is required"));
    }

    private static UUID uuid(ToolArguments args, String name) {
        Optional<String> s = args.optionalString(name);
        try {
            return s.map(UUID::fromString).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException(name, name + " must be a UUID, was " + s.get());
        }
    }

    private static ToolResult result(QueryResult q, String key) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : q.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                Object v = r.get(i);
                m.put(
                        r.columns().get(i),
                        v == null || v instanceof Number || v instanceof Boolean || v instanceof String
                                ? v
                                : v.toString());
            }
            rows.add(m);
        }
        return new ToolResult(Map.of(key, rows), q.toCsv());
    }
}
