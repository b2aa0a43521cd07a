package io.agentstore.core;

import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import io.agentstore.spi.ToolArgumentException;
import io.agentstore.spi.ToolArguments;
import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.spi.ToolValues;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of the core module (agent memory): what was tried on a file, which approaches worked, the history
 * of a decision, recent actions, where the last session stopped, and which agent is best at a task type.
 * Each is answered by the {@link CoreFacade} recall methods or the reference queries of
 * {@code sql/queries/core/}.
 */
public final class CoreTools {
    private static final int MAX_LIMIT = 500;
    private static final int MAX_PATH_CANDIDATES = 20;

    private CoreTools() {}

    /** Every core tool. */
    public static List<ToolSpec> all() {
        return List.of(
                recallPreviousAttempts(),
                successfulApproaches(),
                decisionHistory(),
                recentActions(),
                resumeContext(),
                bestAgentFor());
    }

    // ------------------------------------------------------------------------------------------------ tools

    static ToolSpec recallPreviousAttempts() {
        return ToolSpec.reading(
                "recall_previous_attempts",
                "What was tried on a file before: the latest tool calls on it (tool, action, success, error, session, "
                        + "task), newest first. Call it before editing a file that may have been worked on in earlier "
                        + "sessions, to avoid repeating what failed.",
                """
                {"type":"object","properties":{
                  "file_path":{"type":"string","description":"The file: absolute, relative to the project, or starting with ~. A relative path also matches every recorded path ending with it."},
                  "project":{"type":"string","description":"Optional project folder a relative file_path is resolved against (usually the working directory)."},
                  "task_type":{"type":"string","description":"Optional: only attempts made for tasks of this type (for example bugfix, feature)."},
                  "limit":{"type":"integer","minimum":1,"maximum":500,"default":10,"description":"How many attempts at most."}},
                 "required":["file_path"],"additionalProperties":false}""",
                (args, ctx) -> {
                    int limit = limit(args, 10);
                    Optional<String> taskType = args.optionalString("task_type");
                    List<String> paths = filePaths(ctx, args.string("file_path"), args.optionalString("project"));
                    CoreFacade core = ctx.facade(CoreFacade.class);
                    List<PastAttempt> attempts = new ArrayList<>();
                    for (String p : paths) {
                        attempts.addAll(core.recallPreviousAttempts(p, taskType.isPresent() ? MAX_LIMIT : limit));
                    }
                    List<PastAttempt> chosen = attempts.stream()
                            .filter(a -> taskType.isEmpty()
                                    || a.task() != null
                                            && taskType.get().equals(a.task().type()))
                            .sorted(Comparator.comparing(
                                    PastAttempt::occurredAt, Comparator.nullsLast(Comparator.reverseOrder())))
                            .limit(limit)
                            .toList();
                    Map<String, Object> out = ToolValues.map("matched_paths", paths, "attempts", chosen);
                    return result(
                            chosen.isEmpty()
                                    ? "No earlier attempts on " + args.string("file_path")
                                    : "Earlier attempts on " + String.join(", ", paths),
                            out);
                });
    }

    static ToolSpec successfulApproaches() {
        return ToolSpec.reading(
                "get_successful_approaches",
                "Decisions that worked for tasks of a type: what was chosen, the alternatives and why, newest first. "
                        + "Call it when starting a task to reuse what succeeded before.",
                """
                {"type":"object","properties":{
                  "task_type":{"type":"string","description":"The task type, for example bugfix, feature, refactor."},
                  "limit":{"type":"integer","minimum":1,"maximum":500,"default":5,"description":"How many decisions at most."}},
                 "required":["task_type"],"additionalProperties":false}""",
                (args, ctx) -> {
                    List<Approach> approaches =
                            ctx.facade(CoreFacade.class).successfulApproaches(args.string("task_type"), limit(args, 5));
                    return result(
                            approaches.isEmpty()
                                    ? "No successful approaches recorded for task type " + args.string("task_type")
                                    : "Approaches that worked for " + args.string("task_type"),
                            ToolValues.map("task_type", args.string("task_type"), "approaches", approaches));
                });
    }

