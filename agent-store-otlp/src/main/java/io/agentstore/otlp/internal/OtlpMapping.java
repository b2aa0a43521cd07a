package io.agentstore.otlp.internal;

import static io.agentstore.otlp.internal.Attributes.first;
import static io.agentstore.otlp.internal.Attributes.text;
import static io.agentstore.otlp.internal.Attributes.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.Decision;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.otlp.MetricPoint;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import io.agentstore.spi.SourceEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
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
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns OTLP export requests into the store's facts, the way the Claude Code importer does: core facts (API
 * calls, tool calls, errors, decisions, session events) directly, and source-neutral events ({@link SourceEvent})
 * for the installed modules' mappings (the audit module's prompts and users, the agents module's handoffs, the rag
 * module's retrievals); metric data points as the otlp module's {@link MetricPoint}s.
 *
 * <p>Claude Code's events (log records named {@code claude_code.*}) are facts of the source {@code claude-code},
 * with the ids the transcript importer gives the same things where the two share an id: a tool call is {@code
 * claude-code|tool|<tool_use_id>} from both, so it is stored once whichever arrives first; a prompt carrying
 * {@code message.uuid} is the transcript's prompt. An API call is {@code claude-code|otel-api|<request_id>}; the
 * transcript's call of the same request supersedes it (see {@link #claudeCodeApiCallId}), so it counts once with
 * the transcript's figures. GenAI spans ({@code chat}, {@code execute_tool}, {@code invoke_agent}, {@code
 * embeddings}, {@code retrieval}) are facts of the source {@code otlp} with ids from their trace and span ids. Every
 * id is name-based: a retried export changes nothing.
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

    /** Claude Code's events that become facts of their own kind; any other becomes a session event. */
    private static final Map<String, EventMapper> CLAUDE_CODE_EVENTS = Map.of(
            "api_request", OtlpMapping::apiRequest,
            "tool_result", OtlpMapping::toolResult,
            "api_error", OtlpMapping::apiError,
            "user_prompt", OtlpMapping::userPrompt,
            "tool_decision", OtlpMapping::toolDecision);

    private final Clock clock;
    /** The GenAI operations that become facts; other spans are counted as ignored. */
    private final Map<String, SpanMapper> operations = new LinkedHashMap<>();

    private final boolean keepMetricPoints;
    private final boolean retrievalsMapped;

    /**
     * What one export request became.
     *
     * @param facts     core facts (and metric points), for {@code importAll}
     * @param events    source events, for {@code apply}
     * @param received  records (log records, spans, metric data points) in the request
     * @param rejected  records that could not be used (a value the facts refuse), for the partial-success answer
     * @param ignored   records understood but not stored (neither Claude Code's nor GenAI; metric points without
     *                  the otlp module)
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

    /** A mapping whose facts without a time get {@code clock}'s instant, keeping metric points, without rag. */
    public OtlpMapping(Clock clock) {
        this(clock, true, false);
    }

    /**
     * A mapping whose facts without a time get {@code clock}'s instant.
     *
     * @param keepMetricPoints whether metric points become {@link MetricPoint}s (the otlp module is installed) or are
     *                         counted as ignored
     * @param retrievalsMapped whether a module maps {@link SourceEvent.Retrieval} (the rag module): a retrieval span
     *                         that lists its documents is then that event, else a session event
     */
    public OtlpMapping(Clock clock, boolean keepMetricPoints, boolean retrievalsMapped) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.keepMetricPoints = keepMetricPoints;
        this.retrievalsMapped = retrievalsMapped;
        CHAT.forEach(op -> operations.put(op, OtlpMapping::chatSpan));
        operations.put("execute_tool", OtlpMapping::executeToolSpan);
        operations.put("invoke_agent", OtlpMapping::invokeAgentSpan);
        operations.put("retrieval", this::retrievalSpan);
    }

    /**
     * The event id of the API call Claude Code's {@code api_request} event with this {@code request_id} becomes;
     * the transcript importer's call of the same request names it as the fact it supersedes.
     */
    public static UUID claudeCodeApiCallId(String requestId) {
        return EventIds.of(CLAUDE_CODE, "otel-api", requestId);
    }

    private static final class Collector {
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

    /** One Claude Code event with what every mapping of it needs. */
    private record Event(
            String name,
            Instant at,
            String session,
            AgentRef agent,
            String seed,
            Map<String, Object> a,
            Map<String, Object> resource,
            Map<String, Object> attrs) {}

    @FunctionalInterface
    private interface EventMapper {
        void map(Collector c, Event e);
    }

    /** One GenAI span with what every mapping of it needs. */
    private record SpanFacts(
            Span span,
            String operation,
            String trace,
            String spanId,
            String seed,
            Instant at,
            Long durationMs,
            boolean failed,
            String errorType,
            String session,
            AgentRef agent,
            Map<String, Object> a,
            Map<String, Object> attrs) {}

    @FunctionalInterface
    private interface SpanMapper {
        void map(Collector c, SpanFacts s);
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
     * A metrics export: every data point a {@link MetricPoint} (when the otlp module keeps them; else counted as
     * ignored). Points never become API calls: what {@code claude_code.token.usage} and {@code claude_code.cost.usage}
     * measure arrives as {@code api_request} events too, and counting both would count twice.
     */
    public Batch metrics(ExportMetricsServiceRequest request) {
        Collector c = new Collector();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            Map<String, Object> resource = Attributes.of(rm.getResource().getAttributesList());
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric m : sm.getMetricsList()) {
                    metric(c, m, resource);
                }
            }
        }
        return c.batch();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Metric points

    /** One data point in the shape of every kind: its value or count and sum, its times and attributes. */
    private record Point(List<KeyValue> attributes, long time, long start, Double value, Long count, Double sum) {}

    private void metric(Collector c, Metric m, Map<String, Object> resource) {
        String type;
        AggregationTemporality temporality = null;
        Boolean monotonic = null;
        List<Point> points = new ArrayList<>();
        switch (m.getDataCase()) {
            case SUM -> {
                type = "sum";
                temporality = m.getSum().getAggregationTemporality();
                monotonic = m.getSum().getIsMonotonic();
                m.getSum().getDataPointsList().forEach(p -> points.add(number(p)));
            }
            case GAUGE -> {
                type = "gauge";
                m.getGauge().getDataPointsList().forEach(p -> points.add(number(p)));
            }
            case HISTOGRAM -> {
                type = "histogram";
                temporality = m.getHistogram().getAggregationTemporality();
                for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
                    points.add(new Point(
                            p.getAttributesList(),
                            p.getTimeUnixNano(),
                            p.getStartTimeUnixNano(),
                            null,
                            p.getCount(),
                            p.hasSum() ? p.getSum() : null));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                type = "exponential_histogram";
                temporality = m.getExponentialHistogram().getAggregationTemporality();
                for (ExponentialHistogramDataPoint p :
                        m.getExponentialHistogram().getDataPointsList()) {
                    points.add(new Point(
                            p.getAttributesList(),
                            p.getTimeUnixNano(),
                            p.getStartTimeUnixNano(),
                            null,
                            p.getCount(),
                            p.hasSum() ? p.getSum() : null));
                }
            }
            case SUMMARY -> {
                type = "summary";
                for (SummaryDataPoint p : m.getSummary().getDataPointsList()) {
                    points.add(new Point(
                            p.getAttributesList(),
                            p.getTimeUnixNano(),
                            p.getStartTimeUnixNano(),
                            null,
                            p.getCount(),
                            p.getSum()));
                }
            }
            default -> {
                return;
            }
        }
        c.received += points.size();
        if (!keepMetricPoints) {
            c.ignored += points.size();
            return;
        }
        String temporal = temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                ? "delta"
                : temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE ? "cumulative" : null;
        String service = text(resource, "service.name");
        for (Point p : points) {
            try {
                Map<String, Object> a = Attributes.of(p.attributes());
                String session = first(a, "session.id", "gen_ai.conversation.id");
                Instant at = p.time() != 0 ? nanos(p.time()) : clock.instant();
                c.facts.add(new MetricPoint(
                        EventIds.of(
                                OTLP,
                                "metric",
                                m.getName(),
                                service == null ? "" : service,
                                Long.toString(p.time()),
                                Long.toString(p.start()),
                                Json.write(new TreeMap<>(a))),
                        at,
                        null,
                        session,
                        m.getName(),
                        blankToNull(m.getUnit()),
                        type,
                        temporal,
                        monotonic,
                        p.value(),
                        p.count(),
                        p.sum(),
                        p.start() != 0 ? nanos(p.start()) : null,
                        first(a, "model", "gen_ai.response.model", "gen_ai.request.model"),
                        service,
                        resource,
                        a));
            } catch (InvalidRecordException | IllegalArgumentException e) {
                c.reject("metric point " + m.getName(), e);
            }
        }
    }

    private static Point number(NumberDataPoint p) {
        Double value = switch (p.getValueCase()) {
            case AS_DOUBLE -> p.getAsDouble();
            case AS_INT -> (double) p.getAsInt();
            default -> null;
        };
        return new Point(p.getAttributesList(), p.getTimeUnixNano(), p.getStartTimeUnixNano(), value, null, null);
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
        return text(a, "event.name");
    }

    private void claudeCodeEvent(
            Collector c, String event, LogRecord r, Map<String, Object> a, Map<String, Object> resource) {
        Instant at = logTime(r, a);
        String session = text(a, "session.id");
        String sequence = text(a, "event.sequence") != null
                ? text(a, "event.sequence")
                : Long.toString(r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : at.toEpochMilli());
        String seed = String.join("|", or(session, ""), event, sequence, or(text(a, "prompt.id"), ""));
        Event e = new Event(event, at, session, claudeCodeAgent(a), seed, a, resource, rest(a, resource, event));
        CLAUDE_CODE_EVENTS.getOrDefault(event, OtlpMapping::otherEvent).map(c, e);
    }

    private static void apiRequest(Collector c, Event e) {
        String requestId = text(e.a(), "request_id");
        String model = or(text(e.a(), "model"), "unknown");
        Long micros = whole(e.a(), "cost_usd_micros");
        BigDecimal cost = micros != null ? BigDecimal.valueOf(micros, 6) : Attributes.decimal(e.a(), "cost_usd");
        if (cost != null) {
            cost = cost.setScale(6, RoundingMode.HALF_UP);
        }
        e.attrs().put("cache_write_split", "unknown");
        c.facts.add(new ApiCall(
                requestId != null
                        ? claudeCodeApiCallId(requestId)
                        : EventIds.of(CLAUDE_CODE, "otel-api-event", e.seed()),
                e.at(),
                null,
                e.session(),
                e.agent(),
                null,
                model,
                model.startsWith("claude") ? "anthropic" : null,
                requestId,
                zero(whole(e.a(), "input_tokens")),
                zero(whole(e.a(), "output_tokens")),
                zero(whole(e.a(), "cache_read_tokens")),
                zero(whole(e.a(), "cache_creation_tokens")),
                0,
                cost,
                whole(e.a(), "duration_ms"),
                true,
                null,
                e.attrs()));
    }

    private static void toolResult(Collector c, Event e) {
        String toolUseId = text(e.a(), "tool_use_id");
        String name = or(text(e.a(), "tool_name"), "unknown");
        Boolean ok = Attributes.bool(e.a(), "success");
        boolean success = ok != null ? ok : text(e.a(), "error") == null;
        Map<String, Object> input = jsonObject(first(e.a(), "tool_input", "tool_parameters"));
        c.facts.add(new ToolCall(
                toolUseId != null
                        ? EventIds.of(CLAUDE_CODE, "tool", toolUseId)
                        : EventIds.of(CLAUDE_CODE, "otel-tool", e.seed()),
                e.at(),
                null,
                e.session(),
                e.agent(),
                null,
                name,
                targetPath(input),
                "tool_call",
                success,
                success ? null : or(text(e.a(), "error_type"), "error"),
                whole(e.a(), "duration_ms"),
                whole(e.a(), "tool_input_size_bytes"),
                whole(e.a(), "tool_result_size_bytes"),
                null,
                null,
                e.attrs()));
        c.events.add(new SourceEvent.ToolCall(
                envelope(CLAUDE_CODE, e.session(), e.agent(), e.at(), or(toolUseId, "otel|" + e.seed()), e.a()),
                toolUseId,
                name,
                input,
                null,
                !success));
    }

    private static void apiError(Collector c, Event e) {
        String status = text(e.a(), "status_code");
        c.facts.add(new ErrorEvent(
                EventIds.of(CLAUDE_CODE, "otel-error", e.seed()),
                e.at(),
                null,
                e.session(),
                e.agent(),
                null,
                null,
                "error",
                status == null ? "api_error" : "api_error_" + status,
                text(e.a(), "error"),
                e.attrs()));
    }

    private static void userPrompt(Collector c, Event e) {
        String messageUuid = text(e.a(), "message.uuid");
        e.attrs().put("chars", whole(e.a(), "prompt_length"));
        // the text goes to the audit module (redacted) when it is installed, never into the core's attributes
        e.attrs().remove("prompt");
        if (e.session() != null) {
            c.facts.add(sessionEvent(
                    messageUuid != null
                            ? EventIds.of(CLAUDE_CODE, "prompt", messageUuid)
                            : EventIds.of(CLAUDE_CODE, "otel-prompt", e.seed()),
                    e.at(),
                    e.session(),
                    e.agent(),
                    "user_prompt",
                    null,
                    null,
                    e.attrs()));
        }
        // the text as Claude Code sent it: "<REDACTED>" unless OTEL_LOG_USER_PROMPTS=1; the audit module redacts it
        // again and keeps who sent it (user.account_uuid, user.email) in dim_user
        c.events.add(new SourceEvent.UserPrompt(
                envelope(CLAUDE_CODE, e.session(), e.agent(), e.at(), or(messageUuid, "otel|" + e.seed()), e.a()),
                or(text(e.a(), "prompt"), "<REDACTED>")));
    }

    private static void toolDecision(Collector c, Event e) {
        e.attrs().put("tool_name", text(e.a(), "tool_name"));
        c.facts.add(new Decision(
                EventIds.of(CLAUDE_CODE, "otel-decision", e.seed()),
                e.at(),
                null,
                e.session(),
                e.agent(),
                null,
                "tool_permission",
                null,
                or(text(e.a(), "decision"), "unknown"),
                List.of(),
                text(e.a(), "source"),
                null,
                false,
                e.attrs()));
    }

    /** Any other event (auth, compaction, hook_execution_complete, ...): kept whole as a session event. */
    private static void otherEvent(Collector c, Event e) {
        if (e.session() == null) {
            c.ignored++;
            return;
        }
        c.facts.add(sessionEvent(
                EventIds.of(CLAUDE_CODE, "otel-event", e.seed()),
                e.at(),
                e.session(),
                e.agent(),
                PREFIX + e.name(),
                null,
                text(e.resource(), "service.version"),
                e.attrs()));
    }

    private static AgentRef claudeCodeAgent(Map<String, Object> a) {
        if ("subagent".equals(text(a, "query_source"))) {
            return AgentRef.of("claude-code/" + or(text(a, "agent.name"), "subagent"), "subagent");
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
        String ts = text(a, "event.timestamp");
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
        String op = text(a, "gen_ai.operation.name");
        if (op == null) {
            String firstWord = s.getName().split(" ", 2)[0];
            op = operations.containsKey(firstWord) ? firstWord : null;
        }
        SpanMapper mapper = op == null ? null : operations.get(op);
        if (mapper == null) {
            c.ignored++;
            return;
        }
        String trace = HEX.formatHex(s.getTraceId().toByteArray());
        String spanId = HEX.formatHex(s.getSpanId().toByteArray());
        Instant at = s.getStartTimeUnixNano() != 0 ? nanos(s.getStartTimeUnixNano()) : clock.instant();
        Long durationMs = s.getEndTimeUnixNano() >= s.getStartTimeUnixNano() && s.getStartTimeUnixNano() != 0
                ? (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1_000_000
                : null;
        boolean failed =
                s.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR || text(a, "error.type") != null;
        String errorType =
                failed ? or(text(a, "error.type"), or(blankToNull(s.getStatus().getMessage()), "error")) : null;
        String agentName = or(text(a, "gen_ai.agent.name"), text(resource, "service.name"));
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
        mapper.map(
                c,
                new SpanFacts(
                        s,
                        op,
                        trace,
                        spanId,
                        trace + "|" + spanId,
                        at,
                        durationMs,
                        failed,
                        errorType,
                        first(a, "gen_ai.conversation.id", "session.id"),
                        agentName == null ? null : AgentRef.of(agentName, "agent"),
                        a,
                        attrs));
    }

    private static void chatSpan(Collector c, SpanFacts s) {
        Map<String, Object> a = s.a();
        long input = zero(whole(a, "gen_ai.usage.input_tokens"));
        long cacheRead = zero(whole(a, "gen_ai.usage.cache_read.input_tokens"));
        long cacheWrite = zero(whole(a, "gen_ai.usage.cache_creation.input_tokens"));
        // the conventions count cached tokens in input_tokens; the store keeps uncached input apart
        long uncached = input >= cacheRead + cacheWrite ? input - cacheRead - cacheWrite : input;
        c.facts.add(new ApiCall(
                EventIds.of(OTLP, "api", s.trace(), s.spanId()),
                s.at(),
                null,
                s.session(),
                s.agent(),
                null,
                or(first(a, "gen_ai.response.model", "gen_ai.request.model"), "unknown"),
                first(a, "gen_ai.provider.name", "gen_ai.system"),
                text(a, "gen_ai.response.id"),
                uncached,
                zero(whole(a, "gen_ai.usage.output_tokens")),
                cacheRead,
                cacheWrite,
                0,
                null,
                s.durationMs(),
                !s.failed(),
                s.errorType(),
                s.attrs()));
    }

    private static void executeToolSpan(Collector c, SpanFacts s) {
        String name = text(s.a(), "gen_ai.tool.name");
        if (name == null) {
            String[] parts = s.span().getName().split(" ", 2);
            name = parts.length > 1 ? parts[1] : "unknown";
        }
        Map<String, Object> input = jsonObject(text(s.a(), "gen_ai.tool.call.arguments"));
        c.facts.add(new ToolCall(
                EventIds.of(OTLP, "tool", s.trace(), s.spanId()),
                s.at(),
                null,
                s.session(),
                s.agent(),
                null,
                name,
                targetPath(input),
                "tool_call",
                !s.failed(),
                s.errorType(),
                s.durationMs(),
                null,
                null,
                null,
                null,
                s.attrs()));
        c.events.add(new SourceEvent.ToolCall(
                envelope(OTLP, s.session(), s.agent(), s.at(), s.seed(), s.attrs()),
                text(s.a(), "gen_ai.tool.call.id"),
                name,
                input,
                text(s.a(), "gen_ai.tool.call.result"),
                s.failed()));
    }

    private static void invokeAgentSpan(Collector c, SpanFacts s) {
        String invoked = text(s.a(), "gen_ai.agent.name");
        if (s.session() != null) {
            c.facts.add(sessionEvent(
                    EventIds.of(OTLP, "invoke-agent", s.trace(), s.spanId()),
                    s.at(),
                    s.session(),
                    s.agent(),
                    "invoke_agent",
                    invoked,
                    null,
                    s.attrs()));
        }
        c.events.add(new SourceEvent.SubAgentLink(
                envelope(OTLP, s.session(), s.agent(), s.at(), s.seed(), s.attrs()),
                s.session(),
                or(text(s.a(), "gen_ai.agent.id"), s.spanId()),
                invoked,
                messagesText(text(s.a(), "gen_ai.input.messages"))));
    }

    /**
     * A {@code retrieval} span: the rag module's retrievals (a {@link SourceEvent.Retrieval}) when a module maps
     * them and the span lists its documents ({@code gen_ai.retrieval.documents}, opt-in); else a session event
     * {@code retrieval} with every attribute (the query among them, redacted by the store like all attributes).
     */
    private void retrievalSpan(Collector c, SpanFacts s) {
        List<SourceEvent.RetrievedDocument> documents = documents(text(s.a(), "gen_ai.retrieval.documents"));
        String dataSource = text(s.a(), "gen_ai.data_source.id");
        if (retrievalsMapped && !documents.isEmpty()) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("trace_id", s.trace());
            attrs.put("span_id", s.spanId());
            c.events.add(new SourceEvent.Retrieval(
                    envelope(OTLP, s.session(), s.agent(), s.at(), s.seed(), attrs),
                    dataSource,
                    text(s.a(), "gen_ai.retrieval.query.text"),
                    whole(s.a(), "gen_ai.retrieval.top_k"),
                    documents));
        } else if (s.session() != null) {
            s.attrs().put("documents", documents.size());
            c.facts.add(sessionEvent(
                    EventIds.of(OTLP, "retrieval", s.trace(), s.spanId()),
                    s.at(),
                    s.session(),
                    s.agent(),
                    "retrieval",
                    dataSource,
                    null,
                    s.attrs()));
        } else {
            c.ignored++;
        }
    }

    /**
     * The documents of {@code gen_ai.retrieval.documents} (a JSON array of objects with {@code id} and {@code
     * score}), those without an id left out; none when absent or not that shape.
     */
    private static List<SourceEvent.RetrievedDocument> documents(String json) {
        List<SourceEvent.RetrievedDocument> out = new ArrayList<>();
        if (json == null) {
            return out;
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (n != null && n.isArray()) {
                for (JsonNode d : n) {
                    String id = d.path("id").isValueNode()
                            ? blankToNull(d.path("id").asText())
                            : null;
                    if (id != null) {
                        JsonNode score = d.path("score");
                        out.add(new SourceEvent.RetrievedDocument(
                                id, score.isNumber() && Double.isFinite(score.asDouble()) ? score.asDouble() : null));
                    }
                }
            }
        } catch (java.io.IOException e) {
            // not JSON: no documents (the attribute stays in the attributes)
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SessionEvent sessionEvent(
            UUID id,
            Instant at,
            String session,
            AgentRef agent,
            String type,
            String subtype,
            String version,
            Map<String, Object> attrs) {
        return new SessionEvent(id, at, null, session, agent, type, subtype, null, null, null, version, attrs);
    }

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
