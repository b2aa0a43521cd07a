package io.agentstore.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.spi.ToolResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a Claude Code hook answers besides spooling its payload. {@code PreToolUse}: the dangerous-operation rules
 * are applied first, without opening the database, so a deny holds when the store is locked, damaged or missing;
 * otherwise, when this tool failed on this file (or this Bash command failed) in recent sessions, the earlier error
 * is given as {@code additionalContext}. {@code SessionStart} (startup, resume, compact): a short resume context for
 * the project. {@code TeammateIdle}: the pending work nobody holds, best first for that teammate (agents module), as
 * a {@code systemMessage}. Context is best effort: on any failure nothing is printed and the reason goes to the owner-only
 * {@value #LOG_NAME} beside the database.
 */
public final class HookAnswers {
    /** The hook log beside the database. */
    public static final String LOG_NAME = "hook.log";
    /** The longest context printed. */
    public static final int MAX_CONTEXT = 4_000;

    private static final Set<String> SESSION_SOURCES = Set.of("startup", "resume", "compact");
    private static final Set<String> FILE_TOOLS = Set.of("Edit", "MultiEdit", "Write", "Read", "NotebookEdit");
    private static final long MAX_LOG_BYTES = 1024 * 1024;

    private final Path database;
    private final Supplier<StoreAccess> access;

    private HookAnswers(Path database, Supplier<StoreAccess> access) {
        this.database = database;
        this.access = access;
    }

    /** The answers for hooks of this database, reaching it through {@code access} when context is wanted. */
    public static HookAnswers forDatabase(Path database, Supplier<StoreAccess> access) {
        return new HookAnswers(database.toAbsolutePath().normalize(), access);
    }

    /**
     * The rules' verdict on a payload, reached without opening the database.
     *
     * @param output  what to print: the deny JSON, or empty
     * @param spooled the payload to spool: the payload itself, or, for a denied call, with
     *                {@code agent_store_blocked} added (rule and reason)
     */
    public record Decision(Optional<String> output, byte[] spooled) {
        /** Whether the call is denied. */
        public boolean denied() {
            return output.isPresent();
        }
    }

    /** Applies the dangerous-operation rules to a {@code PreToolUse} payload; never throws. */
    public Decision decide(byte[] payload) {
        try {
            JsonNode p = Jsons.MAPPER.readTree(payload);
            if (p == null || !"PreToolUse".equals(p.path("hook_event_name").asText())) {
                return new Decision(Optional.empty(), payload);
            }
            DangerRules rules;
            try {
                rules = DangerRules.besideDatabase(database);
            } catch (RuntimeException e) {
                log("PreToolUse", "rules file unusable, the defaults apply: " + e.getMessage());
                rules = DangerRules.defaults();
            }
            Optional<DangerRules.Rule> rule = rules.match(p.path("tool_name").asText(), p.get("tool_input"));
            if (rule.isEmpty()) {
                return new Decision(Optional.empty(), payload);
            }
            Map<String, Object> specific = new LinkedHashMap<>();
            specific.put("hookEventName", "PreToolUse");
            specific.put("permissionDecision", "deny");
            specific.put(
                    "permissionDecisionReason",
                    "agent-store rule " + rule.get().id() + ": " + rule.get().reason());
            String out = Jsons.MAPPER.writeValueAsString(Map.of("hookSpecificOutput", specific));
            ObjectNode marked = ((ObjectNode) p).deepCopy();
            marked.putObject("agent_store_blocked")
                    .put("rule", rule.get().id())
                    .put("reason", rule.get().reason());
            return new Decision(Optional.of(out), Jsons.MAPPER.writeValueAsBytes(marked));
        } catch (IOException | RuntimeException e) {
            log("hook", "payload not understood: " + e.getMessage());
            return new Decision(Optional.empty(), payload);
        }
    }

    /**
     * The context a payload asks for ({@code SessionStart}: resume context; {@code PreToolUse}: an earlier failure
     * of the same call), as the JSON to print; empty when there is none or anything fails (then logged).
     */
    public Optional<String> context(byte[] payload) {
        String event = "hook";
        try {
            JsonNode p = Jsons.MAPPER.readTree(payload);
            event = p.path("hook_event_name").asText("hook");
            boolean session = event.equals("SessionStart")
                    && (p.path("source").isMissingNode()
                            || SESSION_SOURCES.contains(p.path("source").asText()));
            boolean tool = event.equals("PreToolUse");
            if (event.equals("TeammateIdle")) {
                return teammateIdle(p).output();
            }
            if (!session && !tool) {
                return Optional.empty();
            }
            if (!Files.exists(database)) {
                log(event, "no database at " + database);
                return Optional.empty();
            }
            Optional<String> text = session ? sessionContext(p.path("cwd").asText("")) : earlierFailure(p);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            String t = text.get();
            if (t.length() > MAX_CONTEXT) {
                t = t.substring(0, MAX_CONTEXT - 15) + "\n[... cut here]";
            }
            Map<String, Object> specific = new LinkedHashMap<>();
            specific.put("hookEventName", event);
            specific.put("additionalContext", t);
            return Optional.of(Jsons.MAPPER.writeValueAsString(Map.of("hookSpecificOutput", specific)));
        } catch (IOException | RuntimeException | LinkageError e) {
            log(event, e.getClass().getSimpleName() + ": " + StoreOpening.firstLine(String.valueOf(e.getMessage())));
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ TeammateIdle

    /**
     * {@code TeammateIdle}: the pending work nobody holds, best first for that teammate (the agents module's
     * {@code suggest_work_for_agent}), as a {@code systemMessage}; empty when there is none or the agents module is
     * not installed. Exit 0 keeps the teammate's idling as it is (only exit 2 would keep it working, and a hook
     * never fails the agent): the message shows what it could take up.
     */
    /**
     * The answer to a payload and the payload to spool, for the hooks whose answer is recorded with them: a {@code
     * TeammateIdle} payload is spooled with {@code agent_store_suggested}, the work ids the answer suggested (an empty
     * array when it suggested none), so that the idle's fact says whether work was suggested and which. Any other
     * payload: {@link #context(byte[])}, spooled as it is. Never throws; on a failure nothing is answered, the
     * payload is spooled as it came and the reason is logged.
     *
     * @param output  what to print, or empty
     * @param spooled the payload to spool
     */
    public record Answer(Optional<String> output, byte[] spooled) {}

    /** Whether the answer to this payload is recorded with it: then answer it with {@link #answer} before spooling. */
    public static boolean answeredBeforeSpooling(byte[] payload) {
        try {
            return "TeammateIdle"
                    .equals(Jsons.MAPPER
                            .readTree(payload)
                            .path("hook_event_name")
                            .asText());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** See {@link Answer}. */
    public Answer answer(byte[] payload) {
        try {
            JsonNode p = Jsons.MAPPER.readTree(payload);
            if (p == null
                    || !p.isObject()
                    || !"TeammateIdle".equals(p.path("hook_event_name").asText())) {
                return new Answer(context(payload), payload);
            }
            Suggestion s = teammateIdle(p);
            if (s.work() == null) {
                return new Answer(s.output(), payload);
            }
            ObjectNode marked = ((ObjectNode) p).deepCopy();
            s.work().forEach(marked.putArray("agent_store_suggested")::add);
            return new Answer(s.output(), Jsons.MAPPER.writeValueAsBytes(marked));
        } catch (IOException | RuntimeException | LinkageError e) {
            log(
                    "TeammateIdle",
                    e.getClass().getSimpleName() + ": " + StoreOpening.firstLine(String.valueOf(e.getMessage())));
            return new Answer(Optional.empty(), payload);
        }
    }

    /** What {@code TeammateIdle} answered: the output, and the work ids suggested (null when it could not look). */
    private record Suggestion(Optional<String> output, List<String> work) {}

    @SuppressWarnings("unchecked")
    private Suggestion teammateIdle(JsonNode p) throws IOException {
        String teammate = p.path("teammate_name").asText("");
        if (teammate.isBlank() || !Files.exists(database)) {
            return new Suggestion(Optional.empty(), null);
        }
        StoreAccess a = access.get();
        if (a.tools().stream().noneMatch(t -> t.name().equals("suggest_work_for_agent"))) {
            return new Suggestion(Optional.empty(), null);
        }
        ToolResult r = a.callTools(List.of(Map.entry("suggest_work_for_agent", Map.of("agent", teammate, "limit", 5))))
                .get(0);
        List<Map<String, Object>> work = (List<Map<String, Object>>) ((Map<String, Object>) r.structured()).get("work");
        if (work == null || work.isEmpty()) {
            return new Suggestion(Optional.empty(), List.of());
        }
        StringBuilder b = new StringBuilder("agent-store: pending work nobody holds, for ").append(teammate);
        for (Map<String, Object> w : work) {
            b.append("\n- ").append(w.get("work_id"));
            if (w.get("description") != null) {
                b.append(": ").append(w.get("description"));
            }
        }
        b.append("\n(claim one with the claim_work tool or 'agent-store work claim')");
        String t = b.length() > MAX_CONTEXT ? b.substring(0, MAX_CONTEXT - 15) + "\n[... cut here]" : b.toString();
        return new Suggestion(
                Optional.of(Jsons.MAPPER.writeValueAsString(Map.of("systemMessage", t))),
                work.stream().map(w -> String.valueOf(w.get("work_id"))).toList());
    }

    // ------------------------------------------------------------------------------------------------ SessionStart

    @SuppressWarnings("unchecked")
    private Optional<String> sessionContext(String cwd) {
        if (cwd.isBlank()) {
            return Optional.empty();
        }
        List<ToolResult> answers = access.get()
                .callTools(List.of(
                        Map.entry("resume_context", Map.of("project", cwd, "limit", 8)),
                        Map.entry("check_token_budget", Map.of("scope", "five_hour_window", "limit", 0))));
        Map<String, Object> r = (Map<String, Object>) answers.get(0).structured();
        Map<String, Object> s = (Map<String, Object>) r.get("session");
        if (s == null) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        b.append("agent-store: the last session in this project was ")
                .append(s.get("session_id"))
                .append(" (")
                .append(s.get("started_at"))
                .append(" to ")
                .append(s.get("ended_at"));
        if (s.get("git_branch") != null) {
            b.append(", branch ").append(s.get("git_branch"));
        }
        b.append("): ")
                .append(s.get("tool_calls"))
                .append(" tool calls, ")
                .append(s.get("failed_tool_calls"))
                .append(" failed, ")
                .append(s.get("files_modified"))
                .append(" files modified.\n");
        List<Map<String, Object>> actions = (List<Map<String, Object>>) r.get("actions");
        if (actions != null && !actions.isEmpty()) {
            b.append("What it was doing (latest first):\n");
            for (Map<String, Object> act : actions) {
                b.append("- ").append(act.get("tool_name"));
                if (act.get("target_path") != null) {
                    b.append(' ').append(act.get("target_path"));
                }
                b.append(Boolean.FALSE.equals(act.get("is_success")) ? " FAILED" : "")
                        .append('\n');
            }
        }
        List<Map<String, Object>> todos = (List<Map<String, Object>>) r.get("unfinished_todos");
        if (todos != null && !todos.isEmpty()) {
            b.append("Unfinished todos:\n");
            todos.forEach(t -> b.append("- [")
                    .append(t.get("status"))
                    .append("] ")
                    .append(t.get("content"))
                    .append('\n'));
        }
        List<Map<String, Object>> failures = (List<Map<String, Object>>) r.get("recent_failures");
        if (failures != null && !failures.isEmpty()) {
            b.append("Recent failures:\n");
            for (Map<String, Object> f : failures) {
                b.append("- ").append(f.get("tool_name"));
                Object what = f.get("command") != null ? f.get("command") : f.get("target_path");
                if (what != null) {
                    b.append(' ').append(cut(String.valueOf(what), 160));
                }
                b.append(" (").append(f.get("error_type")).append(")\n");
            }
        }
        lastSummary(String.valueOf(s.get("session_id"))).ifPresent(b::append);
        breakingSince(String.valueOf(s.get("ended_at"))).ifPresent(b::append);
        try {
            Map<String, Object> w = (Map<String, Object>) answers.get(1).structured();
            Object used = w.get("used");
            if (used instanceof Number n && new BigDecimal(n.toString()).signum() > 0) {
                b.append(String.format(
                        Locale.ROOT,
                        "Current 5-hour usage window: %,d tokens used, ends %s.%n",
                        n.longValue(),
                        w.get("period_end")));
            } else {
                b.append("Current 5-hour usage window: nothing used yet.\n");
            }
        } catch (RuntimeException e) {
            log("SessionStart", "no budget position: " + e.getMessage());
        }
        return Optional.of(b.toString().stripTrailing());
    }

    /**
     * The BREAKING changes of watched dependencies (the cdc module's {@code get_breaking_changes}) detected since the
     * last session ended that affect registered components; empty when there are none or cdc is not installed.
     */
    @SuppressWarnings("unchecked")
    private Optional<String> breakingSince(String since) {
        try {
            StoreAccess a = access.get();
            if (a.tools().stream().noneMatch(t -> t.name().equals("get_breaking_changes"))) {
                return Optional.empty();
            }
            Map<String, Object> r = (Map<String, Object>)
                    a.callTools(List.of(Map.entry("get_breaking_changes", Map.of("since", since))))
                            .get(0)
                            .structured();
            List<Map<String, Object>> changes = ((List<Map<String, Object>>) r.get("changes"))
                    .stream()
                            .filter(c -> c.get("affected_components") instanceof List<?> l && !l.isEmpty())
                            .toList();
            if (changes.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder b = new StringBuilder("BREAKING changes in watched dependencies since the last session:\n");
            changes.stream()
                    .limit(5)
                    .forEach(c -> b.append("- ")
                            .append(c.get("rule_id"))
                            .append(c.get("method") == null ? "" : " " + c.get("method"))
                            .append(c.get("subject") == null ? "" : " " + cut(String.valueOf(c.get("subject")), 120))
                            .append(" (")
                            .append(c.get("source_name"))
                            .append("): affects ")
                            .append(String.join(", ", (List<String>) c.get("affected_components")))
                            .append('\n'));
            if (changes.size() > 5) {
                b.append("- ... and ")
                        .append(changes.size() - 5)
                        .append(" more (agent-store cdc changes --breaking)\n");
            }
            return Optional.of(b.toString());
        } catch (RuntimeException e) {
            log("SessionStart", "no cdc changes: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The summary the agent (or the mechanical summary) left for the last session of the project, when the memory
     * module is installed: its title, pending items and the next session's priority.
     */
    private static final String LAST_SUMMARY = """
            SELECT title, CAST(pending AS VARCHAR) AS pending, next_session_priority, session_id
            FROM v_session_summaries
            WHERE session_id = ? OR project = (SELECT project FROM dim_session WHERE session_id = ?)
            ORDER BY least(occurred_at, recorded_at + INTERVAL 1 DAY) DESC
            LIMIT 1""";

    private Optional<String> lastSummary(String sessionId) {
        SqlAnswer a;
        try {
            a = access.get().sql(LAST_SUMMARY, List.of(sessionId, sessionId), 1, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // the memory module is not installed in this store: no summary to show
            return Optional.empty();
        }
        if (a.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Object> r = a.rows().get(0);
        StringBuilder b = new StringBuilder("Summary of session ").append(r.get(3));
        if (r.get(0) != null) {
            b.append(": ").append(cut(String.valueOf(r.get(0)), 200));
        }
        b.append('\n');
        if (r.get(1) != null) {
            JsonNode pending;
            try {
                pending = Jsons.MAPPER.readTree(String.valueOf(r.get(1)));
            } catch (java.io.IOException | RuntimeException e) {
                pending = null;
            }
            if (pending != null && pending.isArray() && !pending.isEmpty()) {
                b.append("Pending from it:\n");
                pending.forEach(p -> b.append("- ").append(cut(p.asText(), 300)).append('\n'));
            }
        }
        if (r.get(2) != null) {
            b.append("Next session's priority: ")
                    .append(cut(String.valueOf(r.get(2)), 300))
                    .append('\n');
        }
        return Optional.of(b.toString());
    }

    // ------------------------------------------------------------------------------------------------ PreToolUse

    private static final String FILE_FAILURE = """
            SELECT occurred_at, session_id, error_type, json_extract_string(attributes, '$.error') AS error
            FROM v_tool_calls
            WHERE tool_name = ? AND target_path = ? AND NOT is_success AND NOT is_superseded
            ORDER BY occurred_at DESC LIMIT 1""";

    private static final String COMMAND_FAILURE = """
            SELECT occurred_at, session_id, error_type, json_extract_string(attributes, '$.error') AS error
            FROM v_tool_calls
            WHERE tool_name = 'Bash' AND json_extract_string(attributes, '$.input.command') = ?
              AND NOT is_success AND NOT is_superseded
            ORDER BY occurred_at DESC LIMIT 1""";

    private Optional<String> earlierFailure(JsonNode p) {
        String tool = p.path("tool_name").asText();
        JsonNode input = p.path("tool_input");
        SqlAnswer a;
        String what;
        if (tool.equals("Bash") && input.path("command").isTextual()) {
            what = "the command `" + cut(input.path("command").asText(), 200) + "`";
            a = access.get().sql(COMMAND_FAILURE, List.of(input.path("command").asText()), 1, Duration.ofSeconds(5));
        } else if (FILE_TOOLS.contains(tool) && input.path("file_path").isTextual()) {
            what = tool + " on " + input.path("file_path").asText();
            a = access.get()
                    .sql(FILE_FAILURE, List.of(tool, input.path("file_path").asText()), 1, Duration.ofSeconds(5));
        } else {
            return Optional.empty();
        }
        if (a.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Object> r = a.rows().get(0);
        String error = r.get(3) == null ? String.valueOf(r.get(2)) : cut(String.valueOf(r.get(3)), 1_500);
        return Optional.of("agent-store: " + what + " failed before (" + r.get(0) + ", session " + r.get(1) + ", "
                + r.get(2) + "). The error then:\n" + error);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /**
     * The store's redaction (what {@code StoreContext.redaction()} gives its modules): the default secret rules keyed
     * with the key beside the database; the unkeyed defaults when that key cannot be read or created.
     */
    private io.agentstore.spi.Redaction redaction() {
        try {
            return io.agentstore.spi.Redaction.forDatabase(database);
        } catch (RuntimeException e) {
            return io.agentstore.spi.Redaction.defaults();
        }
    }

    /**
     * Appends a line, redacted by the store's keyed secret rules ({@code [REDACTED:<type>:<hash>]}, the placeholder
     * the stored facts carry for the same secret), to the owner-only hook log beside the database (kept under 1 MiB);
     * never throws.
     */
    public void log(String event, String message) {
        try {
            Path folder = database.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                return;
            }
            Path log = folder.resolve(LOG_NAME);
            if (!Files.exists(log)) {
                try {
                    Files.createFile(
                            log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // created meanwhile by another hook
                }
            } else if (Files.size(log) > MAX_LOG_BYTES) {
                Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            }
            StringWriter w = new StringWriter();
            // the reason may quote a command or a path: it passes the store's keyed redaction first (the key beside
            // the database), so a secret becomes the same placeholder the stored facts carry for it
            String line = redaction().redact(message.replace('\n', ' '));
            new PrintWriter(w).printf("%s %s %s%n", Instant.now(), event, line).flush();
            Files.write(log, w.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // nowhere left to report; a hook never fails
        }
    }
}
