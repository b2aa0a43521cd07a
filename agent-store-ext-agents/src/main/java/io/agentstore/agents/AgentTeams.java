package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.core.IngestError;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code's agent teams (experimental, {@code CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS}) as facts of the agents
 * module. Messages: a {@code SendMessage} call is a handoff of reason {@code message} from the sender to the
 * recipient (a broadcast to the team), the {@code <teammate-message teammate_id="...">} blocks a teammate receives
 * in its transcript are the same handoffs seen from the other side (same event id when the text is the same), and
 * an {@code idle_notification} among them is a {@link TeammateIdle}. The team's task list: {@code TaskCreate} and
 * the {@code TaskCreated} hook make a work item (type {@code team_task}, status history) and a todo; {@code
 * TaskUpdate} changes their status, assigns the owner (work assignment and todo assignment) and adds the
 * {@code addBlockedBy} / {@code addBlocks} dependencies between todos, refusing one that would close a cycle (an
 * ingest error names the cycle, as {@link AgentsFacade#addTodoDependency} does); the {@code TaskCompleted} hook
 * completes them. The {@code TeammateIdle} hook is a {@link TeammateIdle} with the work its answer suggested.
 *
 * <p>Teammates are agents named as the team names them ({@code team-lead}, {@code researcher}), of type
 * {@code teammate}: the names the hooks, {@code TaskUpdate}'s owner and the messages use. The sender of a call is
 * the transcript's {@code agentName}, else {@code team-lead} in a transcript of a team, else the transcript's
 * agent. A task is named by its team (else the session) and its id in the team's list.
 */
final class AgentTeams {
    private static final Pattern MESSAGE =
            Pattern.compile("<teammate-message\\s+teammate_id=\"([^\"]+)\"([^>]*)>([\\s\\S]*?)</teammate-message>");
    private static final Pattern SUMMARY = Pattern.compile("summary=\"([^\"]*)\"");
    /** A task id in a {@code TaskCreate} result: {@code Task #3 created ...} or a JSON {@code "id": "3"}. */
    private static final Pattern CREATED_ID =
            Pattern.compile("(?:Task\\s+#([A-Za-z0-9_-]+))|(?:\"id\"\\s*:\\s*\"?([A-Za-z0-9_-]+))");

    private AgentTeams() {}

    /** The dependencies between team tasks mapped so far, not all stored yet (as {@link EventMappings.Lists}). */
    static final class Dependencies {
        private final Map<UUID, List<UUID>> edges = new ConcurrentHashMap<>();
        private final Map<UUID, String> names = new ConcurrentHashMap<>();
    }

    static AgentRef member(String name) {
        return AgentRef.of(name, "teammate");
    }

    private static String attr(SourceEvent.Envelope e, String name) {
        Object v = e.attributes().get(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /** Who a transcript's call or message is from (see the class comment). */
    private static AgentRef self(SourceEvent.Envelope e) {
        String teammate = attr(e, "teammate_name");
        if (teammate != null) {
            return member(teammate);
        }
        if (attr(e, "team_name") != null) {
            return member("team-lead");
        }
        return e.agentName() != null ? AgentRef.of(e.agentName(), e.agentType()) : AgentRef.of(e.source(), "main");
    }

    private static String team(SourceEvent.Envelope e, String team) {
        return team != null ? team : attr(e, "team_name") != null ? attr(e, "team_name") : e.sessionId();
    }

    private static String text(Map<String, Object> input, String name) {
        Object v = input.get(name);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> input, String name) {
        Object v = input.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null && !String.valueOf(o).isBlank()) {
                    out.add(String.valueOf(o));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ messages

    /** A team tool call of a transcript: {@code SendMessage}, {@code TaskCreate}, {@code TaskUpdate}. */
    static List<FactRecord> toolCall(SourceEvent.ToolCall call, StoreContext context) {
        if (Boolean.TRUE.equals(call.isError())) {
            return List.of();
        }
        return switch (call.toolName()) {
            case "SendMessage" -> sent(call, context);
            case "TaskCreate" -> taskCreate(call, context);
            case "TaskUpdate" -> taskUpdate(call, context);
            default -> List.of();
        };
    }

    /**
     * {@code SendMessage}: the input of the first versions ({@code type} message / broadcast / shutdown_request /
     * ..., {@code recipient}, {@code content}, {@code summary}) or of later ones ({@code to}, {@code message} as
     * text or as a structured object with its own {@code type}, {@code summary}; {@code to: "*"} broadcasts).
     */
    private static List<FactRecord> sent(SourceEvent.ToolCall call, StoreContext context) {
        Map<String, Object> in = call.input();
        SourceEvent.Envelope e = call.envelope();
        String recipient = text(in, "recipient") != null ? text(in, "recipient") : text(in, "to");
        Object message = in.get("message");
        String type = text(in, "type");
        String content = text(in, "content");
        if (message instanceof String s && !s.isBlank()) {
            content = content == null ? s : content;
        } else if (message instanceof Map<?, ?> m) {
            if (type == null && m.get("type") instanceof String t) {
                type = t;
            }
            if (content == null) {
                content = m.get("content") instanceof String c ? c : Json.write(m);
            }
        }
        if (type == null) {
            type = "*".equals(recipient) ? "broadcast" : "message";
        }
        boolean broadcast = type.equals("broadcast") || "*".equals(recipient);
        if (recipient == null && !broadcast) {
            return List.of();
        }
        String team = attr(e, "team_name");
        AgentRef to = broadcast ? AgentRef.of("team:" + (team == null ? "?" : team), "team") : member(recipient);
        // the result names the sender as the team does ({"routing": {"sender": "team-lead", ...}})
        AgentRef from = self(e);
        Map<?, ?> result = call.result() != null && call.result().strip().startsWith("{")
                ? parse(call.result().strip())
                : null;
        if (result != null
                && result.get("routing") instanceof Map<?, ?> routing
                && routing.get("sender") instanceof String sender
                && !sender.isBlank()) {
            from = member(sender);
        }
        return List.of(message(e, from, to, type, content, text(in, "summary"), "sent", context));
    }

    /**
     * A prompt of a teammate's transcript that holds {@code <teammate-message>} blocks: each is a message from
     * {@code teammate_id} to the transcript's teammate; an {@code idle_notification} is that teammate going idle.
     */
    static List<FactRecord> teammateMessages(SourceEvent.UserPrompt prompt, StoreContext context) {
        if (!prompt.text().contains("<teammate-message")) {
            return List.of();
        }
        SourceEvent.Envelope e = prompt.envelope();
        AgentRef me = self(e);
        List<FactRecord> out = new ArrayList<>();
        Matcher m = MESSAGE.matcher(prompt.text());
        int i = 0;
        while (m.find()) {
            String from = m.group(1);
            Matcher s = SUMMARY.matcher(m.group(2));
            String summary = s.find() ? s.group(1) : null;
            String body = m.group(3).strip();
            String type = "message";
            Map<?, ?> json = body.startsWith("{") ? parse(body) : null;
            if (json != null && json.get("type") instanceof String t) {
                type = t;
            }
            if (type.equals("idle_notification")) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("seen_in", "transcript");
                if (json.get("idleReason") instanceof String reason) {
                    attrs.put("idle_reason", reason);
                }
                Instant at = e.occurredAt();
                if (json.get("timestamp") instanceof String ts) {
                    try {
                        at = Instant.parse(ts);
                    } catch (RuntimeException ignored) {
                        // the prompt's time then
                    }
                }
                out.add(new TeammateIdle(
                        EventIds.of(e.source(), "teammate-idle", e.seed(), String.valueOf(i++)),
                        at,
                        null,
                        e.sessionId(),
                        member(from),
                        attr(e, "team_name"),
                        null,
                        List.of(),
                        attrs));
                continue;
            }
            i++;
            out.add(message(e, member(from), me, type, body, summary, "received", context));
        }
        return out;
    }

    private static Map<?, ?> parse(String text) {
        try {
            return Json.parse(text) instanceof Map<?, ?> m ? m : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** A message as a handoff; its id is the sender, the recipient and the text, so both sides give one fact. */
    private static Handoff message(
            SourceEvent.Envelope e,
            AgentRef from,
            AgentRef to,
            String type,
            String content,
            String summary,
            String seenIn,
            StoreContext context) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("message_type", type);
        if (summary != null) {
            attrs.put("summary", summary);
        }
        if (attr(e, "team_name") != null) {
            attrs.put("team_name", attr(e, "team_name"));
        }
        attrs.put("seen_in", seenIn);
        String text = content == null ? "" : content.strip();
        return new Handoff(
                EventIds.of(e.source(), "team-message", from.name(), to.name(), sha256(text)),
                e.occurredAt(),
                null,
                e.sessionId(),
                from,
                to,
                null,
                "message",
                content == null ? null : context.redact(content),
                attrs);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JVM", ex);
        }
    }

    // ------------------------------------------------------------------------------------------------ tasks

    static WorkItem work(SourceEvent.Envelope e, String team, String taskId, String subject) {
        return new WorkItem(e.source() + ":team-task:" + team + ":" + taskId, "team_task", null, subject);
    }

    static UUID todoId(SourceEvent.Envelope e, String team, String taskId) {
        return EventIds.of(e.source(), "team-task", team, taskId);
    }

    private static List<FactRecord> taskCreate(SourceEvent.ToolCall call, StoreContext context) {
        if (call.result() == null) {
            return List.of();
        }
        Matcher m = CREATED_ID.matcher(call.result());
        if (!m.find()) {
            return List.of();
        }
        String taskId = m.group(1) != null ? m.group(1) : m.group(2);
        SourceEvent.Envelope e = call.envelope();
        return created(
                e,
                team(e, null),
                taskId,
                text(call.input(), "subject"),
                text(call.input(), "description"),
                self(e),
                context);
    }

    /** The creation of a team task: the work item pending and the todo with its first version and status. */
    private static List<FactRecord> created(
            SourceEvent.Envelope e,
            String team,
            String taskId,
            String subject,
            String description,
            AgentRef by,
            StoreContext context) {
        String task = subject != null ? subject : "task " + taskId;
        WorkItem work = work(e, team, taskId, context.redact(task));
        UUID todo = todoId(e, team, taskId);
        // its name for a cycle refused before the batch holding it is stored
        context.facade(AgentsFacade.class).teamDependencies().names.put(todo, context.redact(task));
        Map<String, Object> attrs = Map.of("team", team, "task_id", taskId);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("team", team);
        ctx.put("task_id", taskId);
        ctx.put("source", e.source());
        if (description != null) {
            ctx.put("description", context.redact(description));
        }
        List<FactRecord> out = new ArrayList<>();
        out.add(new WorkStatus(
                EventIds.of(e.source(), "team-task-status", team, taskId, "pending"),
                e.occurredAt(),
                null,
                work,
                e.sessionId(),
                by,
                "pending",
                "created",
                attrs));
        out.add(new Todo(
                todo, // the first version's event id names the todo, as for every todo: an erase follows it
                // to the todo's status, assignment and dependency rows
                e.occurredAt(),
                null,
                todo,
                null,
                e.sessionId(),
                by,
                task,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                "agent",
                true,
                false,
                ctx,
                attrs));
        out.add(new TodoStatus(
                EventIds.of(e.source(), "team-todo-status", team, taskId, "pending"),
                e.occurredAt(),
                null,
                todo,
                by,
                "pending",
                null,
                null,
                attrs));
        return out;
    }

    private static List<FactRecord> taskUpdate(SourceEvent.ToolCall call, StoreContext context) {
        Map<String, Object> in = call.input();
        String taskId = text(in, "taskId");
        if (taskId == null) {
            return List.of();
        }
        SourceEvent.Envelope e = call.envelope();
        String team = team(e, null);
        AgentRef by = self(e);
        WorkItem work = work(e, team, taskId, text(in, "subject"));
        UUID todo = todoId(e, team, taskId);
        Map<String, Object> attrs = Map.of("team", team, "task_id", taskId);
        List<FactRecord> out = new ArrayList<>();
        String owner = text(in, "owner");
        if (owner != null) {
            out.add(new WorkAssignment(
                    EventIds.of(e.source(), "team-task-owner", e.seed()),
                    e.occurredAt(),
                    null,
                    EventIds.of(e.source(), "team-task-assignment", team, taskId, owner),
                    work,
                    member(owner),
                    e.sessionId(),
                    "accepted",
                    null,
                    "owner set by " + by.name(),
                    attrs));
            out.add(new TodoAssignment(
                    EventIds.of(e.source(), "team-todo-owner", e.seed()),
                    e.occurredAt(),
                    null,
                    todo,
                    member(owner),
                    by,
                    "TaskUpdate",
                    attrs));
        }
        String status = text(in, "status");
        if (status != null) {
            out.addAll(status(e, team, taskId, work, todo, status, by, owner, attrs));
        }
        Dependencies deps = context.facade(AgentsFacade.class).teamDependencies();
        for (String blocker : ids(in, "addBlockedBy")) {
            dependency(e, deps, todo, todoId(e, team, blocker), taskId, blocker, context)
                    .ifPresent(out::add);
        }
        for (String blocked : ids(in, "addBlocks")) {
            dependency(e, deps, todoId(e, team, blocked), todo, blocked, taskId, context)
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * A status of a team task: the work item's and the todo's. Keyed by team, task and status, so the transcript's
     * {@code TaskUpdate} and the {@code TaskCompleted} hook of the same completion give one fact each.
     */
    private static List<FactRecord> status(
            SourceEvent.Envelope e,
            String team,
            String taskId,
            WorkItem work,
            UUID todo,
            String status,
            AgentRef by,
            String owner,
            Map<String, Object> attrs) {
        String workStatus = switch (status) {
            case "in_progress", "completed", "pending", "blocked" -> status;
            case "deleted" -> "abandoned";
            default -> null;
        };
        String todoStatus = status.equals("deleted") ? "cancelled" : EventMappings.todoStatus(status);
        List<FactRecord> out = new ArrayList<>();
        if (workStatus != null) {
            out.add(new WorkStatus(
                    EventIds.of(e.source(), "team-task-status", team, taskId, workStatus),
                    e.occurredAt(),
                    null,
                    work,
                    e.sessionId(),
                    by,
                    workStatus,
                    null,
                    attrs));
        }
        out.add(new TodoStatus(
                EventIds.of(e.source(), "team-todo-status", team, taskId, todoStatus),
                e.occurredAt(),
                null,
                todo,
                by,
                todoStatus,
                null,
                null,
                attrs));
        if (workStatus != null && workStatus.equals("completed")) {
            String who = owner != null ? owner : by.type() != null && by.type().equals("teammate") ? by.name() : null;
            if (who != null) {
                out.add(new WorkAssignment(
                        EventIds.of(e.source(), "team-task-done", team, taskId),
                        e.occurredAt(),
                        null,
                        EventIds.of(e.source(), "team-task-assignment", team, taskId, who),
                        work,
                        member(who),
                        e.sessionId(),
                        "completed",
                        null,
                        null,
                        attrs));
            }
        }
        return out;
    }

    /**
     * The dependency of {@code todo} on {@code blockedBy}, unless it would close a cycle with the dependencies
     * stored and mapped so far: then an ingest error names the cycle and no dependency is recorded.
     */
    private static java.util.Optional<FactRecord> dependency(
            SourceEvent.Envelope e,
            Dependencies deps,
            UUID todo,
            UUID blockedBy,
            String taskId,
            String blockerId,
            StoreContext context) {
        if (todo.equals(blockedBy)) {
            return java.util.Optional.empty();
        }
        Map<UUID, List<UUID>> edges = new HashMap<>();
        for (Row r : context.sql("SELECT todo_id, blocked_by_todo_id FROM v_todo_dependencies")
                .rows()) {
            edges.computeIfAbsent(r.uuid("todo_id"), k -> new ArrayList<>()).add(r.uuid("blocked_by_todo_id"));
        }
        deps.edges.forEach((k, v) -> {
            List<UUID> list = edges.computeIfAbsent(k, x -> new ArrayList<>());
            synchronized (v) {
                v.stream().filter(x -> !list.contains(x)).forEach(list::add);
            }
        });
        if (edges.getOrDefault(todo, List.of()).contains(blockedBy)) {
            return java.util.Optional.empty();
        }
        Map<UUID, String> names = new HashMap<>(deps.names);
        for (Row r : context.sql("SELECT todo_id, task FROM v_todos").rows()) {
            names.putIfAbsent(r.uuid("todo_id"), r.string("task"));
        }
        String refusal = AgentsFacade.cycle(todo, blockedBy, edges, names);
        if (refusal != null) {
            Object transcript = e.attributes().get("transcript");
            return java.util.Optional.of(new IngestError(
                    EventIds.of(e.source(), "team-task-cycle", e.seed(), taskId, blockerId),
                    e.occurredAt(),
                    null,
                    e.source(),
                    transcript instanceof String t ? t : e.source(),
                    0,
                    0,
                    "team task " + taskId + " blocked by task " + blockerId + " refused: " + refusal,
                    null,
                    Map.of("task_id", taskId, "blocked_by", blockerId)));
        }
        List<UUID> mine = deps.edges.computeIfAbsent(todo, k -> new ArrayList<>());
        synchronized (mine) {
            mine.add(blockedBy);
        }
        return java.util.Optional.of(new TodoDependency(
                EventIds.of(e.source(), "team-task-dependency", todo.toString(), blockedBy.toString()),
                e.occurredAt(),
                null,
                todo,
                blockedBy,
                false,
                Map.of("task_id", taskId, "blocked_by_task_id", blockerId)));
    }

    // ------------------------------------------------------------------------------------------------ hooks

    /** The {@code TaskCreated} / {@code TaskCompleted} hooks. */
    static List<FactRecord> teamTask(SourceEvent.TeamTask task, StoreContext context) {
        SourceEvent.Envelope e = task.envelope();
        String team = team(e, task.teamName());
        AgentRef by = task.teammateName() != null ? member(task.teammateName()) : self(e);
        if (task.status().equals("pending")) {
            return created(e, team, task.taskId(), task.subject(), task.description(), by, context);
        }
        String subject = task.subject() == null ? null : context.redact(task.subject());
        return status(
                e,
                team,
                task.taskId(),
                work(e, team, task.taskId(), subject),
                todoId(e, team, task.taskId()),
                task.status(),
                by,
                task.teammateName(),
                Map.of("team", team, "task_id", task.taskId()));
    }

    /** The {@code TeammateIdle} hook: the teammate idle, with the work the hook suggested to it. */
    static List<FactRecord> teammateIdle(SourceEvent.TeammateIdle idle, StoreContext context) {
        SourceEvent.Envelope e = idle.envelope();
        List<String> suggested = idle.suggestedWork();
        return List.of(new TeammateIdle(
                EventIds.of(e.source(), "teammate-idle", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                member(idle.teammateName()),
                idle.teamName(),
                suggested == null ? null : !suggested.isEmpty(),
                suggested == null ? List.of() : suggested,
                Map.of("seen_in", "hook")));
    }
}
