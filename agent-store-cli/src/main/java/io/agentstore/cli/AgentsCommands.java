package io.agentstore.cli;

import io.agentstore.mcp.StoreAccess;
import io.agentstore.spi.Json;
import io.agentstore.spi.ToolResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store work|todos|flags}: the agents module's work items and claims, todos and flags. Every
 * subcommand is a call of the module's tool of the same purpose through {@link StoreAccess}: forwarded to
 * {@code agent-store serve} when it runs (so a claim from the command line races fairly with every other
 * process), else on the file opened for that call.
 */
final class AgentsCommands {
    private AgentsCommands() {}

    /** Options every subcommand shares: the database and the output format. */
    static final class Common {
        @Mixin
        StoreOptions store;

        @Option(names = "--json", description = "Print the tool's structured answer as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        /** Calls {@code tool} and prints its answer; returns the answer. */
        ToolResult call(String tool, Map<String, Object> arguments) {
            StoreAccess access = Access.of(store, store.lockWait);
            if (access.tools().stream().noneMatch(t -> t.name().equals(tool))) {
                throw new IllegalStateException("the agents module is not installed in " + store.database()
                        + "; install it with" + " 'agent-store init --module agents'");
            }
            ToolResult r = access.callTool(tool, arguments);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.write(r.structured()) : r.text());
            out.flush();
            return r;
        }
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }

    /** {@code agent-store work}. */
    @Command(
            name = "work",
            mixinStandardHelpOptions = true,
            description = {
                "Work items and claims (the agents module): list, claim, release, suggest.",
                "A claim is decided in the store's writer transaction (through agent-store serve when it runs):"
                        + " of several agents claiming one item exactly one gets it; the others are told who holds"
                        + " it (exit code 3)."
            },
            subcommands = {WorkList.class, WorkClaim.class, WorkRelease.class, WorkSuggest.class})
    static final class Work {}

    /** {@code work list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Work items with their current status.")
    static final class WorkList implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                description = "pending, assigned, in_progress, completed, blocked or abandoned (default: all).")
        String status;

        @Override
        public Integer call() {
            common.call("list_work", args("status", status));
            return 0;
        }
    }

    /** {@code work claim}. */
    @Command(
            name = "claim",
            mixinStandardHelpOptions = true,
            description = "Claim a work item for an agent: exit 0 when claimed, 3 when another agent holds it.")
    static final class WorkClaim implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Parameters(index = "0", paramLabel = "WORK_ID", description = "The work item.")
        String work;