    static ToolSpec decisionHistory() {
        return ToolSpec.reading(
                "check_decision_history",
                "How decisions of a type (and, optionally, in the same context) turned out before: each decision with its "
                        + "chosen option, alternatives, rationale and outcome, newest first, and the outcomes counted per "
                        + "option. Call it before making a decision that was likely made before.",
                """
                {"type":"object","properties":{
                  "decision_type":{"type":"string","description":"The kind of decision, for example library_choice, retry_strategy."},
                  "context_hash":{"type":"string","description":"Optional hash of the decision's context: only decisions made in the same context."},
                  "limit":{"type":"integer","minimum":1,"maximum":500,"default":20,"description":"How many decisions at most."}},
                 "required":["decision_type"],"additionalProperties":false}""",
                (args, ctx) -> {
                    String type = args.string("decision_type");
                    String hash = args.optionalString("context_hash").orElse(null);
                    List<Map<String, Object>> decisions = new ArrayList<>();
                    for (Row r : ctx.sql(
                                    "SELECT occurred_at, session_id, agent_name, task_id, task_type, decision_type,"
                                            + " context_hash, option_chosen, alternatives, rationale, outcome, is_retried FROM v_decisions"
                                            + " WHERE decision_type = ? AND (CAST(? AS VARCHAR) IS NULL OR context_hash = ?)"
                                            + " AND NOT is_superseded ORDER BY occurred_at DESC, event_id LIMIT ?",
                                    type,
                                    hash,
                                    hash,
                                    limit(args, 20))
                            .rows()) {
                        decisions.add(row(r));
                    }
                    List<Map<String, Object>> outcomes = new ArrayList<>();
                    for (Row r : ctx.sql(
                                    "SELECT option_chosen, outcome, count(*) AS decisions FROM v_decisions"
                                            + " WHERE decision_type = ? AND (CAST(? AS VARCHAR) IS NULL OR context_hash = ?)"
                                            + " AND NOT is_superseded GROUP BY ALL ORDER BY decisions DESC, option_chosen, outcome",
                                    type,
                                    hash,
                                    hash)
                            .rows()) {
                        outcomes.add(row(r));
                    }
                    return result(
                            decisions.isEmpty()
                                    ? "No decisions of type " + type + " recorded"
                                    : "Decisions of type " + type,
                            ToolValues.map(
                                    "decision_type",
                                    type,
                                    "context_hash",
                                    hash,
                                    "outcomes",
                                    outcomes,
                                    "decisions",
                                    decisions));
                });
    }

    static ToolSpec recentActions() {
        return ToolSpec.reading(
                "get_recent_actions",
                "The latest tool calls, newest first: of one session, or of all sessions when none is given.",
                """
                {"type":"object","properties":{
                  "session_id":{"type":"string","description":"Optional session id; all sessions when absent."},
                  "limit":{"type":"integer","minimum":1,"maximum":500,"default":20,"description":"How many actions at most."}},
                 "additionalProperties":false}""",
                (args, ctx) -> {
                    int limit = limit(args, 20);
                    Optional<String> session = args.optionalString("session_id");
                    List<Map<String, Object>> actions = new ArrayList<>();
                    if (session.isPresent()) {
                        for (ToolCall c : ctx.facade(CoreFacade.class).recentActions(session.get(), limit)) {
                            actions.add(action(c));
                        }
                    } else {
                        for (Row r : ctx.sql(
                                        "SELECT occurred_at, session_id, agent_name, task_id, task_type, tool_name,"
                                                + " target_path, action_type, is_success, error_type, duration_ms FROM v_tool_calls"
                                                + " WHERE NOT is_superseded ORDER BY occurred_at DESC, event_id LIMIT ?",
                                        limit)
                                .rows()) {
                            actions.add(row(r));
                        }
                    }
                    return result(
                            actions.isEmpty() ? "No actions recorded" : "Recent actions",
                            ToolValues.map("session_id", session.orElse(null), "actions", actions));
                });
    }

