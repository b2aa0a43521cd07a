package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import io.agentstore.spi.StoreContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How source events become facts of the agents module, whatever their source: sub-agent links become handoffs,
 * assignments and work items, the result of the tool call that ran a sub-agent its outcome, todo snapshots
 * todos with their status history, skill uses skill invocations, prompts intents. Every fact's id is derived
 * from the event's seed, so replays store nothing twice.
 */
final class EventMappings {
    /** Tools whose call runs a sub-agent. */
    static final Set<String> SUBAGENT_TOOLS = Set.of("Task", "Agent");

    private EventMappings() {}

    static AgentRef from(SourceEvent.Envelope e) {
        return e.agentName() == null ? null : AgentRef.of(e.agentName(), e.agentType());
    }

    /** The sub-agent as the source's agents are named: {@code <source>/<type>} (as the Claude Code importer does). */
    static AgentRef subAgent(SourceEvent.Envelope e, String type) {
        return AgentRef.of(e.source() + "/" + (type == null ? "subagent" : type), "subagent");
    }

    /**
     * What names one sub-agent's run across sources: its id when known (the transcript's result and the hooks
     * both give it, so the facts they make are the same facts), else the seed of the call that started it.
     */
    static String runKey(SourceEvent.Envelope e, String agentId) {
        return agentId != null ? "agent:" + agentId : e.seed();
    }

    static WorkItem subAgentWork(SourceEvent.Envelope e, String agentId, String description) {
        return new WorkItem(
                e.source() + ":subagent:" + (agentId != null ? agentId : e.seed()), "subagent", null, description);
    }

