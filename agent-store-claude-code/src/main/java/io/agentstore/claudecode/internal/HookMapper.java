package io.agentstore.claudecode.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.core.AgentRef;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import io.agentstore.spi.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns spooled Claude Code hook payloads into facts. Each spool line is
 * {@code {"id", "received_at", "payload"}} (or {@code "raw"} for stdin that was not JSON). PreToolUse and
 * PostToolUse of the same call make one tool call whose duration is the time between them; a PreToolUse
 * that never got its PostToolUse (the call was blocked or interrupted) is kept as a failed call. Other
 * events become session events. Payloads that carry {@code tool_use_id} get the same event id as the
 * transcript import gives that tool call, so importing both keeps one.
 */
public final class HookMapper implements LineMapper {
    private static final int MAX_PENDING = 10_000;
    private final List<FactRecord> out = new ArrayList<>();
    private final Map<String, Deque<Pending>> pending = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private int pendingCount;

    private record Pending(
            String id,
            String session,
            String tool,
            JsonNode input,
            String toolUseId,
            Instant at,
            long offset,
            long line,
            String cwd) {}

    private static final AgentRef AGENT = AgentRef.of("claude-code", "main");

    /** Source-neutral events for the installed modules' mappings (see {@link #toolCallEvent}). */
    private final List<SourceEvent> events = new ArrayList<>();

    private final Predicate<Class<? extends SourceEvent>> wanted;

    /** A mapper that makes every kind of source event. */
    public HookMapper() {
        this(kind -> true);
    }

    /** A mapper that makes the source events of the kinds {@code wanted} accepts. */
    public HookMapper(Predicate<Class<? extends SourceEvent>> wanted) {
        this.wanted = java.util.Objects.requireNonNull(wanted, "wanted");
    }