    static ToolSpec resumeContext() {
        return ToolSpec.reading(
                "resume_context",
                "Where work stopped: the last session (of a project, or a given session, or the most recent of all), "
                        + "what it was doing (its latest actions), its unfinished todos and its recent failures. Call it "
                        + "at the start of a session to continue where the previous one stopped.",
                """
                {"type":"object","properties":{
                  "session_id":{"type":"string","description":"Optional: this session."},
                  "project":{"type":"string","description":"Optional project folder (the working directory, absolute or with ~) or project name: its latest session."},
                  "limit":{"type":"integer","minimum":1,"maximum":500,"default":10,"description":"How many actions at most."}},
                 "additionalProperties":false}""",
                (args, ctx) -> {
                    int limit = limit(args, 10);
                    Optional<String> session = args.optionalString("session_id");
                    Optional<String> project = args.optionalString("project");
                    if (session.isPresent() && project.isPresent()) {
                        throw new ToolArgumentException("project", "give session_id or project, not both");
                    }
                    Optional<Row> summary;
                    if (session.isPresent()) {
                        summary = ctx.sql(SESSION_SUMMARY + " WHERE session_id = ?", session.get())
                                .single();
                        if (summary.isEmpty()) {
                            throw new ToolArgumentException(
                                    "session_id", "no session '" + session.get() + "' is recorded");
                        }
                    } else if (project.isPresent()) {
                        String dir = expandHome(project.get());
                        summary = ctx
                                .sql(
                                        SESSION_SUMMARY + " WHERE (working_dir = ? OR project = ? OR project = ?)"
                                                + " AND tool_calls > 0 ORDER BY ended_at DESC, session_id LIMIT 1",
                                        dir,
                                        dir,
                                        project.get())
                                .rows()
                                .stream()
                                .findFirst();
                    } else {
                        summary = ctx.sql(SESSION_SUMMARY + " WHERE session_id = (SELECT session_id FROM v_tool_calls"
                                        + " WHERE session_id IS NOT NULL ORDER BY occurred_at DESC, event_id LIMIT 1)")
                                .single();
                    }
                    if (summary.isEmpty()) {
                        return result(
                                "No earlier session"
                                        + project.map(p -> " in " + p).orElse(""),
                                ToolValues.map(
                                        "session",
                                        null,
                                        "actions",
                                        List.of(),
                                        "unfinished_todos",
                                        List.of(),
                                        "recent_failures",
                                        List.of()));
                    }
                    String id = summary.get().string("session_id");
                    List<Map<String, Object>> actions = new ArrayList<>();
                    for (ToolCall c : ctx.facade(CoreFacade.class).recentActions(id, limit)) {
                        actions.add(action(c));
                    }
                    Map<String, Object> out = ToolValues.map(
                            "session",
                            row(summary.get()),
                            "actions",
                            actions,
                            "unfinished_todos",
                            unfinishedTodos(ctx, id),
                            "recent_failures",
                            failures(ctx, id, 5));
                    return result("Last session " + id, out);
                });
    }

    static ToolSpec bestAgentFor() {
        return ToolSpec.reading(
                "best_agent_for",
                "Agents ranked by how well they did tasks of a type: success rate, then test pass rate, then volume. "
                        + "Call it to choose which agent (or sub-agent) to hand a task to.",
                """
                {"type":"object","properties":{
                  "task_type":{"type":"string","description":"The task type, for example bugfix, feature, refactor."}},
                 "required":["task_type"],"additionalProperties":false}""",
                (args, ctx) -> {
                    List<AgentScore> agents = ctx.facade(CoreFacade.class).bestAgentsFor(args.string("task_type"));
                    return result(
                            agents.isEmpty()
                                    ? "No task outcomes recorded for task type " + args.string("task_type")
                                    : "Agents for " + args.string("task_type"),
                            ToolValues.map("task_type", args.string("task_type"), "agents", agents));
                });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final String SESSION_SUMMARY = "SELECT session_id, project, working_dir, git_branch, started_at,"
            + " ended_at, tool_calls, failed_tool_calls, api_calls, total_tokens, files_modified, errors"
            + " FROM v_session_summary";

    /** The todos of the session's latest TodoWrite call that are not completed. */
    private static List<Map<String, Object>> unfinishedTodos(StoreContext ctx, String sessionId) {
        Optional<Row> last = ctx.sql(
                        "SELECT attributes FROM v_tool_calls WHERE session_id = ? AND tool_name = 'TodoWrite'"
                                + " AND NOT is_superseded ORDER BY occurred_at DESC, event_id LIMIT 1",
                        sessionId)
                .single();
        List<Map<String, Object>> open = new ArrayList<>();
        if (last.isEmpty()) {
            return open;
        }
        Map<String, Object> attrs = last.get().jsonObject("attributes");
        Object input = attrs == null ? null : attrs.get("input");
        Object todos = input instanceof Map<?, ?> m ? m.get("todos") : null;
        if (todos instanceof List<?> l) {
            for (Object t : l) {
                if (t instanceof Map<?, ?> todo && !"completed".equals(todo.get("status"))) {
                    open.add(ToolValues.map("content", todo.get("content"), "status", todo.get("status")));
                }
            }
        }
        return open;
    }

    private static List<Map<String, Object>> failures(StoreContext ctx, String sessionId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : ctx.sql(
                        "SELECT occurred_at, tool_name, target_path, error_type, attributes FROM v_tool_calls"
                                + " WHERE session_id = ? AND NOT is_success AND NOT is_superseded ORDER BY occurred_at DESC, event_id"
                                + " LIMIT ?",
                        sessionId,
                        limit)
                .rows()) {
            Map<String, Object> attrs = r.jsonObject("attributes");
            out.add(ToolValues.map(
                    "occurred_at",
                    r.instant("occurred_at"),
                    "tool_name",
                    r.string("tool_name"),
                    "target_path",
                    r.string("target_path"),
                    "error_type",
                    r.string("error_type"),
                    "command",
                    commandOf(attrs)));
        }
        return out;
    }

