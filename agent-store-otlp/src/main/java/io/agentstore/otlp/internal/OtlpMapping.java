package io.agentstore.otlp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.SourceEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Turns OTLP export requests into the store's facts, the way the Claude Code importer does: core facts (API
 * calls, tool calls, errors, decisions, session events) directly, and source-neutral events ({@link SourceEvent})
 * for the installed modules' mappings (the audit module's prompts and users, the agents module's handoffs).
 *
 * <p>Claude Code's events (log records named {@code claude_code.*}) are facts of the source {@code claude-code},
 * with the ids the transcript importer gives the same things where the two share an id: a tool call is {@code
 * claude-code|tool|<tool_use_id>} from both, so it is stored once whichever arrives first; a prompt carrying
 * {@code message.uuid} is the transcript's prompt. An API call is {@code claude-code|otel-api|<request_id>}; the
 * transcript's call of the same request supersedes it (see {@link #claudeCodeApiCallId}), so it counts once with
 * the transcript's figures. GenAI spans ({@code chat}, {@code execute_tool}, {@code invoke_agent}, {@code
 * embeddings}) are facts of the source {@code otlp} with ids from their trace and span ids. Every id is
 * name-based: a retried export changes nothing.
 */
public final class OtlpMapping {
    /** The source of Claude Code's events. */
    public static final String CLAUDE_CODE = "claude-code";
    /** The source of every other OTLP record. */
    public static final String OTLP = "otlp";

    private static final String PREFIX = "claude_code.";
    private static final Set<String> CHAT = Set.of("chat", "text_completion", "generate_content", "embeddings");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;

    /**
     * What one export request became.
     *
     * @param facts     core facts, for {@code importAll}
     * @param events    source events, for {@code apply}
     * @param received  records (log records, spans, metric data points) in the request
     * @param rejected  records that could not be used (a value the facts refuse), for the partial-success answer
     * @param ignored   records understood but not stored (neither Claude Code's nor GenAI), and metric points
     * @param problem   what was wrong with the first rejected record, or null
     */
    public record Batch(
            List<FactRecord> facts,
            List<SourceEvent> events,
            long received,
            long rejected,
            long ignored,
            String problem) {
        /** Copies the lists. */
        public Batch {
            facts = List.copyOf(facts);
            events = List.copyOf(events);
        }
    }