        @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "The claiming agent.")
        String agent;

        @Option(
                names = "--lease",
                paramLabel = "DURATION",
                converter = StoreOptions.DurationConverter.class,
                description = "How long the claim holds without renewal (15m, 2h; default: until released).")
        Duration lease;

        @Override
        public Integer call() {
            if (lease != null && (lease.isZero() || lease.isNegative())) {
                throw new IllegalArgumentException("--lease must be positive, was " + lease);
            }
            ToolResult r = common.call(
                    "claim_work",
                    args("work_id", work, "agent", agent, "lease_seconds", lease == null ? null : lease.toSeconds()));
            return Boolean.TRUE.equals(((Map<?, ?>) r.structured()).get("claimed")) ? 0 : 3;
        }
    }

    /** {@code work release}. */
    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            description = "End an agent's claim: completed, or abandoned (back to pending); exit 3 when it does"
                    + " not hold the item.")
    static final class WorkRelease implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Parameters(index = "0", paramLabel = "WORK_ID", description = "The work item.")
        String work;

        @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "The agent holding it.")
        String agent;

        @Option(
                names = "--outcome",
                paramLabel = "OUTCOME",
                defaultValue = "completed",
                description = "completed or abandoned (default: ${DEFAULT-VALUE}).")
        String outcome;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
        String reason;

        @Override
        public Integer call() {
            ToolResult r = common.call(
                    "release_work", args("work_id", work, "agent", agent, "outcome", outcome, "reason", reason));
            return Boolean.TRUE.equals(((Map<?, ?>) r.structured()).get("released")) ? 0 : 3;
        }
    }

    /** {@code work suggest}. */
    @Command(
            name = "suggest",
            mixinStandardHelpOptions = true,
            description = "Pending work nobody holds, best first for an agent (its capabilities, then the oldest).")
    static final class WorkSuggest implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "The agent.")
        String agent;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many (default: 10).")
        int limit;

        @Override
        public Integer call() {
            common.call("suggest_work_for_agent", args("agent", agent, "limit", limit));
            return 0;
        }
    }

    /** {@code agent-store todos}. */
    @Command(
            name = "todos",
            mixinStandardHelpOptions = true,
            description = "Todos (the agents module; Claude Code's TodoWrite lists among them): list, update.",
            subcommands = {TodosList.class, TodosUpdate.class})
    static final class Todos {}

    /** {@code todos list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Todos by filter: all, pending, in_progress, completed, blocked, today, overdue, week,"
                    + " assigned, unassigned, high, synced, delegated.")
    static final class TodosList implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER", description = "The filter (default: all).")
        String filter;

        @Override
        public Integer call() {
            common.call("list_todos", args("filter", filter));
            return 0;
        }
    }

    /** {@code todos update}. */
    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Record a todo's new status (and hours spent, or why it is blocked).")
    static final class TodosUpdate implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Parameters(index = "0", paramLabel = "TODO_ID", description = "The todo's id (a UUID, from todos list).")
        String todo;

        @Option(
                names = "--status",
                required = true,
                paramLabel = "STATUS",
                description = "pending, in_progress, completed, blocked or cancelled.")
        String status;

        @Option(names = "--agent", paramLabel = "AGENT", description = "Who updates it.")
        String agent;

        @Option(names = "--hours", paramLabel = "H", description = "Hours spent so far.")
        Double hours;

        @Option(names = "--blocked-reason", paramLabel = "TEXT", description = "Why it is blocked.")
        String blockedReason;

        @Override
        public Integer call() {
            common.call(
                    "update_todo",
                    args(
                            "todo_id",
                            todo,
                            "status",
                            status,
                            "agent",
                            agent,
                            "actual_hours",
                            hours,
                            "blocked_reason",
                            blockedReason));
            return 0;
        }
    }

    /** {@code agent-store flags}. */
    @Command(
            name = "flags",
            mixinStandardHelpOptions = true,
            description = "Flags, the notices of a change one module makes for the modules it affects (the agents"
                    + " module): list, create, update.",
            subcommands = {FlagsList.class, FlagsCreate.class, FlagsUpdate.class})
    static final class Flags {}

    /** {@code flags list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Flags by affected module and status.")
    static final class FlagsList implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(names = "--module", paramLabel = "MODULE", description = "Only flags affecting this module.")
        String module;

        @Option(
                names = "--status",
                paramLabel = "STATUS",
                description = "pending, acknowledged, in_progress, completed or skipped.")
        String status;

        @Override
        public Integer call() {
            common.call("list_flags", args("module", module, "status", status));
            return 0;
        }
    }

    /** {@code flags create}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Tell other modules about a change that affects them; prints the flag's id.")
    static final class FlagsCreate implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Option(
                names = "--type",
                required = true,
                paramLabel = "TYPE",
                description =
                        "change, new_feature, refactor, deprecation, breaking_change, enhancement or" + " maintenance.")
        String type;

        @Option(
                names = "--affects",
                required = true,
                split = ",",
                paramLabel = "MODULE",
                description = "The affected modules (comma-separated or repeated).")
        List<String> affects;

        @Option(names = "--change", required = true, paramLabel = "TEXT", description = "What changed.")
        String change;

        @Option(
                names = "--impact",
                required = true,
                paramLabel = "LEVEL",
                description = "low, medium, high or critical.")
        String impact;

        @Option(names = "--action", paramLabel = "TEXT", description = "What the affected modules must do.")
        String action;

        @Option(names = "--source-module", paramLabel = "MODULE", description = "The module that changed.")
        String sourceModule;

        @Option(names = "--source-agent", paramLabel = "AGENT", description = "The agent creating the flag.")
        String sourceAgent;

        @Override
        public Integer call() {
            common.call(
                    "create_flag",
                    args(
                            "flag_type",
                            type,
                            "affected_modules",
                            affects,
                            "change_description",
                            change,
                            "impact_level",
                            impact,
                            "action_required",
                            action,
                            "source_module",
                            sourceModule,
                            "source_agent",
                            sourceAgent));
            return 0;
        }
    }

    /** {@code flags update}. */
    @Command(
            name = "update",
            mixinStandardHelpOptions = true,
            description = "Move a flag forward for one affected module (or the whole flag): acknowledged,"
                    + " in_progress, completed or skipped.")
    static final class FlagsUpdate implements Callable<Integer> {
        @Mixin
        Common common = new Common();

        @Parameters(index = "0", paramLabel = "FLAG_ID", description = "The flag's id (from flags list).")
        String flag;

        @Option(names = "--status", required = true, paramLabel = "STATUS", description = "The new status.")
        String status;

        @Option(names = "--module", paramLabel = "MODULE", description = "The affected module (default: all).")
        String module;

        @Option(names = "--agent", paramLabel = "AGENT", description = "Who moves it.")
        String agent;

        @Option(names = "--notes", paramLabel = "TEXT", description = "Notes.")
        String notes;

        @Override
        public Integer call() {
            common.call(
                    "update_flag",
                    args("flag_id", flag, "status", status, "module", module, "agent", agent, "notes", notes));
            return 0;
        }
    }
}