    private static String commandOf(Map<String, Object> attrs) {
        Object input = attrs == null ? null : attrs.get("input");
        Object cmd = input instanceof Map<?, ?> m ? m.get("command") : null;
        return cmd == null ? null : String.valueOf(cmd);
    }

    private static Map<String, Object> action(ToolCall c) {
        return ToolValues.map(
                "occurred_at",
                c.occurredAt(),
                "session_id",
                c.sessionId(),
                "agent_name",
                c.agent() == null ? null : c.agent().name(),
                "task_type",
                c.task() == null ? null : c.task().type(),
                "tool_name",
                c.toolName(),
                "target_path",
                c.targetPath(),
                "action_type",
                c.actionType(),
                "is_success",
                c.success(),
                "error_type",
                c.errorType(),
                "duration_ms",
                c.durationMs());
    }

    /** A row as a map, columns in order, values JSON-shaped. */
    static Map<String, Object> row(Row r) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        List<String> cols = r.columns();
        for (int i = 0; i < cols.size(); i++) {
            out.put(cols.get(i), ToolValues.json(r.get(i)));
        }
        return out;
    }

    private static int limit(ToolArguments args, int fallback) {
        return (int) args.integer("limit", fallback, 1, MAX_LIMIT);
    }

    private static ToolResult result(String heading, Map<String, Object> structured) {
        return new ToolResult(structured, ToolValues.text(heading, structured));
    }

    /** {@code ~} and {@code ~/...} with the user's home folder ($HOME, else user.home). */
    static String expandHome(String path) {
        String p = path.trim();
        if (p.equals("~") || p.startsWith("~/")) {
            String home = System.getenv("HOME");
            if (home == null || home.isBlank()) {
                home = System.getProperty("user.home");
            }
            return home + p.substring(1);
        }
        return p;
    }

    /**
     * The recorded paths a file argument means: an absolute path (after {@code ~}) as it is, normalized; a relative
     * one resolved against the project when given, else every recorded path that is it or ends with {@code /<path>}.
     */
    static List<String> filePaths(StoreContext ctx, String filePath, Optional<String> project) {
        String expanded = expandHome(filePath);
        Path p;
        try {
            p = Path.of(expanded);
        } catch (InvalidPathException e) {
            throw new ToolArgumentException("file_path", "file_path is not a path: '" + filePath + "'");
        }
        Set<String> out = new LinkedHashSet<>();
        if (p.isAbsolute()) {
            out.add(p.normalize().toString());
            if (!p.normalize().toString().equals(expanded)) {
                out.add(expanded);
            }
            return List.copyOf(out);
        }
        String rel = p.normalize().toString();
        if (rel.isEmpty() || rel.startsWith("..")) {
            throw new ToolArgumentException(
                    "file_path", "file_path must name a file inside the project, was '" + filePath + "'");
        }
        if (project.isPresent()) {
            Path base = Path.of(expandHome(project.get()));
            if (!base.isAbsolute()) {
                throw new ToolArgumentException(
                        "project", "project must be an absolute folder (or start with ~), was '" + project.get() + "'");
            }
            out.add(base.resolve(rel).normalize().toString());
            return List.copyOf(out);
        }
        for (Row r : ctx.sql(
                        "SELECT DISTINCT file_path FROM dim_file WHERE file_path = ? OR ends_with(file_path, ?)"
                                + " ORDER BY file_path LIMIT ?",
                        rel,
                        "/" + rel,
                        MAX_PATH_CANDIDATES)
                .rows()) {
            out.add(r.string("file_path"));
        }
        if (out.isEmpty()) {
            out.add(rel);
        }
        return List.copyOf(out);
    }
}