    private static String agentIdOf(SourceEvent.Envelope e) {
        Object id = e.attributes().get("agent_id");
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    private static String firstLine(String text, int max) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /**
     * A sub-agent started: its work item assigned to it and the assignment accepted. A link with the prompt (a
     * Task / Agent call of a transcript) is also the delegation: the work offered to the sub-agent a microsecond
     * before it accepted, and the handoff with the prompt as context. A link without the prompt (the
     * {@code SubagentStart} hook) gives the same assignment and work facts as the transcript's link of the same
     * sub-agent id, so whichever comes first is kept once.
     */
    static List<FactRecord> subAgentLink(SourceEvent.SubAgentLink link, StoreContext context) {
        SourceEvent.Envelope e = link.envelope();
        AgentRef parent = from(e) != null ? from(e) : AgentRef.of(e.source(), "main");
        AgentRef sub = subAgent(e, link.agentType());
        String prompt = link.prompt() == null ? null : context.redact(link.prompt());
        WorkItem work = subAgentWork(e, link.agentId(), firstLine(prompt, 200));
        String key = runKey(e, link.agentId());
        Map<String, Object> attrs = new LinkedHashMap<>(e.attributes());
        if (link.agentId() != null) {
            attrs.put("agent_id", link.agentId());
        }
        UUID assignment = EventIds.of(e.source(), "subagent-assignment", key);
        boolean delegation = link.prompt() != null;
        Instant acceptedAt = delegation ? e.occurredAt().plusNanos(1_000) : e.occurredAt();
        List<FactRecord> out = new ArrayList<>();
        out.add(new WorkStatus(
                EventIds.of(e.source(), "subagent-work", key),
                e.occurredAt(),
                null,
                work,
                e.sessionId(),
                parent,
                "assigned",
                "delegated to " + sub.name(),
                attrs));
        if (delegation) {
            out.add(new WorkAssignment(
                    EventIds.of(e.source(), "subagent-offered", key),
                    e.occurredAt(),
                    null,
                    assignment,
                    work,
                    sub,
                    e.sessionId(),
                    "offered",
                    null,
                    "delegation",
                    attrs));
        }
        out.add(new WorkAssignment(
                EventIds.of(e.source(), "subagent-accepted", key),
                acceptedAt,
                null,
                assignment,
                work,
                sub,
                e.sessionId(),
                "accepted",
                null,
                delegation ? "delegation" : "sub-agent started",
                attrs));
        if (delegation) {
            out.add(new Handoff(
                    EventIds.of(e.source(), "handoff", key),
                    e.occurredAt(),
                    null,
                    e.sessionId(),
                    parent,
                    sub,
                    work,
                    "delegation",
                    prompt,
                    attrs));
        }
        return out;
    }

    /** The result of the call that ran a sub-agent: the work's outcome. */
    static List<FactRecord> subAgentOutcome(SourceEvent.ToolCall call, StoreContext context) {
        if (!SUBAGENT_TOOLS.contains(call.toolName()) || call.isError() == null) {
            return List.of();
        }
        SourceEvent.Envelope e = call.envelope();
        Object type = call.input().get("subagent_type");
        String agentType = type instanceof String s && !s.isBlank() ? s : null;
        // the result comes after the call; its time is not in the event, so the outcome is a moment later
        return outcome(
                e, agentIdOf(e), agentType, !call.isError(), e.occurredAt().plusNanos(2_000));
    }

    /**
     * A sub-agent stopped ({@code SubagentStop} hook): its assignment and work completed, the same facts as the
     * transcript's result of the call that ran it.
     */
    static List<FactRecord> subAgentStop(SourceEvent.SubAgentStop stop, StoreContext context) {
        if (stop.agentId() == null) {
            return List.of();
        }
        SourceEvent.Envelope e = stop.envelope();
        return outcome(e, stop.agentId(), stop.agentType(), true, e.occurredAt());
    }

    /**
     * A sub-agent's outcome: the assignment completed or abandoned, the work's status, and what it shows of the
     * sub-agent's capability (its type): proficiency 1.0 for a completed run, 0.0 for a failed one, so the
     * capability's history in {@code v_agent_capabilities} is the sub-agent's record of outcomes.
     */
    private static List<FactRecord> outcome(
            SourceEvent.Envelope e, String agentId, String agentType, boolean ok, Instant at) {
        AgentRef sub = subAgent(e, agentType);
        WorkItem work = subAgentWork(e, agentId, null);
        String key = runKey(e, agentId);
        List<FactRecord> out = new ArrayList<>();
        out.add(new WorkAssignment(
                EventIds.of(e.source(), "subagent-outcome", key),
                at,
                null,
                EventIds.of(e.source(), "subagent-assignment", key),
                work,
                sub,
                e.sessionId(),
                ok ? "completed" : "abandoned",
                null,
                ok ? "result returned" : "error returned",
                Map.of()));
        out.add(new WorkStatus(
                EventIds.of(e.source(), "subagent-work-outcome", key),
                at,
                null,
                work,
                e.sessionId(),
                sub,
                ok ? "completed" : "abandoned",
                ok ? null : "the sub-agent's call failed",
                Map.of()));
        out.add(new AgentCapability(
                EventIds.of(e.source(), "subagent-capability", key),
                at,
                null,
                sub,
                agentType == null ? "subagent" : agentType,
                "runs as a " + (agentType == null ? "sub-agent" : agentType + " sub-agent"),
                ok ? 1.0 : 0.0,
                agentId == null ? Map.of("work_id", work.id()) : Map.of("work_id", work.id(), "agent_id", agentId)));
        return out;
    }

    /** A skill used: an invocation by the agent ({@code SlashCommand} and {@code Skill} calls come from agents). */
    static List<FactRecord> skillUse(SourceEvent.SkillUse use, StoreContext context) {
        SourceEvent.Envelope e = use.envelope();
        String skill = use.skill().startsWith("/") ? use.skill().substring(1) : use.skill();
        return List.of(new SkillInvocation(
                EventIds.of(e.source(), "skill", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                from(e),
                skill,
                null,
                "agent",
                null,
                null,
                null,
                use.arguments(),
                e.attributes()));
    }

    /** A prompt: an intent (hash and category; the text only when the audit module is installed). */
    static List<FactRecord> prompt(SourceEvent.UserPrompt prompt, StoreContext context) {
        if (prompt.text().strip().startsWith("<teammate-message")) {
            // a teammate's message delivered as a prompt is no intent of the user (see AgentTeams)
            return List.of();
        }
        SourceEvent.Envelope e = prompt.envelope();
        String text = context.isInstalled("audit") ? context.redact(prompt.text()) : null;
        return List.of(new SessionIntent(
                EventIds.of(e.source(), "intent", e.seed()),
                e.occurredAt(),
                null,
                e.sessionId(),
                from(e),
                Intents.hash(prompt.text()),
                Intents.categorize(prompt.text()),
                text,
                null,
                null,
                e.attributes()));
    }

    /** An item of a todo list as the mapping tracks it. */
    record Item(UUID todoId, String task, long position, String status) {}

    /**
     * The last list mapped per session and agent, with its time: the facts it gave may not be stored yet when
     * the next snapshot of the same batch is mapped. It holds nothing the store will not hold: a snapshot is
     * matched against this list only when it is the latest one before the snapshot, exactly what the store
     * gives once the batch is committed.
     */
    static final class Lists {
        private record Last(Instant at, List<Item> items) {}

        private final Map<String, Last> last = new ConcurrentHashMap<>();
    }

    /**
     * A todo list written: each item is matched to the list before it (same text first, then a renamed item at
     * the same position); matched items keep their todo id, others are new. Every item gets a version with its
     * text and position; a changed status gets a status fact; an item that left the list unfinished is cancelled.
     */
    static List<FactRecord> todoSnapshot(SourceEvent.TodoSnapshot snapshot, StoreContext context, Lists lists) {
        SourceEvent.Envelope e = snapshot.envelope();
        AgentRef agent = from(e) != null ? from(e) : AgentRef.of(e.source(), "main");
        String key = e.sessionId() + "\u0000" + agent.name();
        List<Item> before = new ArrayList<>();
        Instant beforeAt = null;
        if (e.sessionId() != null) {
            for (Row r : context.sql(
                            context.sqlResource("todo_list_before.sql"),
                            e.sessionId(),
                            agent.name(),
                            e.occurredAt(),
                            e.occurredAt())
                    .rows()) {
                before.add(new Item(r.uuid("todo_id"), r.string("task"), r.int64("position"), r.string("status")));
                beforeAt = r.instant("occurred_at");
            }
        }
        Lists.Last cached = lists.last.get(key);
        if (cached != null
                && cached.at().isBefore(e.occurredAt())
                && (beforeAt == null || cached.at().isAfter(beforeAt))) {
            before = cached.items();
        }
        List<SourceEvent.Todo> todos = snapshot.todos();
        Item[] matched = new Item[todos.size()];
        boolean[] used = new boolean[before.size()];
        for (int i = 0; i < todos.size(); i++) {
            String task = context.redact(todos.get(i).content());
            int best = -1;
            for (int j = 0; j < before.size(); j++) {
                if (!used[j]
                        && before.get(j).task().equals(task)
                        && (best < 0 || before.get(j).position() == i)) {
                    best = j;
                }
            }
            if (best >= 0) {
                used[best] = true;
                matched[i] = before.get(best);
            }
        }
        for (int i = 0; i < todos.size(); i++) {
            if (matched[i] != null) {
                continue;
            }
            for (int j = 0; j < before.size(); j++) {
                if (!used[j] && before.get(j).position() == i) {
                    used[j] = true;
                    matched[i] = before.get(j);
                    break;
                }
            }
        }
        List<FactRecord> facts = new ArrayList<>();
        List<Item> after = new ArrayList<>();
        for (int i = 0; i < todos.size(); i++) {
            SourceEvent.Todo t = todos.get(i);
            String status = todoStatus(t.status());
            UUID id = matched[i] != null
                    ? matched[i].todoId()
                    : EventIds.of(e.source(), "todo", e.seed(), String.valueOf(i));
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("auto_synced", true);
            ctx.put("source", e.source());
            ctx.put("snapshot", e.seed());
            if (t.activeForm() != null) {
                ctx.put("active_form", context.redact(t.activeForm()));
            }
            facts.add(new Todo(
                    EventIds.of(e.source(), "todo-version", e.seed(), String.valueOf(i)),
                    e.occurredAt(),
                    null,
                    id,
                    null,
                    e.sessionId(),
                    agent,
                    t.content(),
                    null,
                    null,
                    null,
                    (long) i,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    "claude".equals(e.source()) || e.source().startsWith("claude") ? "claude" : "agent",
                    true,
                    false,
                    ctx,
                    Map.of()));
            if (matched[i] == null || !status.equals(matched[i].status())) {
                facts.add(new TodoStatus(
                        EventIds.of(e.source(), "todo-status", e.seed(), id.toString()),
                        e.occurredAt(),
                        null,
                        id,
                        agent,
                        status,
                        null,
                        null,
                        Map.of()));
            }
            after.add(new Item(id, context.redact(t.content()), i, status));
        }
        for (int j = 0; j < before.size(); j++) {
            Item gone = before.get(j);
            if (!used[j] && !"completed".equals(gone.status()) && !"cancelled".equals(gone.status())) {
                facts.add(new TodoStatus(
                        EventIds.of(
                                e.source(),
                                "todo-status",
                                e.seed(),
                                gone.todoId().toString()),
                        e.occurredAt(),
                        null,
                        gone.todoId(),
                        agent,
                        "cancelled",
                        null,
                        "left the list",
                        Map.of()));
            }
        }
        lists.last.merge(
                key,
                new Lists.Last(e.occurredAt(), List.copyOf(after)),
                (old, now) -> now.at().isAfter(old.at()) ? now : old);
        return facts;
    }

    /** A source's todo status in this module's words: unknown words are {@code pending}. */
    static String todoStatus(String status) {
        if (status == null) {
            return "pending";
        }
        return switch (status) {
            case "in_progress", "completed", "blocked", "cancelled", "pending" -> status;
            case "done" -> "completed";
            default -> "pending";
        };
    }
}
