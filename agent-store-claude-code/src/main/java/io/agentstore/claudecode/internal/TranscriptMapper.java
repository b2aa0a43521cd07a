package io.agentstore.claudecode.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.core.AgentRef;
import io.agentstore.core.ApiCall;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.FileModification;
import io.agentstore.core.SessionEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import io.agentstore.spi.SourceEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of one Claude Code transcript into facts. One API call per ({@code message.id},
 * {@code requestId}) with the maximum of each token column over its lines (Claude Code writes one line
 * per content block, each repeating the usage, and older versions wrote placeholder output tokens on
 * early lines); {@code tool_use} joined to its {@code tool_result}; Edit/Write/MultiEdit results become
 * file modifications; compactions, API errors and user prompts (counted, not stored) become session
 * events and errors. Beside the facts it gives source-neutral events ({@link #drainEvents()}) that the
 * installed modules map into theirs (compactions become context overflows in the tokens module). Memory is bounded: API calls not seen for a while and tool uses without result for
 * a long while are emitted early.
 */
public final class TranscriptMapper implements LineMapper {
    /** Lines after which an API call that got no new line is complete. */
    private static final int GROUP_WINDOW = 2_000;
    /** Pending tool uses kept before the oldest is given up as without result. */
    private static final int MAX_PENDING_TOOLS = 10_000;

    private static final int MAX_TEXT = 300;

    /**
     * The kind of the id Claude Code's OpenTelemetry {@code api_request} event gets from the OTLP receiver:
     * {@code claude-code|otel-api|<request_id>}. A transcript's API call supersedes it.
     */
    public static final String OTEL_API_CALL = "otel-api";

    private final Context context;
    private final List<FactRecord> out = new ArrayList<>();
    private final List<SourceEvent> events = new ArrayList<>();
    private final java.util.function.Predicate<Class<? extends SourceEvent>> wanted;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, PendingTool> tools = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final SlashCommands slashCommands = new SlashCommands(this::slashCommandEvent);
    private long lineNumber;
    private String lastModel;
    private String sessionId;
    private boolean sessionStarted;

    /**
     * Everything about a transcript file that its lines do not say.
     *
     * @param relativePath  the file under the projects folder, for ids and attributes
     * @param projectDir    the project folder name ({@code -Users-me-src-app})
     * @param transcriptKey the session a usage report groups this file under: the file stem for a main
     *                      transcript or a flat {@code agent-*.jsonl}, the parent session for
     *                      {@code <session>/subagents/agent-*.jsonl}
     * @param subagent      whether the file is a sub-agent's
     * @param agentType     the sub-agent's type from its {@code .meta.json}, or null
     */
    public record Context(
            String relativePath, String projectDir, String transcriptKey, boolean subagent, String agentType) {}

    private static final class Group {
        final String messageId;
        final String requestId;
        final long firstOffset;
        final long firstLine;
        long lastLine;
        String model;
        Instant at;
        long bestTotal = -1;
        long input;
        long output;
        long cacheRead;
        long write5m;
        long write1h;
        String stopReason;
        String serviceTier;
        String session;
        AgentRef agent;
        /** Whose messages: "" for the file's own, else the sub-agent whose progress records carry them. */
        String stream = "";
        /** The sub-agent's id ({@code agentId}) when the call is a sub-agent's, else null. */
        String agentId;
        /** For a call carried by a progress record, the tool use that started the sub-agent, or null. */
        String parentTool;

        Group(String messageId, String requestId, long firstOffset, long firstLine) {
            this.messageId = messageId;
            this.requestId = requestId;
            this.firstOffset = firstOffset;
            this.firstLine = firstLine;
        }
    }

    private record PendingTool(
            String id,
            String name,
            JsonNode input,
            Instant at,
            long offset,
            String session,
            AgentRef agent,
            long lineNumber) {}

    /** A mapper for one file that makes every kind of source event. */
    public TranscriptMapper(Context context) {
        this(context, kind -> true);
    }

    /** A mapper for one file that makes the source events of the kinds {@code wanted} accepts. */
    public TranscriptMapper(Context context, java.util.function.Predicate<Class<? extends SourceEvent>> wanted) {
        this.context = context;
        this.wanted = java.util.Objects.requireNonNull(wanted, "wanted");
    }

    @Override
    public List<FactRecord> drain() {
        List<FactRecord> copy = new ArrayList<>(out);
        out.clear();
        return copy;
    }

    @Override
    public List<SourceEvent> drainEvents() {
        List<SourceEvent> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    /**
     * Adds the event {@code make} gives when some installed module maps its {@code kind}; one that cannot be
     * made (a value the events refuse) is counted and dropped, never costing the line its facts.
     */
    private void event(Class<? extends SourceEvent> kind, java.util.function.Supplier<SourceEvent> make) {
        if (!wanted.test(kind)) {
            // no installed module maps this kind: not even built
            return;
        }
        try {
            events.add(make.get());
        } catch (InvalidRecordException e) {
            count("events_unusable");
        }
    }

    /** The agent team ({@code teamName} of the file's lines) and teammate ({@code agentName}), when named. */
    private String teamName;

    private String teammateName;

    /**
     * The envelope of an event of this file, seeded by {@code seed}; its attributes name the transcript, and the
     * agent team and teammate when the file's lines do ({@code team_name}, {@code teammate_name}).
     */
    private SourceEvent.Envelope envelope(String session, Instant at, String cwd, String seed) {
        AgentRef a = agent();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("transcript", context.relativePath());
        if (teamName != null) {
            attrs.put("team_name", teamName);
        }
        if (teammateName != null) {
            attrs.put("teammate_name", teammateName);
        }
        return new SourceEvent.Envelope(
                Ids.SOURCE,
                session,
                a.name(),
                a.type(),
                cwd == null ? context.projectDir() : lastSegment(cwd),
                cwd,
                at,
                seed,
                attrs);
    }

    private static SourceEvent.Envelope withAgentId(SourceEvent.Envelope e, String agentId) {
        Map<String, Object> attrs = new LinkedHashMap<>(e.attributes());
        attrs.put("agent_id", agentId);
        return new SourceEvent.Envelope(
                e.source(),
                e.sessionId(),
                e.agentName(),
                e.agentType(),
                e.project(),
                e.cwd(),
                e.occurredAt(),
                e.seed(),
                attrs);
    }

    @Override
    public Map<String, Long> counts() {
        return counts;
    }

    @Override
    public List<Rejected> rejected() {
        List<Rejected> copy = List.copyOf(rejected);
        rejected.clear();
        return copy;
    }

    private void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    @Override
    public void line(JsonNode node, long offset, long number) throws BadLine {
        lineNumber = number;
        if (!node.isObject()) {
            throw new BadLine("not a JSON object");
        }
        // an agent team's transcripts name the team and the teammate on their lines
        if (node.path("teamName").isTextual() && !node.path("teamName").asText().isBlank()) {
            teamName = node.path("teamName").asText();
        }
        if (node.path("agentName").isTextual()
                && !node.path("agentName").asText().isBlank()) {
            teammateName = node.path("agentName").asText();
        }
        String type = node.path("type").asText("");
        count("lines." + (type.isEmpty() ? "untyped" : type));
        int before = out.size();
        int eventsBefore = events.size();
        try {
            if (!type.equals("user")) {
                slashCommands.outputMissing();
            }
            switch (type) {
                case "assistant" -> assistant(node, offset);
                case "user" -> user(node);
                case "system" -> system(node);
                case "progress" -> progress(node, offset);
                default -> {
                    // summary, file-history-snapshot, queue-operation, attachment, permission-mode,
                    // last-prompt and types of future versions carry nothing this schema keeps
                }
            }
        } catch (io.agentstore.spi.InvalidRecordException e) {
            out.subList(before, out.size()).clear();
            events.subList(eventsBefore, events.size()).clear();
            throw new BadLine("unusable value: " + e.getMessage());
        }
        expireGroups();
    }

    private Instant timestamp(JsonNode node) throws BadLine {
        JsonNode ts = node.get("timestamp");
        if (ts == null || !ts.isTextual()) {
            throw new BadLine("missing field 'timestamp'");
        }
        Instant at;
        try {
            at = Instant.parse(ts.asText());
        } catch (DateTimeParseException e) {
            throw new BadLine("field 'timestamp' is not an ISO-8601 instant: " + ts.asText());
        }
        // refused here, before the line opens an API call or a tool use whose records could not be made
        if (at.isBefore(Checks.MIN_INSTANT) || at.isAfter(Checks.MAX_INSTANT)) {
            throw new BadLine("field 'timestamp' is outside years 1 to 9999: " + ts.asText());
        }
        return at;
    }

    private String session(JsonNode node) throws BadLine {
        String s = text(node, "sessionId");
        if (s == null) {
            throw new BadLine("missing field 'sessionId'");
        }
        return s;
    }

    private AgentRef agent() {
        return context.subagent()
                ? AgentRef.of(
                        "claude-code/" + (context.agentType() == null ? "subagent" : context.agentType()), "subagent")
                : AgentRef.of("claude-code", "main");
    }

    private void startSession(JsonNode node, String session, Instant at) {
        sessionId = session;
        if (sessionStarted) {
            return;
        }
        sessionStarted = true;
        String cwd = text(node, "cwd");
        String project = cwd == null ? context.projectDir() : lastSegment(cwd);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("project_dir", context.projectDir());
        attrs.put("transcript", context.relativePath());
        if (context.subagent()) {
            String agentId = text(node, "agentId");
            attrs.put("agent_id", agentId);
            out.add(new SessionEvent(
                    Ids.of("subagent-start", session, context.relativePath()),
                    at,
                    null,
                    session,
                    agent(),
                    "subagent_start",
                    context.agentType(),
                    project,
                    cwd,
                    blankToNull(text(node, "gitBranch")),
                    text(node, "version"),
                    attrs));
        } else {
            out.add(new SessionEvent(
                    Ids.of("session-start", session),
                    at,
                    null,
                    session,
                    agent(),
                    "start",
                    null,
                    project,
                    cwd,
                    blankToNull(text(node, "gitBranch")),
                    text(node, "version"),
                    attrs));
        }
    }

    private void assistant(JsonNode node, long offset) throws BadLine {
        Instant at = timestamp(node);
        String session = session(node);
        startSession(node, session, at);
        JsonNode message = node.path("message");
        if (node.path("isApiErrorMessage").asBoolean(false)) {
            count("api_errors");
            out.add(new ErrorEvent(
                    Ids.of("error", uuid(node, offset)),
                    at,
                    null,
                    session,
                    agent(),
                    null,
                    null,
                    "error",
                    "api_error",
                    truncate(contentText(message.path("content")), 2_000),
                    text(node, "requestId") == null
                            ? Map.of("transcript", context.relativePath())
                            : Map.of("transcript", context.relativePath(), "request_id", text(node, "requestId"))));
        }
        String messageId = text(message, "id");
        JsonNode usage = message.get("usage");
        String model = text(message, "model");
        if (messageId != null && usage != null && usage.isObject() && model != null) {
            if (model.equals("<synthetic>")) {
                count("synthetic_skipped");
            } else {
                usage(node, message, usage, messageId, model, at, session, offset);
                slashCommands.modelSeen(model);
            }
        }
        JsonNode content = message.path("content");
        if (content.isArray()) {
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asText())
                        && !block.path("text").asText("").isBlank()) {
                    event(
                            SourceEvent.ResponseText.class,
                            () -> new SourceEvent.ResponseText(
                                    envelope(session, at, text(node, "cwd"), "text|" + uuid(node, offset)),
                                    messageId,
                                    model,
                                    block.path("text").asText()));
                }
                if ("tool_use".equals(block.path("type").asText())) {
                    String id = text(block, "id");
                    String name = text(block, "name");
                    if (id == null || name == null) {
                        throw new BadLine("tool_use without 'id' or 'name'");
                    }
                    if (!tools.containsKey(id)) {
                        tools.put(
                                id,
                                new PendingTool(
                                        id, name, block.path("input"), at, offset, session, agent(), lineNumber));
                        count("tool_uses");
                        if (tools.size() > MAX_PENDING_TOOLS) {
                            Iterator<PendingTool> oldest = tools.values().iterator();
                            emitTool(oldest.next(), null, null, null);
                            oldest.remove();
                        }
                    }
                }
            }
        }
    }

    /**
     * A {@code progress} record of Claude Code 2.1.x: an {@code agent_progress} carries a sub-agent's assistant
     * message, with its usage, in the parent's transcript (and sometimes also in the sub-agent's own file).
     * Its API call is the sub-agent's, in the parent's session, with the same event id as the call read from
     * the sub-agent's file, so it is counted once however many of the two are imported, in whatever order.
     */
    private void progress(JsonNode node, long offset) throws BadLine {
        JsonNode data = node.path("data");
        if (!"agent_progress".equals(data.path("type").asText())) {
            return;
        }
        JsonNode inner = data.path("message");
        JsonNode message = inner.path("message");
        if (!"assistant".equals(inner.path("type").asText()) || !message.isObject()) {
            return;
        }
        String messageId = text(message, "id");
        JsonNode usage = message.get("usage");
        String model = text(message, "model");
        if (messageId == null || usage == null || !usage.isObject() || model == null) {
            return;
        }
        count("progress_api_lines");
        Instant at = inner.has("timestamp") ? timestamp(inner) : timestamp(node);
        String session = session(node);
        startSession(node, session, timestamp(node));
        if (model.equals("<synthetic>")) {
            count("synthetic_skipped");
            return;
        }
        String agentId = text(data, "agentId");
        String parentTool = text(node, "parentToolUseID");
        PendingTool task = parentTool == null ? null : tools.get(parentTool);
        // the type the parent asked for (Claude Code's default when it names none), as the sub-agent's
        // .meta.json says it; unknown when the spawning tool use is not in this read
        String type = task == null ? null : task.input().path("subagent_type").asText("general-purpose");
        Group g = usage(inner, message, usage, messageId, model, at, session, offset);
        g.agent = AgentRef.of("claude-code/" + (type == null ? "subagent" : type), "subagent");
        g.stream = agentId == null ? "progress" : agentId;
        g.agentId = agentId;
        g.parentTool = parentTool;
    }

    private Group usage(
            JsonNode node,
            JsonNode message,
            JsonNode usage,
            String messageId,
            String model,
            Instant at,
            String session,
            long offset) {
        String requestId = text(node, "requestId");
        String key = messageId + "|" + (requestId == null ? "" : requestId);
        Group g = groups.get(key);
        if (g == null) {
            g = new Group(messageId, requestId, offset, lineNumber);
            groups.put(key, g);
        }
        g.lastLine = lineNumber;
        long input = usage.path("input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
        long cacheCreation = usage.path("cache_creation_input_tokens").asLong(0);
        long w5m = cacheCreation;
        long w1h = 0;
        JsonNode split = usage.get("cache_creation");
        if (split != null && split.isObject()) {
            long s5 = split.path("ephemeral_5m_input_tokens").asLong(0);
            long s1 = split.path("ephemeral_1h_input_tokens").asLong(0);
            w1h = s1;
            w5m = Math.max(s5, cacheCreation - s1);
        }
        long total = input + output + cacheRead + w5m + w1h;
        if (total > g.bestTotal) {
            g.bestTotal = total;
            g.at = at;
            g.stopReason = text(message, "stop_reason");
        }
        g.input = Math.max(g.input, input);
        g.output = Math.max(g.output, output);
        g.cacheRead = Math.max(g.cacheRead, cacheRead);
        g.write5m = Math.max(g.write5m, w5m);
        g.write1h = Math.max(g.write1h, w1h);
        g.model = model;
        lastModel = model;
        g.serviceTier = text(usage, "service_tier");
        g.session = session;
        g.agent = agent();
        if (context.subagent()) {
            g.agentId = text(node, "agentId");
        }
        return g;
    }

    private void emitGroup(Group g) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("message_id", g.messageId);
        attrs.put("transcript", context.transcriptKey());
        attrs.put("source_file", context.relativePath());
        if (g.stopReason != null) {
            attrs.put("stop_reason", g.stopReason);
        }
        if (g.serviceTier != null) {
            attrs.put("service_tier", g.serviceTier);
        }
        if (g.agentId != null) {
            attrs.put("agent_id", g.agentId);
        }
        if (context.subagent() || !g.stream.isEmpty()) {
            attrs.put("sidechain", true);
        }
        try {
            out.add(new ApiCall(
                    Ids.of("api", g.messageId, g.requestId),
                    g.at,
                    // the same request as Claude Code's OpenTelemetry api_request event (received by the OTLP
                    // receiver under this id): the transcript's figures win, the call counts once in either order
                    g.requestId == null ? null : Ids.of(OTEL_API_CALL, g.requestId),
                    g.session,
                    g.agent,
                    null,
                    g.model,
                    g.model.startsWith("claude") ? "anthropic" : null,
                    g.requestId,
                    g.input,
                    g.output,
                    g.cacheRead,
                    g.write5m,
                    g.write1h,
                    null,
                    null,
                    true,
                    null,
                    attrs));
        } catch (InvalidRecordException e) {
            // emitted lines after its first line, or at the end of the file: blame the line that began it
            rejected.add(new Rejected(
                    g.firstOffset, g.firstLine, "API call " + g.messageId + ": unusable value: " + e.getMessage()));
            return;
        }
        count("api_calls");
        event(
                SourceEvent.ApiCall.class,
                () -> new SourceEvent.ApiCall(
                        envelope(g.session, g.at, null, g.messageId + "|" + g.requestId),
                        g.requestId,
                        g.messageId,
                        g.model,
                        g.input,
                        g.output,
                        g.cacheRead,
                        g.write5m + g.write1h));
    }

    private void expireGroups() {
        if (groups.isEmpty()) {
            return;
        }
        Iterator<Group> it = groups.values().iterator();
        while (it.hasNext()) {
            Group g = it.next();
            if (lineNumber - g.lastLine < GROUP_WINDOW) {
                continue;
            }
            emitGroup(g);
            it.remove();
        }
    }

    private void user(JsonNode node) throws BadLine {
        Instant at = timestamp(node);
        String session = session(node);
        startSession(node, session, at);
        JsonNode content = node.path("message").path("content");
        String plain = content.isTextual() ? content.asText() : null;
        if (plain == null && content.isArray() && !hasToolResult(content)) {
            plain = contentText(content);
        }
        if (plain != null && slashCommand(node, plain, session, at)) {
            return;
        }
        boolean hasToolResult = false;
        if (content.isArray()) {
            for (JsonNode block : content) {
                if ("tool_result".equals(block.path("type").asText())) {
                    hasToolResult = true;
                    toolResult(node, block, at);
                }
            }
        }
        if (!hasToolResult
                && !node.path("isMeta").asBoolean(false)
                && !node.path("isCompactSummary").asBoolean(false)) {
            String text = content.isTextual() ? content.asText() : contentText(content);
            if (text != null
                    && !text.isBlank()
                    && !text.startsWith("<command-")
                    && !text.startsWith("<local-command")) {
                count("user_prompts");
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("chars", text.length());
                attrs.put("transcript", context.relativePath());
                out.add(new SessionEvent(
                        Ids.of("prompt", uuid(node, -1)),
                        at,
                        null,
                        session,
                        agent(),
                        "user_prompt",
                        null,
                        null,
                        null,
                        null,
                        null,
                        attrs));
                event(
                        SourceEvent.UserPrompt.class,
                        () -> new SourceEvent.UserPrompt(
                                envelope(session, at, text(node, "cwd"), uuid(node, -1)), text));
            }
        }
    }

    /**
     * A user line a slash command made: the command itself ({@code <command-name>}), or what it printed
     * ({@code <local-command-stdout>}). Returns whether the line was one (then it is no prompt).
     */
    private boolean slashCommand(JsonNode node, String text, String session, Instant at) {
        String t = text.stripLeading();
        if (t.startsWith("<local-command-stdout>") || t.startsWith("<local-command-stderr>")) {
            slashCommands.output(t);
            return true;
        }
        if (t.startsWith("<command-") && t.contains("<command-name>")) {
            if (slashCommands.command(session, at, text(node, "cwd"), uuid(node, -1), t)) {
                count("slash_commands");
            }
            return true;
        }
        slashCommands.outputMissing();
        return false;
    }

    private static boolean hasToolResult(JsonNode content) {
        for (JsonNode block : content) {
            if ("tool_result".equals(block.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    private void slashCommandEvent(SlashCommands.Command c) {
        event(
                SourceEvent.SlashCommand.class,
                () -> new SourceEvent.SlashCommand(slashEnvelope(c), c.name(), c.arguments(), c.output(), c.model()));
    }

    private SourceEvent.Envelope slashEnvelope(SlashCommands.Command c) {
        SourceEvent.Envelope e = envelope(c.session(), c.at(), c.cwd(), c.seed());
        Map<String, Object> attrs = new LinkedHashMap<>(e.attributes());
        attrs.put("model_rule", c.modelRule());
        return new SourceEvent.Envelope(
                e.source(),
                e.sessionId(),
                e.agentName(),
                e.agentType(),
                e.project(),
                e.cwd(),
                e.occurredAt(),
                e.seed(),
                attrs);
    }

    private void toolResult(JsonNode line, JsonNode block, Instant at) {
        String id = text(block, "tool_use_id");
        PendingTool use = id == null ? null : tools.remove(id);
        if (use == null) {
            count("tool_results_without_use");
            return;
        }
        emitTool(use, block, line, at);
    }

    private void emitTool(PendingTool use, JsonNode result, JsonNode line, Instant resultAt) {
        int before = out.size();
        try {
            emitToolNow(use, result, line, resultAt);
        } catch (InvalidRecordException e) {
            // a tool call is emitted when its result comes, or at the end of the file: blame the tool use's line
            out.subList(before, out.size()).clear();
            rejected.add(new Rejected(
                    use.offset(),
                    use.lineNumber(),
                    "tool use " + use.id() + " (" + use.name() + "): unusable value: " + e.getMessage()));
        }
    }

    private void emitToolNow(PendingTool use, JsonNode result, JsonNode line, Instant resultAt) {
        boolean hasResult = result != null;
        boolean error = hasResult && result.path("is_error").asBoolean(false);
        String resultText = hasResult ? contentText(result.path("content")) : null;
        Long outputBytes = resultText == null ? null : (long) resultText.getBytes(StandardCharsets.UTF_8).length;
        String errorType = !hasResult ? "no_result" : error ? errorType(resultText) : null;
        Long duration =
                hasResult ? Math.max(0, Duration.between(use.at(), resultAt).toMillis()) : null;
        String inputText = use.input().toString();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("tool_use_id", use.id());
        attrs.put("input", summarize(use.name(), use.input()));
        if (line != null && line.path("toolUseResult").isObject()) {
            Map<String, Object> outcome = resultSummary(use.name(), line.path("toolUseResult"));
            if (!outcome.isEmpty()) {
                attrs.put("result", outcome);
            }
        }
        if (error && resultText != null) {
            attrs.put("error", truncate(resultText, MAX_TEXT));
        }
        if (use.name().equals("Task") || use.name().equals("Agent")) {
            attrs.put(
                    "handoff",
                    Map.of(
                            "to",
                            "subagent",
                            "subagent_type",
                            use.input().path("subagent_type").asText("general-purpose")));
        }
        out.add(new ToolCall(
                Ids.of("tool", use.id()),
                use.at(),
                null,
                use.session(),
                use.agent(),
                null,
                use.name(),
                targetPath(use.input()),
                "tool_call",
                hasResult && !error,
                errorType,
                duration,
                (long) inputText.getBytes(StandardCharsets.UTF_8).length,
                outputBytes,
                null,
                null,
                attrs));
        count("tool_calls");
        toolEvents(use, resultText, hasResult ? error : null, subAgentId(use, line, resultText));
        if (hasResult && !error) {
            fileModification(use, line);
        }
    }

    private static final java.util.regex.Pattern AGENT_ID_IN_RESULT =
            java.util.regex.Pattern.compile("agentId: ([A-Za-z0-9_-]+)");

    /**
     * The id of the sub-agent a Task / Agent call ran: the result's {@code toolUseResult.agentId}, else the
     * {@code agentId: <id>} line Claude Code appends to the result text; null for other tools or without result.
     */
    private static String subAgentId(PendingTool use, JsonNode line, String resultText) {
        if (!use.name().equals("Task") && !use.name().equals("Agent")) {
            return null;
        }
        if (line != null) {
            String id = text(line.path("toolUseResult"), "agentId");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        if (resultText != null) {
            java.util.regex.Matcher m = AGENT_ID_IN_RESULT.matcher(resultText);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * The source events of a tool call: the call itself, and a sub-agent link, todo snapshot or skill use. The
     * call of a sub-agent carries its id ({@code agent_id}) in the envelope's attributes as well.
     */
    private void toolEvents(PendingTool use, String resultText, Boolean error, String subAgentId) {
        JsonNode input = use.input();
        event(
                SourceEvent.ToolCall.class,
                () -> new SourceEvent.ToolCall(
                        subAgentId == null
                                ? envelope(use.session(), use.at(), null, use.id())
                                : withAgentId(envelope(use.session(), use.at(), null, use.id()), subAgentId),
                        use.id(),
                        use.name(),
                        inputMap(input),
                        resultText,
                        error));
        switch (use.name()) {
            case "Task", "Agent" ->
                event(
                        SourceEvent.SubAgentLink.class,
                        () -> new SourceEvent.SubAgentLink(
                                envelope(use.session(), use.at(), null, use.id()),
                                use.session(),
                                subAgentId,
                                text(input, "subagent_type"),
                                text(input, "prompt")));
            case "TodoWrite" ->
                event(SourceEvent.TodoSnapshot.class, () -> {
                    List<SourceEvent.Todo> todos = new ArrayList<>();
                    for (JsonNode t : input.path("todos")) {
                        String content = text(t, "content");
                        if (content != null && !content.isBlank()) {
                            todos.add(new SourceEvent.Todo(content, text(t, "status"), text(t, "activeForm")));
                        }
                    }
                    return new SourceEvent.TodoSnapshot(envelope(use.session(), use.at(), null, use.id()), todos);
                });
            case "Skill", "SlashCommand" -> {
                String skill = text(input, "skill") != null ? text(input, "skill") : text(input, "command");
                if (skill != null && !skill.isBlank()) {
                    event(
                            SourceEvent.SkillUse.class,
                            () -> new SourceEvent.SkillUse(
                                    envelope(use.session(), use.at(), null, use.id()), skill, text(input, "args")));
                }
            }
            default -> {
                // the tool call event says everything
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputMap(JsonNode input) {
        return input.isObject() ? Json.MAPPER.convertValue(input, Map.class) : Map.of();
    }

    private void fileModification(PendingTool use, JsonNode line) {
        String name = use.name();
        if (!name.equals("Edit") && !name.equals("Write") && !name.equals("MultiEdit")) {
            return;
        }
        JsonNode input = use.input();
        String path = text(input, "file_path");
        if (path == null) {
            return;
        }
        JsonNode r = line == null ? null : line.path("toolUseResult");
        long added = 0;
        long deleted = 0;
        long charsAdded = 0;
        long charsDeleted = 0;
        String type = "edit";
        JsonNode patch = r == null ? null : r.get("structuredPatch");
        if (patch != null && patch.isArray() && !patch.isEmpty()) {
            for (JsonNode hunk : patch) {
                for (JsonNode l : hunk.path("lines")) {
                    String s = l.asText("");
                    if (s.startsWith("+")) {
                        added++;
                        charsAdded += s.length() - 1;
                    } else if (s.startsWith("-")) {
                        deleted++;
                        charsDeleted += s.length() - 1;
                    }
                }
            }
        } else if (name.equals("Write")) {
            String c = input.path("content").asText("");
            added = lines(c);
            charsAdded = c.length();
        } else if (name.equals("Edit")) {
            String o = input.path("old_string").asText("");
            String n = input.path("new_string").asText("");
            deleted = lines(o);
            added = lines(n);
            charsDeleted = o.length();
            charsAdded = n.length();
        } else {
            for (JsonNode e : input.path("edits")) {
                String o = e.path("old_string").asText("");
                String n = e.path("new_string").asText("");
                deleted += lines(o);
                added += lines(n);
                charsDeleted += o.length();
                charsAdded += n.length();
            }
        }
        if (name.equals("Write")) {
            String t = r == null ? null : text(r, "type");
            type = "create".equals(t) ? "create" : "edit";
        }
        out.add(new FileModification(
                Ids.of("file", use.id()),
                use.at(),
                null,
                use.session(),
                use.agent(),
                null,
                name,
                path,
                type,
                added,
                deleted,
                charsAdded,
                charsDeleted,
                null,
                Map.of("tool_use_id", use.id())));
        count("file_modifications");
    }

    private void system(JsonNode node) throws BadLine {
        String subtype = text(node, "subtype");
        String session = text(node, "sessionId");
        if (session == null || !node.has("timestamp")) {
            return;
        }
        Instant at = timestamp(node);
        startSession(node, session, at);
        if ("compact_boundary".equals(subtype)) {
            JsonNode meta = node.path("compactMetadata");
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("trigger", meta.path("trigger").asText("auto"));
            if (meta.has("preTokens")) {
                attrs.put("pre_tokens", meta.path("preTokens").asLong());
            }
            attrs.put("transcript", context.relativePath());
            out.add(new SessionEvent(
                    Ids.of("compact", uuid(node, -1)),
                    at,
                    null,
                    session,
                    agent(),
                    "compact",
                    meta.path("trigger").asText("auto"),
                    null,
                    null,
                    null,
                    null,
                    attrs));
            count("compactions");
            event(
                    SourceEvent.Compaction.class,
                    () -> new SourceEvent.Compaction(
                            envelope(session, at, text(node, "cwd"), uuid(node, -1)),
                            meta.path("trigger").asText("auto"),
                            meta.has("preTokens") ? meta.path("preTokens").asLong() : null,
                            lastModel,
                            lastModel != null && lastModel.startsWith("claude") ? "anthropic" : null));
        } else if ("error".equals(text(node, "level")) || "api_error".equals(subtype)) {
            out.add(new ErrorEvent(
                    Ids.of("error", uuid(node, -1)),
                    at,
                    null,
                    session,
                    agent(),
                    null,
                    null,
                    "error",
                    subtype == null ? "system_error" : subtype,
                    truncate(contentText(node.path("content")), 2_000),
                    Map.of("transcript", context.relativePath())));
            count("errors");
        }
    }

    @Override
    public void finish() {
        slashCommands.finish();
        for (Group g : groups.values()) {
            emitGroup(g);
        }
        groups.clear();
        for (PendingTool t : tools.values()) {
            emitTool(t, null, null, null);
        }
        tools.clear();
    }

    /**
     * Emits every API call but the last of each stream of messages (the file's own, each sub-agent's
     * progress records): Claude Code writes a response's block lines one after the other, so once another
     * response of the same stream began, a call is complete; so is a sub-agent's last one once the tool use
     * that started it has its result. Tool uses without result stay open (their own row only). Returns the
     * oldest line kept open.
     */
    @Override
    public long[] finishLive() {
        slashCommands.finish();
        Map<String, Group> last = new LinkedHashMap<>();
        for (Group g : groups.values()) {
            Group l = last.get(g.stream);
            if (l == null || g.lastLine > l.lastLine) {
                last.put(g.stream, g);
            }
        }
        Iterator<Group> it = groups.values().iterator();
        while (it.hasNext()) {
            Group g = it.next();
            boolean subagentDone = g.parentTool != null && !tools.containsKey(g.parentTool);
            if (last.get(g.stream) != g || subagentDone) {
                emitGroup(g);
                it.remove();
            }
        }
        return oldestOpen();
    }

    @Override
    public long[] oldestOpen() {
        long[] min = null;
        for (Group g : groups.values()) {
            if (min == null || g.firstOffset < min[0]) {
                min = new long[] {g.firstOffset, g.firstLine};
            }
        }
        for (PendingTool t : tools.values()) {
            if (min == null || t.offset() < min[0]) {
                min = new long[] {t.offset(), t.lineNumber()};
            }
        }
        return min;
    }

    /** The session of the file's lines, once seen. */
    public String sessionId() {
        return sessionId;
    }

    private String uuid(JsonNode node, long offset) {
        String u = text(node, "uuid");
        return u != null ? u : context.relativePath() + "@" + offset + "#" + lineNumber;
    }

    private static String errorType(String text) {
        if (text == null) {
            return "tool_error";
        }
        String t = text.strip();
        if (t.startsWith("<") && t.indexOf('>') > 1 && t.indexOf('>') < 40) {
            return t.substring(1, t.indexOf('>'));
        }
        if (t.contains("doesn't want to proceed") || t.contains("was rejected")) {
            return "rejected";
        }
        if (t.startsWith("Exit code")) {
            return "exit_code";
        }
        return "tool_error";
    }

    private static String targetPath(JsonNode input) {
        for (String field : new String[] {"file_path", "notebook_path", "path"}) {
            String v = text(input, field);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** The tool input with long strings cut, keeping the arguments a person would look for. */
    private static Object summarize(String tool, JsonNode input) {
        if (!input.isObject()) {
            return null;
        }
        if (tool.equals("TodoWrite")) {
            return Json.MAPPER.convertValue(input, Map.class);
        }
        return Json.MAPPER.convertValue(cut(input), Map.class);
    }

    private static JsonNode cut(JsonNode node) {
        if (node.isTextual()) {
            String s = node.asText();
            return s.length() <= MAX_TEXT
                    ? node
                    : JsonNodeFactory.instance.textNode(
                            s.substring(0, MAX_TEXT) + "…(+" + (s.length() - MAX_TEXT) + " chars)");
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), cut(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (JsonNode item : node) {
                if (i++ == 50) {
                    copy.add("…(+" + (node.size() - 50) + " items)");
                    break;
                }
                copy.add(cut(item));
            }
            return copy;
        }
        return node;
    }

    private static Map<String, Object> resultSummary(String tool, JsonNode r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : new String[] {
            "type",
            "exitCode",
            "interrupted",
            "numFiles",
            "numLines",
            "totalDurationMs",
            "totalTokens",
            "totalToolUseCount",
            "agentId",
            "agentType",
            "status",
            "durationMs",
            "code"
        }) {
            JsonNode v = r.get(f);
            if (v != null
                    && (v.isNumber()
                            || v.isBoolean()
                            || v.isTextual() && v.asText().length() <= 100)) {
                m.put(f, Json.MAPPER.convertValue(v, Object.class));
            }
        }
        if (tool.equals("TodoWrite") && r.has("newTodos")) {
            m.put("todos", Json.MAPPER.convertValue(r.get("newTodos"), Object.class));
        }
        return m;
    }

    private static long lines(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        long n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n' && i < s.length() - 1) {
                n++;
            }
        }
        return n;
    }

    private static String contentText(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode block : content) {
                if (block.isTextual()) {
                    b.append(block.asText());
                } else if (block.has("text")) {
                    b.append(block.path("text").asText());
                } else if (block.has("content")) {
                    String inner = contentText(block.get("content"));
                    if (inner != null) {
                        b.append(inner);
                    }
                }
            }
            return b.toString();
        }
        return content.toString();
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String lastSegment(String path) {
        String p = path.replace('\\', '/');
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        String s = slash >= 0 ? p.substring(slash + 1) : p;
        return s.isBlank() ? p : s;
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