    @Override
    public void line(JsonNode node, long offset, long number) throws BadLine {
        if (!node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        String id = TranscriptMapper.text(node, "id");
        String received = TranscriptMapper.text(node, "received_at");
        if (id == null || received == null) {
            throw new BadLine("spool line without 'id' or 'received_at'");
        }
        Instant at;
        try {
            at = Instant.parse(received);
        } catch (DateTimeParseException e) {
            throw new BadLine("'received_at' is not an ISO-8601 instant: " + received);
        }
        if (at.isBefore(io.agentstore.spi.Checks.MIN_INSTANT) || at.isAfter(io.agentstore.spi.Checks.MAX_INSTANT)) {
            throw new BadLine("'received_at' is outside years 1 to 9999: " + received);
        }
        JsonNode payload = node.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new BadLine("hook stdin was not a JSON object: " + TranscriptMapper.text(node, "raw"));
        }
        String event = TranscriptMapper.text(payload, "hook_event_name");
        String session = TranscriptMapper.text(payload, "session_id");
        if (event == null || session == null) {
            throw new BadLine("payload without 'hook_event_name' or 'session_id'");
        }
        count("events." + event);
        try {
            switch (event) {
                case "PreToolUse" -> pre(id, payload, session, at, offset, number);
                case "PostToolUse" -> post(id, payload, session, at);
                default -> sessionEvent(id, event, payload, session, at);
            }
            subAgentEvents(id, event, payload, session, at);
            teamEvents(id, event, payload, session, at);
        } catch (io.agentstore.spi.InvalidRecordException e) {
            throw new BadLine("unusable value: " + e.getMessage());
        }
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    private static String key(String session, String tool, JsonNode input) {
        StringBuilder b = new StringBuilder(session).append('|').append(tool).append('|');
        canonical(input, b);
        return b.toString();
    }

    /** JSON text with object fields in name order: the same input gives the same key. */
    private static void canonical(JsonNode node, StringBuilder b) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            java.util.TreeMap<String, JsonNode> fields = new java.util.TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            b.append('{');
            fields.forEach((k, v) -> {
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(k))
                        .append(':');
                canonical(v, b);
                b.append(',');
            });
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (JsonNode item : node) {
                canonical(item, b);
                b.append(',');
            }
            b.append(']');
        } else {
            b.append(node);
        }
    }

    private void pre(String id, JsonNode p, String session, Instant at, long offset, long number) throws BadLine {
        String tool = TranscriptMapper.text(p, "tool_name");
        if (tool == null) {
            throw new BadLine("PreToolUse without 'tool_name'");
        }
        JsonNode input = p.get("tool_input");
        String k = p.hasNonNull("tool_use_id") ? p.get("tool_use_id").asText() : key(session, tool, input);
        pending.computeIfAbsent(k, x -> new ArrayDeque<>())
                .addLast(new Pending(
                        id,
                        session,
                        tool,
                        input,
                        TranscriptMapper.text(p, "tool_use_id"),
                        at,
                        offset,
                        number,
                        TranscriptMapper.text(p, "cwd")));
        pendingCount++;
        if (pendingCount > MAX_PENDING) {
            Iterator<Map.Entry<String, Deque<Pending>>> it = pending.entrySet().iterator();
            Map.Entry<String, Deque<Pending>> first = it.next();
            emitLater(first.getValue().pollFirst());
            pendingCount--;
            if (first.getValue().isEmpty()) {
                it.remove();
            }
        }
    }

    private void post(String id, JsonNode p, String session, Instant at) throws BadLine {
        String tool = TranscriptMapper.text(p, "tool_name");
        if (tool == null) {
            throw new BadLine("PostToolUse without 'tool_name'");
        }
        JsonNode input = p.get("tool_input");
        String k = p.hasNonNull("tool_use_id") ? p.get("tool_use_id").asText() : key(session, tool, input);
        Deque<Pending> queue = pending.get(k);
        Pending pre = queue == null ? null : queue.pollFirst();
        if (queue != null && queue.isEmpty()) {
            pending.remove(k);
        }
        if (pre == null) {
            count("post_without_pre");
            pre = new Pending(
                    id,
                    session,
                    tool,
                    input,
                    TranscriptMapper.text(p, "tool_use_id"),
                    at,
                    -1,
                    -1,
                    TranscriptMapper.text(p, "cwd"));
        } else {
            pendingCount--;
        }
        emit(pre, p.get("tool_response"), at);
        toolCallEvent(pre, p.get("tool_response"), at, p.get("agent_store_reports"));
    }

    /** The tools whose completed hook calls become {@link SourceEvent.ToolCall} events. */
    private static final java.util.Set<String> EVENT_TOOLS =
            java.util.Set.of("Bash", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit");

    /**
     * A completed Bash, Read or file-editing call as a source-neutral {@link SourceEvent.ToolCall}, for the modules that map tool calls
     * (a Bash call that ran tests becomes a test run in the quality module; a Read is a retrieval and an edit
     * marks the file for re-indexing in the rag module). Seeded like the transcript import's
     * event (the {@code tool_use_id}) so that a call seen by both gives each module's facts once; without a
     * {@code tool_use_id}, by the PreToolUse's spool id. The result is the response's text: a Bash response's
     * {@code stdout} and {@code stderr} (a text response as it is, any other its JSON). An {@code interrupted} call
     * is an error.
     */
    private void toolCallEvent(Pending pre, JsonNode response, Instant postAt, JsonNode reports) {
        if (!EVENT_TOOLS.contains(pre.tool()) || !wanted.test(SourceEvent.ToolCall.class)) {
            // other tools' hook events are left to the changes that need them (a Task call's ToolCall event would
            // give the agents module a sub-agent outcome without the sub-agent link the transcript gives)
            return;
        }
        String result = null;
        boolean error = false;
        if (response != null && !response.isNull()) {
            error = isError(response) || response.path("interrupted").asBoolean(false);
            if (response.isTextual()) {
                result = response.asText();
            } else if (response.isObject() && (response.has("stdout") || response.has("stderr"))) {
                String stdout = response.path("stdout").asText("");
                String stderr = response.path("stderr").asText("");
                result = stderr.isEmpty() ? stdout : stdout.isEmpty() ? stderr : stdout + "\n" + stderr;
            } else {
                result = response.toString();
            }
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", "hooks");
        attrs.put("duration_ms", Math.max(0, Duration.between(pre.at(), postAt).toMillis()));
        if (reports != null && reports.isArray() && !reports.isEmpty()) {
            // the test reports 'agent-store hook' found written by this call (the quality module imports them)
            attrs.put("test_reports", Json.MAPPER.convertValue(reports, List.class));
        }
        String cwd = pre.cwd();
        try {
            SourceEvent.Envelope envelope = new SourceEvent.Envelope(
                    Ids.SOURCE,
                    pre.session(),
                    AGENT.name(),
                    AGENT.type(),
                    cwd == null ? null : lastSegment(cwd),
                    cwd,
                    pre.at(),
                    pre.toolUseId() != null ? pre.toolUseId() : "hook:" + pre.id(),
                    attrs);
            events.add(new SourceEvent.ToolCall(
                    envelope,
                    pre.toolUseId(),
                    pre.tool(),
                    inputMap(pre.input()),
                    result,
                    response == null ? null : error));
        } catch (io.agentstore.spi.InvalidRecordException e) {
            // the tool call fact stands; only the event for the modules is dropped
            count("events_unusable");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputMap(JsonNode input) {
        return input != null && input.isObject() ? Json.MAPPER.convertValue(input, Map.class) : Map.of();
    }

    @Override
    public List<SourceEvent> drainEvents() {
        List<SourceEvent> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    /** Emits a PreToolUse that got no PostToolUse; a refused record is blamed on the PreToolUse's line. */
    private void emitLater(Pending pre) {
        try {
            emit(pre, null, null);
        } catch (io.agentstore.spi.InvalidRecordException e) {
            rejected.add(new Rejected(pre.offset(), pre.line(), "unusable value: " + e.getMessage()));
        }
    }

    @Override
    public List<Rejected> rejected() {
        List<Rejected> copy = List.copyOf(rejected);
        rejected.clear();
        return copy;
    }

    private void emit(Pending pre, JsonNode response, Instant postAt) {
        boolean completed = postAt != null;
        boolean error = completed && response != null && isError(response);
        String responseText = response == null ? null : response.toString();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", "hooks");
        if (pre.input() != null && pre.input().isObject()) {
            attrs.put("input", Json.MAPPER.convertValue(pre.input(), Map.class));
        }
        if (!completed) {
            attrs.put("blocked", true);
        }
        JsonNode input = pre.input();
        String target = null;
        if (input != null) {
            for (String f : new String[] {"file_path", "notebook_path", "path"}) {
                String v = TranscriptMapper.text(input, f);
                if (v != null && !v.isBlank()) {
                    target = v;
                    break;
                }
            }
        }
        java.util.UUID eventId =
                pre.toolUseId() != null ? Ids.of("tool", pre.toolUseId()) : Ids.of("hook-tool", pre.id());
        out.add(new ToolCall(
                eventId,
                pre.at(),
                null,
                pre.session(),
                AGENT,
                null,
                pre.tool(),
                target,
                "tool_call",
                completed && !error,
                !completed ? "blocked" : error ? "tool_error" : null,
                completed ? Math.max(0, Duration.between(pre.at(), postAt).toMillis()) : null,
                input == null ? null : (long) input.toString().getBytes(StandardCharsets.UTF_8).length,
                responseText == null ? null : (long) responseText.getBytes(StandardCharsets.UTF_8).length,
                null,
                null,
                attrs));
        count(completed ? "tool_calls" : "blocked_tool_calls");
    }

    private static boolean isError(JsonNode response) {
        if (response.isObject()) {
            if (response.path("is_error").asBoolean(false)
                    || response.path("isError").asBoolean(false)) {
                return true;
            }
            JsonNode success = response.get("success");
            return success != null && success.isBoolean() && !success.asBoolean();
        }
        return false;
    }

    private void sessionEvent(String id, String event, JsonNode p, String session, Instant at) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", "hooks");
        attrs.put("hook_event_name", event);
        String detail = null;
        String type;
        switch (event) {
            case "SessionStart" -> {
                type = "start";
                detail = TranscriptMapper.text(p, "source");
            }
            case "SessionEnd" -> {
                type = "end";
                detail = TranscriptMapper.text(p, "reason");
            }
            case "UserPromptSubmit" -> {
                type = "user_prompt";
                String prompt = TranscriptMapper.text(p, "prompt");
                attrs.put("chars", prompt == null ? 0 : prompt.length());
            }
            case "Stop" -> type = "stop";
            case "SubagentStop" -> type = "subagent_stop";
            case "Notification" -> {
                type = "notification";
                detail = TranscriptMapper.text(p, "message");
            }
            case "PreCompact" -> {
                type = "pre_compact";
                detail = TranscriptMapper.text(p, "trigger");
            }
            default -> type = event;
        }
        String transcript = TranscriptMapper.text(p, "transcript_path");
        if (transcript != null) {
            attrs.put("transcript_path", transcript);
        }
        String cwd = TranscriptMapper.text(p, "cwd");
        out.add(new SessionEvent(
                Ids.of("hook", id),
                at,
                null,
                session,
                AGENT,
                type,
                detail == null || detail.isBlank() ? null : detail,
                cwd == null ? null : lastSegment(cwd),
                cwd,
                null,
                null,
                attrs));
    }

    /**
     * The source events of the sub-agent hooks, for the installed modules' mappings (the agents module makes
     * the sub-agent's assignment and its outcome of them): {@code SubagentStart} is a {@link
     * SourceEvent.SubAgentLink} with the sub-agent's id and type, {@code SubagentStop} a {@link
     * SourceEvent.SubAgentStop}. A payload without {@code agent_id} (versions before 2.0.42) names no sub-agent
     * and gives no event; its session event is kept as for any hook.
     */
    private void subAgentEvents(String id, String event, JsonNode p, String session, Instant at) {
        if (!event.equals("SubagentStart") && !event.equals("SubagentStop")) {
            return;
        }
        if (!wanted.test(
                event.equals("SubagentStart") ? SourceEvent.SubAgentLink.class : SourceEvent.SubAgentStop.class)) {
            return;
        }
        String agentId = TranscriptMapper.text(p, "agent_id");
        if (agentId == null || agentId.isBlank()) {
            count("subagent_hooks_without_agent_id");
            return;
        }
        try {
            events.add(subAgentEvent(id, event, p, session, at, agentId));
            count("subagent_events");
        } catch (io.agentstore.spi.InvalidRecordException e) {
            // a value the events refuse costs the event only, never the line's own facts
            count("events_unusable");
        }
    }

    /**
     * The source events of the agent-team hooks: {@code TaskCreated} and {@code TaskCompleted} are a {@link
     * SourceEvent.TeamTask} (pending, completed), {@code TeammateIdle} a {@link SourceEvent.TeammateIdle} with
     * the work ids {@code agent-store hook} suggested in its answer ({@code agent_store_suggested}, added to the
     * spooled payload; absent when the hook did not answer). A payload without its required field gives no event.
     */
    private void teamEvents(String id, String event, JsonNode p, String session, Instant at) {
        boolean task = event.equals("TaskCreated") || event.equals("TaskCompleted");
        boolean idle = event.equals("TeammateIdle");
        if (!task && !idle || !wanted.test(task ? SourceEvent.TeamTask.class : SourceEvent.TeammateIdle.class)) {
            return;
        }
        String cwd = TranscriptMapper.text(p, "cwd");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", "hooks");
        attrs.put("hook_event_name", event);
        String teammate = TranscriptMapper.text(p, "teammate_name");
        String team = TranscriptMapper.text(p, "team_name");
        try {
            SourceEvent.Envelope envelope = new SourceEvent.Envelope(
                    Ids.SOURCE,
                    session,
                    AGENT.name(),
                    AGENT.type(),
                    cwd == null ? null : lastSegment(cwd),
                    cwd,
                    at,
                    "hook:" + id,
                    attrs);
            if (task) {
                String taskId = TranscriptMapper.text(p, "task_id");
                if (taskId == null || taskId.isBlank()) {
                    count("team_hooks_without_task_id");
                    return;
                }
                events.add(new SourceEvent.TeamTask(
                        envelope,
                        taskId,
                        TranscriptMapper.text(p, "task_subject"),
                        TranscriptMapper.text(p, "task_description"),
                        event.equals("TaskCreated") ? "pending" : "completed",
                        teammate,
                        team));
            } else {
                if (teammate == null || teammate.isBlank()) {
                    count("team_hooks_without_teammate");
                    return;
                }
                List<String> suggested = null;
                JsonNode s = p.get("agent_store_suggested");
                if (s != null && s.isArray()) {
                    suggested = new ArrayList<>();
                    for (JsonNode w : s) {
                        if (w.isTextual() && !w.asText().isBlank()) {
                            suggested.add(w.asText());
                        }
                    }
                }
                events.add(new SourceEvent.TeammateIdle(envelope, teammate, team, suggested));
            }
            count("team_events");
        } catch (io.agentstore.spi.InvalidRecordException e) {
            count("events_unusable");
        }
    }

    private static SourceEvent subAgentEvent(
            String id, String event, JsonNode p, String session, Instant at, String agentId) {
        String cwd = TranscriptMapper.text(p, "cwd");
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("source", "hooks");
        attrs.put("hook_event_name", event);
        SourceEvent.Envelope envelope = new SourceEvent.Envelope(
                Ids.SOURCE,
                session,
                AGENT.name(),
                AGENT.type(),
                cwd == null ? null : lastSegment(cwd),
                cwd,
                at,
                "hook:" + id,
                attrs);
        String type = TranscriptMapper.text(p, "agent_type");
        return event.equals("SubagentStart")
                ? new SourceEvent.SubAgentLink(envelope, session, agentId, type, null)
                : new SourceEvent.SubAgentStop(
                        envelope, agentId, type, TranscriptMapper.text(p, "last_assistant_message"));
    }

    private static String lastSegment(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    @Override
    public List<FactRecord> drain() {
        List<FactRecord> copy = new ArrayList<>(out);
        out.clear();
        return copy;
    }

    @Override
    public void finish() {
        for (Deque<Pending> q : pending.values()) {
            for (Pending p : q) {
                emitLater(p);
            }
        }
        pending.clear();
        pendingCount = 0;
    }

    @Override
    public long[] oldestOpen() {
        long[] min = null;
        for (Deque<Pending> q : pending.values()) {
            for (Pending p : q) {
                if (min == null || p.offset() < min[0]) {
                    min = new long[] {p.offset(), p.line()};
                }
            }
        }
        return min;
    }

    @Override
    public Map<String, Long> counts() {
        return counts;
    }
}
