package io.agentstore.agents;

import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolHandler;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The MCP tools of the agents module: coordination, flags and todos, each a thin layer over {@link AgentsFacade}. */
final class AgentsTools {
    private AgentsTools() {}

    private static String schema(String properties, String... required) {
        StringBuilder req = new StringBuilder();
        for (String r : required) {
            req.append(req.length() == 0 ? "" : ",").append('"').append(r).append('"');
        }
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + req + "]}";
    }

    private static String prop(String name, String type, String description) {
        return "\"" + name + "\":{\"type\":\"" + type + "\",\"description\":\"" + description + "\"}";
    }

    private static AgentsFacade agents(StoreContext context) {
        return context.facade(AgentsFacade.class);
    }

    /** A facade's refusal of an argument as the tool's argument error. */
    private static ToolHandler guarded(ToolHandler handler) {
        return (args, context) -> {
            try {
                return handler.call(args, context);
            } catch (InvalidRecordException e) {
                throw new ToolArgumentException(e.field(), e.getMessage());
            }
        };
    }

    private static UUID uuid(ToolArguments args, String name) {
        String text = args.string(name);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ToolArgumentException(name, name + " must be a UUID, was '" + text + "'");
        }
    }

    private static Object json(Object v) {
        if (v instanceof UUID || v instanceof Instant) {
            return v.toString();
        }
        if (v instanceof java.math.BigDecimal
                || v instanceof Number
                || v instanceof Boolean
                || v instanceof String
                || v == null
                || v instanceof Map
                || v instanceof List) {
            return v;
        }
        return v.toString();
    }

    private static ToolResult rows(String key, QueryResult result) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : result.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                m.put(r.columns().get(i), json(r.get(i)));
            }
            list.add(m);
        }
        return new ToolResult(Map.of(key, list), list.isEmpty() ? "none" : result.toString());
    }

    private static ToolResult claim(ClaimResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claimed", r.claimed());
        m.put("work_id", r.workId());
        m.put("holder", r.holder());
        m.put("assignment_id", r.assignmentId().toString());
        m.put("since", r.since().toString());
        m.put("lease_expires_at", r.leaseExpiresAt().map(Instant::toString).orElse(null));
        return new ToolResult(
                m,
                (r.claimed() ? "claimed " : "not claimed: held by " + r.holder() + " ")
                        + r.workId()
                        + r.leaseExpiresAt().map(t -> " until " + t).orElse(""));
    }

    static List<ToolSpec> all() {
        String work = prop("work_id", "string", "the work item's id");
        String agent = prop("agent", "string", "the agent's name");
        return List.of(
                ToolSpec.writing(
                        "claim_work",
                        "Claim a work item for an agent before working on it. Exactly one of"
                                + " several agents claiming the same item wins; the others are told who holds it.",
                        schema(
                                work + "," + agent + ","
                                        + prop(
                                                "lease_seconds",
                                                "integer",
                                                "how long the claim holds without renewal; absent: until released"),
                                "work_id",
                                "agent"),
                        guarded((a, c) -> {
                            long lease = a.integer("lease_seconds", 0, 0, 366L * 24 * 3600);
                            return claim(agents(c)
                                    .claimWork(
                                            a.string("work_id"),
                                            a.string("agent"),
                                            lease == 0 ? null : Duration.ofSeconds(lease)));
                        })),
                ToolSpec.writing(
                        "release_work",
                        "End an agent's claim on a work item: completed, or abandoned (back"
                                + " to pending for others).",
                        schema(
                                work + "," + agent + "," + prop("outcome", "string", "completed or abandoned") + ","
                                        + prop("reason", "string", "why"),
                                "work_id",
                                "agent",
                                "outcome"),
                        guarded((a, c) -> {
                            ReleaseResult r = agents(c)
                                    .releaseWork(
                                            a.string("work_id"),
                                            a.string("agent"),
                                            a.string("outcome"),
                                            a.optionalString("reason").orElse(null));
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("released", r.released());
                            m.put("work_id", r.workId());
                            m.put("status", r.status());
                            m.put("holder", r.holder().orElse(null));
                            return new ToolResult(
                                    m,
                                    (r.released() ? "released " : "not released ") + r.workId() + " (" + r.status()
                                            + ")"
                                            + r.holder()
                                                    .map(h -> ", held by " + h)
                                                    .orElse(""));
                        })),
                ToolSpec.writing(
                        "handoff_work",
                        "Hand a work item to another agent with the reason and the context" + " it needs.",
                        schema(
                                work + "," + prop("from_agent", "string", "the agent handing off") + ","
                                        + prop("to_agent", "string", "the agent receiving") + ","
                                        + prop(
                                                "reason",
                                                "string",
                                                "capability_mismatch, timeout, blocked or delegation")
                                        + "," + prop("context", "string", "what the receiver needs to know"),
                                "work_id",
                                "from_agent",
                                "to_agent",
                                "reason"),
                        guarded((a, c) -> claim(agents(c)
                                .handoffWork(
                                        a.string("work_id"),
                                        a.string("from_agent"),
                                        a.string("to_agent"),
                                        a.string("reason"),
                                        a.optionalString("context").orElse(null))))),
                ToolSpec.reading(
                        "check_conflicts",
                        "Before editing a file: open conflicts on it, agents holding work"
                                + " on it, and other sessions' edits of it in the last 30 minutes.",
                        schema(prop("target_path", "string", "the file about to be edited"), "target_path"),
                        guarded((a, c) -> {
                            List<Map<String, Object>> list = new ArrayList<>();
                            StringBuilder text = new StringBuilder();
                            for (ConflictCheck k : agents(c).checkConflicts(a.string("target_path"))) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("kind", k.kind());
                                m.put("party", k.party());
                                m.put("other", k.other().orElse(null));
                                m.put(
                                        "seen_at",
                                        k.seenAt() == null ? null : k.seenAt().toString());
                                m.put("detail", k.detail());
                                list.add(m);
                                text.append(k.kind())
                                        .append(": ")
                                        .append(k.party())
                                        .append(' ')
                                        .append(k.detail())
                                        .append('\n');
                            }
                            return new ToolResult(
                                    Map.of("conflicts", list), list.isEmpty() ? "no conflicts" : text.toString());
                        })),
                ToolSpec.reading(
                        "suggest_work_for_agent",
                        "Pending work nobody holds, best first for this agent"
                                + " (its capabilities, then the oldest).",
                        schema(agent + "," + prop("limit", "integer", "how many (default 10)"), "agent"),
                        guarded((a, c) -> rows("work", agents(c).suggestWorkForAgent(a.string("agent"), (int)
                                a.integer("limit", 10, 1, 1000))))),
                ToolSpec.reading(
                        "list_work",
                        "Work items with their current status.",
                        schema(prop(
                                "status",
                                "string",
                                "pending, assigned, in_progress, completed, blocked or abandoned; absent: all")),
                        guarded((a, c) -> rows(
                                "work",
                                agents(c).listWork(a.optionalString("status").orElse(null))))),
                ToolSpec.writing(
                        "create_flag",
                        "Tell other modules about a change that affects them (not for errors).",
                        schema(
                                prop(
                                                "flag_type",
                                                "string",
                                                "change, new_feature, refactor, deprecation, breaking_change,"
                                                        + " enhancement or maintenance")
                                        + "," + prop("source_module", "string", "the module that changed")
                                        + "," + prop("source_agent", "string", "the agent creating the flag") + ","
                                        + "\"affected_modules\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                                        + "\"description\":\"the modules affected\"},"
                                        + prop("change_description", "string", "what changed") + ","
                                        + prop("action_required", "string", "what the affected modules must do")
                                        + "," + prop("impact_level", "string", "low, medium, high or critical") + ","
                                        + prop("code_location", "string", "file:line") + ","
                                        + prop("example_usage", "string", "how to use the change"),
                                "flag_type",
                                "affected_modules",
                                "change_description",
                                "impact_level"),
                        guarded((a, c) -> {
                            Flag.Builder b = Flag.builder()
                                    .type(a.string("flag_type"))
                                    .source(
                                            a.optionalString("source_module").orElse(null),
                                            a.optionalString("source_agent").orElse(null))
                                    .change(
                                            a.string("change_description"),
                                            a.optionalString("action_required").orElse(null))
                                    .impact(a.string("impact_level"))
                                    .codeLocation(
                                            a.optionalString("code_location").orElse(null))
                                    .exampleUsage(
                                            a.optionalString("example_usage").orElse(null));
                            for (Object m : a.list("affected_modules")) {
                                b.affects(String.valueOf(m));
                            }
                            UUID id = agents(c).createFlag(b.build());
                            return new ToolResult(Map.of("flag_id", id.toString()), "flag " + id);
                        })),
                ToolSpec.reading(
                        "list_flags",
                        "Flags (inter-module change notices), by affected module and status.",
                        schema(prop("module", "string", "only flags affecting this module (its own status)") + ","
                                + prop("status", "string", "pending, acknowledged, in_progress, completed or skipped")),
                        guarded((a, c) -> rows(
                                "flags",
                                agents(c)
                                        .listFlags(
                                                a.optionalString("module").orElse(null),
                                                a.optionalString("status").orElse(null))))),
                ToolSpec.writing(
                        "update_flag",
                        "Move a flag forward for one affected module (or the whole flag).",
                        schema(
                                prop("flag_id", "string", "the flag's id") + ","
                                        + prop("module", "string", "the affected module; absent: the flag as a whole")
                                        + ","
                                        + prop("status", "string", "acknowledged, in_progress, completed or skipped")
                                        + "," + agent + ","
                                        + prop("notes", "string", "notes"),
                                "flag_id",
                                "status"),
                        guarded((a, c) -> {
                            agents(c)
                                    .updateFlag(
                                            uuid(a, "flag_id"),
                                            a.optionalString("module").orElse(null),
                                            a.string("status"),
                                            a.optionalString("agent").orElse(null),
                                            a.optionalString("notes").orElse(null));
                            return new ToolResult(Map.of("updated", true), "updated");
                        })),
                ToolSpec.reading(
                        "list_todos",
                        "Todos by filter: all, pending, in_progress, completed, blocked, today,"
                                + " overdue, week, assigned, unassigned, high, synced, delegated.",
                        schema(prop("filter", "string", "one of the filters; absent: all")),
                        guarded((a, c) -> rows(
                                "todos",
                                agents(c).listTodos(a.optionalString("filter").orElse(null))))),
                ToolSpec.writing(
                        "update_todo",
                        "Record a todo's new status (and hours spent, or why it is blocked).",
                        schema(
                                prop("todo_id", "string", "the todo's id") + ","
                                        + prop(
                                                "status",
                                                "string",
                                                "pending, in_progress, completed, blocked or cancelled")
                                        + "," + agent + ","
                                        + prop("actual_hours", "number", "hours spent so far") + ","
                                        + prop("blocked_reason", "string", "why it is blocked"),
                                "todo_id",
                                "status"),
                        guarded((a, c) -> {
                            agents(c)
                                    .updateTodo(
                                            uuid(a, "todo_id"),
                                            a.string("status"),
                                            a.optionalString("agent").orElse(null),
                                            a.has("actual_hours") ? a.number("actual_hours", 0) : null,
                                            a.optionalString("blocked_reason").orElse(null));
                            return new ToolResult(Map.of("updated", true), "updated");
                        })));
    }
}