    /** A mapping whose facts without a time get {@code clock}'s instant. */
    public OtlpMapping(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /**
     * The event id of the API call Claude Code's {@code api_request} event with this {@code request_id} becomes;
     * the transcript importer's call of the same request names it as the fact it supersedes.
     */
    public static UUID claudeCodeApiCallId(String requestId) {
        return EventIds.of(CLAUDE_CODE, "otel-api", requestId);
    }

    private final class Collector {
        final List<FactRecord> facts = new ArrayList<>();
        final List<SourceEvent> events = new ArrayList<>();
        long received;
        long rejected;
        long ignored;
        String problem;

        void reject(String what, RuntimeException e) {
            rejected++;
            if (problem == null) {
                problem = what + ": " + e.getMessage();
            }
        }

        Batch batch() {
            return new Batch(facts, events, received, rejected, ignored, problem);
        }
    }

    /** The facts of a logs export: Claude Code's events; other log records are counted as ignored. */
    public Batch logs(ExportLogsServiceRequest request) {
        Collector c = new Collector();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Map<String, Object> resource = Attributes.of(rl.getResource().getAttributesList());
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    c.received++;
                    Map<String, Object> a = new LinkedHashMap<>(resource);
                    a.putAll(Attributes.of(r.getAttributesList()));
                    String name = eventName(r, a);
                    // Claude Code's own names, or any named event of a claude-code service (names without prefix)
                    boolean claudeCode = name != null
                            && (name.startsWith(PREFIX)
                                    || String.valueOf(resource.get("service.name"))
                                            .startsWith("claude-code"));
                    if (!claudeCode) {
                        c.ignored++;
                        continue;
                    }
                    String event = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
                    try {
                        claudeCodeEvent(c, event, r, a, resource);
                    } catch (InvalidRecordException | IllegalArgumentException e) {
                        c.reject("log record " + name, e);
                    }
                }
            }
        }
        return c.batch();
    }

    /** The facts of a traces export: GenAI spans; other spans are counted as ignored. */
    public Batch traces(ExportTraceServiceRequest request) {
        Collector c = new Collector();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, Object> resource = Attributes.of(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    c.received++;
                    try {
                        span(c, s, resource);
                    } catch (InvalidRecordException | IllegalArgumentException e) {
                        c.reject("span " + s.getName(), e);
                    }
                }
            }
        }
        return c.batch();
    }

    /**
     * A metrics export: its data points are counted and not stored (what they measure, tokens and cost, arrives
     * as events too, and counting both would count twice).
     */
    public Batch metrics(ExportMetricsServiceRequest request) {
        Collector c = new Collector();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    long points = switch (m.getDataCase()) {
                        case SUM -> m.getSum().getDataPointsCount();
                        case GAUGE -> m.getGauge().getDataPointsCount();
                        case HISTOGRAM -> m.getHistogram().getDataPointsCount();
                        case EXPONENTIAL_HISTOGRAM ->
                            m.getExponentialHistogram().getDataPointsCount();
                        case SUMMARY -> m.getSummary().getDataPointsCount();
                        default -> 0;
                    };
                    c.received += points;
                    c.ignored += points;
                }
            }
        }
        return c.batch();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Claude Code's events

    private static String eventName(LogRecord r, Map<String, Object> a) {
        if (!r.getEventName().isBlank()) {
            return r.getEventName();
        }
        if (r.getBody().hasStringValue() && r.getBody().getStringValue().startsWith(PREFIX)) {
            return r.getBody().getStringValue();
        }
        return Attributes.text(a, "event.name");
    }

    private void claudeCodeEvent(
            Collector c, String event, LogRecord r, Map<String, Object> a, Map<String, Object> resource) {
        Instant at = logTime(r, a);
        String session = Attributes.text(a, "session.id");
        String seed = String.join(
                "|",
                session == null ? "" : session,
                event,
                Attributes.text(a, "event.sequence") != null
                        ? Attributes.text(a, "event.sequence")
                        : Long.toString(r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : at.toEpochMilli()),
                Attributes.text(a, "prompt.id") == null ? "" : Attributes.text(a, "prompt.id"));
        AgentRef agent = claudeCodeAgent(a);
        Map<String, Object> attrs = rest(a, resource, event);
        switch (event) {
            case "api_request" -> apiRequest(c, at, session, agent, seed, a, attrs);
            case "tool_result" -> toolResult(c, at, session, agent, seed, a, attrs);
            case "api_error" -> {
                String status = Attributes.text(a, "status_code");
                c.facts.add(new ErrorEvent(
                        EventIds.of(CLAUDE_CODE, "otel-error", seed),
                        at,
                        null,
                        session,
                        agent,
                        null,
                        null,
                        "error",
                        status == null ? "api_error" : "api_error_" + status,
                        Attributes.text(a, "error"),
                        attrs));
            }
            case "user_prompt" -> userPrompt(c, at, session, agent, seed, a, attrs);
            case "tool_decision" -> {
                attrs.put("tool_name", Attributes.text(a, "tool_name"));
                c.facts.add(new Decision(
                        EventIds.of(CLAUDE_CODE, "otel-decision", seed),
                        at,
                        null,
                        session,
                        agent,
                        null,
                        "tool_permission",
                        null,
                        or(Attributes.text(a, "decision"), "unknown"),
                        List.of(),
                        Attributes.text(a, "source"),
                        null,
                        false,
                        attrs));
            }
            default -> {
                if (session == null) {
                    c.ignored++;
                    return;
                }
                // any other event (auth, compaction, hook_execution_complete, ...) is kept whole
                c.facts.add(new SessionEvent(
                        EventIds.of(CLAUDE_CODE, "otel-event", seed),
                        at,
                        null,
                        session,
                        agent,
                        PREFIX + event,
                        null,
                        null,
                        null,
                        null,
                        Attributes.text(resource, "service.version"),
                        attrs));
            }
        }
    }

    private static void apiRequest(
            Collector c,
            Instant at,
            String session,
            AgentRef agent,
            String seed,
            Map<String, Object> a,
            Map<String, Object> attrs) {
        String requestId = Attributes.text(a, "request_id");
        String model = or(Attributes.text(a, "model"), "unknown");
        Long micros = Attributes.whole(a, "cost_usd_micros");
        BigDecimal cost = micros != null ? BigDecimal.valueOf(micros, 6) : Attributes.decimal(a, "cost_usd");
        if (cost != null) {
            cost = cost.setScale(6, RoundingMode.HALF_UP);
        }
        attrs.put("cache_write_split", "unknown");
        c.facts.add(new ApiCall(
                requestId != null ? claudeCodeApiCallId(requestId) : EventIds.of(CLAUDE_CODE, "otel-api-event", seed),
                at,
                null,
                session,
                agent,
                null,
                model,
                model.startsWith("claude") ? "anthropic" : null,
                requestId,
                zero(Attributes.whole(a, "input_tokens")),
                zero(Attributes.whole(a, "output_tokens")),
                zero(Attributes.whole(a, "cache_read_tokens")),
                zero(Attributes.whole(a, "cache_creation_tokens")),
                0,
                cost,
                Attributes.whole(a, "duration_ms"),
                true,
                null,
                attrs));
    }

    private static void toolResult(
            Collector c,
            Instant at,
            String session,
            AgentRef agent,
            String seed,
            Map<String, Object> a,
            Map<String, Object> attrs) {
        String toolUseId = Attributes.text(a, "tool_use_id");
        String name = or(Attributes.text(a, "tool_name"), "unknown");
        Boolean ok = Attributes.bool(a, "success");
        boolean success = ok != null ? ok : Attributes.text(a, "error") == null;
        Map<String, Object> input = jsonObject(
                Attributes.text(a, "tool_input") != null
                        ? Attributes.text(a, "tool_input")
                        : Attributes.text(a, "tool_parameters"));
        String errorType = success ? null : or(Attributes.text(a, "error_type"), "error");
        c.facts.add(new ToolCall(
                toolUseId != null
                        ? EventIds.of(CLAUDE_CODE, "tool", toolUseId)
                        : EventIds.of(CLAUDE_CODE, "otel-tool", seed),
                at,
                null,
                session,
                agent,
                null,
                name,
                targetPath(input),
                "tool_call",
                success,
                errorType,
                Attributes.whole(a, "duration_ms"),
                Attributes.whole(a, "tool_input_size_bytes"),
                Attributes.whole(a, "tool_result_size_bytes"),
                null,
                null,
                attrs));
        c.events.add(new SourceEvent.ToolCall(
                envelope(CLAUDE_CODE, session, agent, at, toolUseId != null ? toolUseId : "otel|" + seed, a),
                toolUseId,
                name,
                input,
                null,
                !success));
    }

    private static void userPrompt(
            Collector c,
            Instant at,
            String session,
            AgentRef agent,
            String seed,
            Map<String, Object> a,
            Map<String, Object> attrs) {
        String messageUuid = Attributes.text(a, "message.uuid");
        Long length = Attributes.whole(a, "prompt_length");
        attrs.put("chars", length);
        // the text goes to the audit module (redacted) when it is installed, never into the core's attributes
        attrs.remove("prompt");
        if (session != null) {
            c.facts.add(new SessionEvent(
                    messageUuid != null
                            ? EventIds.of(CLAUDE_CODE, "prompt", messageUuid)
                            : EventIds.of(CLAUDE_CODE, "otel-prompt", seed),
                    at,
                    null,
                    session,
                    agent,
                    "user_prompt",
                    null,
                    null,
                    null,
                    null,
                    null,
                    attrs));
        }
        // the text as Claude Code sent it: "<REDACTED>" unless OTEL_LOG_USER_PROMPTS=1; the audit module redacts it
        // again and keeps who sent it (user.account_uuid, user.email) in dim_user
        c.events.add(new SourceEvent.UserPrompt(
                envelope(CLAUDE_CODE, session, agent, at, messageUuid != null ? messageUuid : "otel|" + seed, a),
                or(Attributes.text(a, "prompt"), "<REDACTED>")));
    }

    private static AgentRef claudeCodeAgent(Map<String, Object> a) {
        if ("subagent".equals(Attributes.text(a, "query_source"))) {
            String name = Attributes.text(a, "agent.name");
            return AgentRef.of("claude-code/" + (name == null ? "subagent" : name), "subagent");
        }
        return AgentRef.of("claude-code", "main");
    }

    /** The record's attributes that are not resource attributes, with the event's name and the source. */
    private static Map<String, Object> rest(Map<String, Object> a, Map<String, Object> resource, String event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", OTLP);
        out.put("otel_event", event);
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!resource.containsKey(e.getKey()) || !Objects.equals(resource.get(e.getKey()), e.getValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private Instant logTime(LogRecord r, Map<String, Object> a) {
        String ts = Attributes.text(a, "event.timestamp");
        if (ts != null) {
            try {
                return Instant.parse(ts);
            } catch (DateTimeParseException e) {
                // fall through to the record's own times
            }
        }
        if (r.getTimeUnixNano() != 0) {
            return nanos(r.getTimeUnixNano());
        }
        if (r.getObservedTimeUnixNano() != 0) {
            return nanos(r.getObservedTimeUnixNano());
        }
        return clock.instant();
    }

    // ---------------------------------------------------------------------------------------------------------
    // GenAI spans

    private void span(Collector c, Span s, Map<String, Object> resource) {
        Map<String, Object> a = new LinkedHashMap<>(resource);
        a.putAll(Attributes.of(s.getAttributesList()));
        String op = Attributes.text(a, "gen_ai.operation.name");
        if (op == null) {
            String first = s.getName().split(" ", 2)[0];
            op = CHAT.contains(first) || first.equals("execute_tool") || first.equals("invoke_agent") ? first : null;
        }
        if (op == null) {
            c.ignored++;
            return;
        }
        String trace = HEX.formatHex(s.getTraceId().toByteArray());
        String spanId = HEX.formatHex(s.getSpanId().toByteArray());
        String seed = trace + "|" + spanId;
        Instant at = s.getStartTimeUnixNano() != 0 ? nanos(s.getStartTimeUnixNano()) : clock.instant();
        Long durationMs = s.getEndTimeUnixNano() >= s.getStartTimeUnixNano() && s.getStartTimeUnixNano() != 0
                ? (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1_000_000
                : null;
        boolean failed = s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
                || Attributes.text(a, "error.type") != null;
        String errorType = failed
                ? or(
                        Attributes.text(a, "error.type"),
                        or(blankToNull(s.getStatus().getMessage()), "error"))
                : null;
        String session = Attributes.text(a, "gen_ai.conversation.id") != null
                ? Attributes.text(a, "gen_ai.conversation.id")
                : Attributes.text(a, "session.id");
        String agentName = Attributes.text(a, "gen_ai.agent.name") != null
                ? Attributes.text(a, "gen_ai.agent.name")
                : Attributes.text(resource, "service.name");
        AgentRef agent = agentName == null ? null : AgentRef.of(agentName, "agent");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", OTLP);
        attrs.put("span_name", s.getName());
        attrs.put("trace_id", trace);
        attrs.put("span_id", spanId);
        if (!s.getParentSpanId().isEmpty()) {
            attrs.put("parent_span_id", HEX.formatHex(s.getParentSpanId().toByteArray()));
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!resource.containsKey(e.getKey())) {
                attrs.put(e.getKey(), e.getValue());
            }
        }
        if (CHAT.contains(op)) {
            String model = Attributes.text(a, "gen_ai.response.model") != null
                    ? Attributes.text(a, "gen_ai.response.model")
                    : or(Attributes.text(a, "gen_ai.request.model"), "unknown");
            String provider = Attributes.text(a, "gen_ai.provider.name") != null
                    ? Attributes.text(a, "gen_ai.provider.name")
                    : Attributes.text(a, "gen_ai.system");
            long input = zero(Attributes.whole(a, "gen_ai.usage.input_tokens"));
            long cacheRead = zero(Attributes.whole(a, "gen_ai.usage.cache_read.input_tokens"));
            long cacheWrite = zero(Attributes.whole(a, "gen_ai.usage.cache_creation.input_tokens"));
            // the conventions count cached tokens in input_tokens; the store keeps uncached input apart
            long uncached = input >= cacheRead + cacheWrite ? input - cacheRead - cacheWrite : input;
            c.facts.add(new ApiCall(
                    EventIds.of(OTLP, "api", trace, spanId),
                    at,
                    null,
                    session,
                    agent,
                    null,
                    model,
                    provider,
                    Attributes.text(a, "gen_ai.response.id"),
                    uncached,
                    zero(Attributes.whole(a, "gen_ai.usage.output_tokens")),
                    cacheRead,
                    cacheWrite,
                    0,
                    null,
                    durationMs,
                    !failed,
                    errorType,
                    attrs));
        } else if (op.equals("execute_tool")) {
            String name = Attributes.text(a, "gen_ai.tool.name");
            if (name == null) {
                String[] parts = s.getName().split(" ", 2);
                name = parts.length > 1 ? parts[1] : "unknown";
            }
            Map<String, Object> input = jsonObject(Attributes.text(a, "gen_ai.tool.call.arguments"));
            String result = Attributes.text(a, "gen_ai.tool.call.result");
            c.facts.add(new ToolCall(
                    EventIds.of(OTLP, "tool", trace, spanId),
                    at,
                    null,
                    session,
                    agent,
                    null,
                    name,
                    targetPath(input),
                    "tool_call",
                    !failed,
                    errorType,
                    durationMs,
                    null,
                    null,
                    null,
                    null,
                    attrs));
            c.events.add(new SourceEvent.ToolCall(
                    envelope(OTLP, session, agent, at, seed, attrs),
                    Attributes.text(a, "gen_ai.tool.call.id"),
                    name,
                    input,
                    result,
                    failed));
        } else if (op.equals("invoke_agent")) {
            String invoked = Attributes.text(a, "gen_ai.agent.name");
            String agentId =
                    Attributes.text(a, "gen_ai.agent.id") != null ? Attributes.text(a, "gen_ai.agent.id") : spanId;
            if (session != null) {
                c.facts.add(new SessionEvent(
                        EventIds.of(OTLP, "invoke-agent", trace, spanId),
                        at,
                        null,
                        session,
                        agent,
                        "invoke_agent",
                        invoked,
                        null,
                        null,
                        null,
                        null,
                        attrs));
            }
            c.events.add(new SourceEvent.SubAgentLink(
                    envelope(OTLP, session, agent, at, seed, attrs),
                    session,
                    agentId,
                    invoked,
                    messagesText(Attributes.text(a, "gen_ai.input.messages"))));
        } else {
            c.ignored++;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SourceEvent.Envelope envelope(
            String source, String session, AgentRef agent, Instant at, String seed, Map<String, Object> a) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (String k : List.of(
                "user.account_uuid", "user.account_id", "user.id", "user.email", "organization.id", "prompt.id")) {
            if (a.get(k) != null) {
                attrs.put(k, a.get(k));
            }
        }
        attrs.put("via", OTLP);
        return new SourceEvent.Envelope(
                source,
                session,
                agent == null ? null : agent.name(),
                agent == null ? null : agent.type(),
                null,
                null,
                at,
                seed,
                attrs);
    }

    private static Map<String, Object> jsonObject(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isObject()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = JSON.convertValue(n, Map.class);
                return m;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // not JSON: kept as text below
        }
        return Map.of("text", text);
    }

    /**
     * The text parts of {@code gen_ai.input.messages} (an opt-in attribute: a JSON array of messages with parts),
     * one per line; the attribute as it is when it is not that shape; null when absent.
     */
    private static String messagesText(String messages) {
        if (messages == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(messages);
            StringBuilder b = new StringBuilder();
            if (n != null && n.isArray()) {
                for (JsonNode m : n) {
                    for (JsonNode part : m.path("parts")) {
                        if ("text".equals(part.path("type").asText())
                                && part.path("content").isTextual()) {
                            b.append(b.length() == 0 ? "" : "\n")
                                    .append(part.path("content").asText());
                        }
                    }
                }
            }
            return b.length() == 0 ? messages : b.toString();
        } catch (java.io.IOException e) {
            return messages;
        }
    }

    private static String targetPath(Map<String, Object> input) {
        for (String k : List.of("file_path", "notebook_path", "path")) {
            if (input.get(k) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static Instant nanos(long unixNanos) {
        return Instant.ofEpochSecond(
                Long.divideUnsigned(unixNanos, 1_000_000_000L), Long.remainderUnsigned(unixNanos, 1_000_000_000L));
    }

    private static long zero(Long v) {
        return v == null ? 0 : v;
    }

    private static String or(String v, String otherwise) {
        return v == null ? otherwise : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
