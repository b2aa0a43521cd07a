package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.QueryResult;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The agents module's API: work items and claims, capabilities, handoffs, conflicts, flags and todos. Get it
 * with {@code store.module(AgentsFacade.class)} or {@link AgentsModule#of}. Thread-safe.
 *
 * <p>Claims hold under concurrency: {@link #claimWork} decides in the store writer's transaction
 * ({@link StoreContext#inTransaction}), so of any number of agents racing for one work item exactly one wins,
 * and the others are told who did. Other processes claim through the process that owns the store
 * ({@code agent-store serve}), which calls this facade.
 */
public final class AgentsFacade {
    private final StoreContext context;
    private final EventMappings.Lists todoLists = new EventMappings.Lists();
    private final AgentTeams.Dependencies teamDependencies = new AgentTeams.Dependencies();

    /** The facade over a module's own context; the store builds it. */
    public AgentsFacade(StoreContext context) {
        this.context = Objects.requireNonNull(context, "context must not be null");
    }

    /** The todo lists mapped last, per session and agent (see {@link EventMappings#todoSnapshot}). */
    AgentTeams.Dependencies teamDependencies() {
        return teamDependencies;
    }

    EventMappings.Lists todoLists() {
        return todoLists;
    }

    private Instant now() {
        return context.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---------------------------------------------------------------- work items and claims

    /**
     * Registers a work item (status {@code pending}) and returns it. Registering the same id again records a
     * new {@code pending} status only when the item has none yet.
     *
     * @param createdBy the agent that created it, or null
     */
    public WorkItem createWork(WorkItem work, String createdBy) {
        Objects.requireNonNull(work, "work must not be null");
        AgentRef by = createdBy == null ? null : AgentRef.of(Checks.required("createdBy", createdBy));
        context.inTransaction(tx -> {
            if (tx.sql(
                            "SELECT 1 FROM fact_work_status f JOIN dim_work_item w ON w.work_item_key = f.work_item_key"
                                    + " WHERE w.work_id = ? LIMIT 1",
                            work.id())
                    .rows()
                    .isEmpty()) {
                tx.record(new WorkStatus(null, now(), null, work, null, by, "pending", null, Map.of()));
            }
            return null;
        });
        return work;
    }

    /** Registers several work items in one transaction (each with status {@code pending}). */
    public void createWork(List<WorkItem> work) {
        List<WorkStatus> statuses = work.stream()
                .map(w -> new WorkStatus(null, now(), null, w, null, null, "pending", null, Map.of()))
                .toList();
        context.recordAll(statuses);
    }

    /** {@link #claimWork(String, String, Duration)} without a lease: the claim holds until released. */
    public ClaimResult claimWork(String workId, String agent) {
        return claimWork(workId, agent, null);
    }

    /**
     * Claims a work item for {@code agent}. The decision is taken in the store writer's transaction: of any
     * number of agents claiming the same item at the same time exactly one gets {@code claimed = true}; the
     * others get {@code claimed = false} with the winner as {@code holder}. A claim holds until it is released
     * ({@link #releaseWork}) or its lease expires (on the store's clock); a claim over an expired lease records
     * the expired one as abandoned. Claiming work one already holds succeeds again and, with a lease, renews it.
     *
     * @param lease how long the claim holds without renewal, or null for no lease
     * @throws InvalidRecordException   when {@code workId} or {@code agent} is blank, or the lease is not positive
     * @throws IllegalArgumentException when no work item has this id (create it with {@link #createWork})
     */
    public ClaimResult claimWork(String workId, String agent, Duration lease) {
        Checks.required("workId", workId);
        Checks.required("agent", agent);
        if (lease != null && (lease.isNegative() || lease.isZero())) {
            throw new InvalidRecordException("lease", lease, "must be positive (or null for no lease)");
        }
        String sql = context.sqlResource("work_holder.sql");
        return context.inTransaction(tx -> {
            List<Row> rows = tx.sql(sql, workId).rows();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(
                        "work '" + workId + "' is not a known work item; create it with" + " createWork first");
            }
            Instant now = now();
            Instant expires = lease == null ? null : now.plus(lease);
            WorkItem work = WorkItem.of(workId);
            AgentRef me = AgentRef.of(agent);
            for (Row r : rows) {
                if (r.uuid("assignment_id") == null) {
                    continue;
                }
                if (Boolean.TRUE.equals(r.bool("is_holding"))) {
                    String holder = r.string("agent_name");
                    UUID id = r.uuid("assignment_id");
                    if (!holder.equals(agent)) {
                        return new ClaimResult(
                                false,
                                workId,
                                holder,
                                id,
                                r.instant("accepted_at"),
                                Optional.ofNullable(r.instant("lease_expires_at")));
                    }
                    if (lease != null) {
                        tx.record(new WorkAssignment(
                                null, now, null, id, work, me, null, "accepted", expires, "lease renewed", Map.of()));
                    }
                    return new ClaimResult(
                            true,
                            workId,
                            agent,
                            id,
                            r.instant("accepted_at"),
                            Optional.ofNullable(lease != null ? expires : r.instant("lease_expires_at")));
                }
                // an accepted claim whose lease ran out: its agent is taken to have abandoned the work
                tx.record(new WorkAssignment(
                        null,
                        now,
                        null,
                        r.uuid("assignment_id"),
                        work,
                        AgentRef.of(r.string("agent_name")),
                        null,
                        "abandoned",
                        null,
                        "lease expired",
                        Map.of()));
            }
            UUID assignment = UUID.randomUUID();
            tx.record(new WorkAssignment(
                    null, now, null, assignment, work, me, null, "accepted", expires, "claimed", Map.of()));
            tx.record(new WorkStatus(null, now, null, work, null, me, "in_progress", "claimed by " + agent, Map.of()));
            return new ClaimResult(true, workId, agent, assignment, now, Optional.ofNullable(expires));
        });
    }

    /**
     * Ends {@code agent}'s claim on a work item: {@code completed} marks the work completed, {@code abandoned}
     * puts it back to pending for others. Decided in the writer's transaction like {@link #claimWork}: an agent
     * that does not hold the work (never did, or its lease expired and another took it) releases nothing and is
     * told who holds it.
     *
     * @param outcome {@code completed} or {@code abandoned}
     * @param reason  why, or null
     */
    public ReleaseResult releaseWork(String workId, String agent, String outcome, String reason) {
        Checks.required("workId", workId);
        Checks.required("agent", agent);
        Checks.oneOf("outcome", outcome, Set.of("completed", "abandoned"));
        String sql = context.sqlResource("work_holder.sql");
        return context.inTransaction(tx -> {
            List<Row> rows = tx.sql(sql, workId).rows();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("work '" + workId + "' is not a known work item");
            }
            Row holding = rows.stream()
                    .filter(r -> Boolean.TRUE.equals(r.bool("is_holding")))
                    .findFirst()
                    .orElse(null);
            String current = tx.sql("SELECT status FROM v_work_items WHERE work_id = ?", workId)
                    .rows()
                    .get(0)
                    .string("status");
            if (holding == null || !agent.equals(holding.string("agent_name"))) {
                return new ReleaseResult(
                        false,
                        workId,
                        current,
                        Optional.ofNullable(holding == null ? null : holding.string("agent_name")));
            }
            Instant now = now();
            WorkItem work = WorkItem.of(workId);
            tx.record(new WorkAssignment(
                    null,
                    now,
                    null,
                    holding.uuid("assignment_id"),
                    work,
                    AgentRef.of(agent),
                    null,
                    outcome,
                    null,
                    reason,
                    Map.of()));
            String status = outcome.equals("completed") ? "completed" : "pending";
            tx.record(new WorkStatus(null, now, null, work, null, AgentRef.of(agent), status, reason, Map.of()));
            return new ReleaseResult(true, workId, status, Optional.empty());
        });
    }

    /** Who holds a work item now, or empty when nobody does (or there is no such item). */
    public Optional<ClaimResult> holder(String workId) {
        Checks.required("workId", workId);
        return context.sql(context.sqlResource("work_holder.sql"), workId).rows().stream()
                .filter(r -> Boolean.TRUE.equals(r.bool("is_holding")))
                .findFirst()
                .map(r -> new ClaimResult(
                        false,
                        workId,
                        r.string("agent_name"),
                        r.uuid("assignment_id"),
                        r.instant("accepted_at"),
                        Optional.ofNullable(r.instant("lease_expires_at"))));
    }

    /**
     * Imports the {@code flags} and {@code todos} tables of a database of the SQLite memory system
     * ({@code reference/sqlite-memory-system.md}): each flag with a status per affected module (acknowledged at
     * {@code acknowledged_at}, its final status at {@code completed_at}), each todo with its status, assignment
     * ({@code assigned_to}), dependencies, parent ({@code context.parent_id}), tags and files. Idempotent; rows
     * with a value the facts refuse are reported and skipped. Needs the SQLite JDBC driver at run time.
     *
     * @throws io.agentstore.spi.AgentStoreException when the file cannot be read
     */
    public FlagsTodosImport importSqliteMemory(java.nio.file.Path file) {
        Objects.requireNonNull(file, "file must not be null");
        return new SqliteFlagsTodos(context).run(file);
    }

    /** Records that {@code agent} has {@code capability} with {@code proficiency} (0..1) from now on. */
    public void setCapability(String agent, String capability, double proficiency) {
        context.record(AgentCapability.of(agent, capability, proficiency));
    }

    // ---------------------------------------------------------------- conflicts

    /**
     * Turns overlapping edits found in core's file modifications (two sessions, or two agents of one session,
     * editing the same file within 30 minutes) into {@code file_edit} conflict facts, one per file and pair of
     * parties. Idempotent: the conflict's id is derived from the file and the parties, so running it again
     * records only new conflicts.
     *
     * @param targetPath only this file, or null for all
     * @return how many conflicts were new
     */
    public long detectConflicts(String targetPath) {
        Checks.optional("targetPath", targetPath);
        List<Conflict> found = new java.util.ArrayList<>();
        for (Row r : context.sql(context.sqlResource("file_edit_conflicts.sql"), targetPath, targetPath)
                .rows()) {
            String path = r.string("target_path");
            UUID id = io.agentstore.spi.EventIds.of(
                    "agents",
                    "file_edit_conflict",
                    path,
                    r.string("party_session1"),
                    r.string("party_session2"),
                    r.string("agent1") + "|" + r.string("agent2"));
            String a1 = r.string("agent1");
            String a2 = r.string("agent2");
            found.add(new Conflict(
                    id,
                    r.instant("second_edit_at"),
                    null,
                    id,
                    null,
                    path,
                    a1 == null ? null : AgentRef.of(a1),
                    a2 == null ? null : AgentRef.of(a2),
                    r.string("session1"),
                    r.string("session2"),
                    "file_edit",
                    r.instant("first_edit_at"),
                    r.instant("second_edit_at"),
                    null,
                    null,
                    Map.of(
                            "overlapping_pairs",
                            r.int64("overlapping_pairs"),
                            "edit_event_ids",
                            String.valueOf(r.get("edit_event_ids")))));
        }
        return found.isEmpty() ? 0 : context.importAll(found);
    }

    /**
     * What to know before editing {@code targetPath}: open conflicts on it (after detecting new ones), agents
     * holding work on it, and edits of it in the last 30 minutes; newest first, empty when the path is free.
     */
    public List<ConflictCheck> checkConflicts(String targetPath) {
        Checks.required("targetPath", targetPath);
        if (!context.isReadOnly()) {
            detectConflicts(targetPath);
        }
        return context
                .sql(context.sqlResource("conflicts_on_path.sql"), targetPath, targetPath, targetPath)
                .rows()
                .stream()
                .map(r -> new ConflictCheck(
                        r.string("kind"),
                        r.string("party1"),
                        Optional.ofNullable(r.string("party2")),
                        r.instant("seen_at"),
                        r.string("detail")))
                .toList();
    }

    /**
     * Resolves a conflict: a new fact with the same conflict id, the resolution and now as its resolution time.
     *
     * @param resolution one of {@link Conflict#RESOLUTIONS}
     * @throws IllegalArgumentException when there is no such conflict
     */
    public void resolveConflict(UUID conflictId, String resolution) {
        Objects.requireNonNull(conflictId, "conflictId must not be null");
        Checks.oneOf("resolution", resolution, Conflict.RESOLUTIONS);
        Row r = context.sql(
                        "SELECT * FROM v_conflict_history WHERE conflict_id = ? ORDER BY occurred_at DESC,"
                                + " recorded_at DESC LIMIT 1",
                        conflictId)
                .single()
                .orElseThrow(() -> new IllegalArgumentException("no conflict has id " + conflictId));
        Conflict last = io.agentstore.agents.internal.AgentsFactTypes.CONFLICT.read(r);
        Instant now = now();
        context.record(new Conflict(
                null,
                now,
                last.eventId(),
                conflictId,
                last.work(),
                last.targetPath(),
                last.agent1(),
                last.agent2(),
                last.session1(),
                last.session2(),
                last.type(),
                last.firstEditAt(),
                last.secondEditAt(),
                resolution,
                now,
                last.attributes()));
    }

    // ---------------------------------------------------------------- handoffs and suggestions

    /**
     * Hands a work item from one agent to another, decided in the writer's transaction: the handoff is recorded
     * with its reason and context (redacted), the giver's claim (if it holds one) ends as abandoned, and the
     * receiver holds the work from now on.
     *
     * @param reason  one of {@link Handoff#REASONS}
     * @param context what the receiver needs to know, or null
     * @return the receiver's claim
     */
    public ClaimResult handoffWork(String workId, String fromAgent, String toAgent, String reason, String context) {
        Checks.required("workId", workId);
        Checks.required("fromAgent", fromAgent);
        Checks.required("toAgent", toAgent);
        Checks.oneOf("reason", reason, Handoff.REASONS);
        Checks.text("context", context);
        String sql = this.context.sqlResource("work_holder.sql");
        return this.context.inTransaction(tx -> {
            List<Row> rows = tx.sql(sql, workId).rows();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("work '" + workId + "' is not a known work item");
            }
            Instant now = now();
            WorkItem work = WorkItem.of(workId);
            for (Row r : rows) {
                if (Boolean.TRUE.equals(r.bool("is_holding")) && !toAgent.equals(r.string("agent_name"))) {
                    tx.record(new WorkAssignment(
                            null,
                            now,
                            null,
                            r.uuid("assignment_id"),
                            work,
                            AgentRef.of(r.string("agent_name")),
                            null,
                            "abandoned",
                            null,
                            "handed off to " + toAgent,
                            Map.of()));
                }
            }
            tx.record(new Handoff(
                    null,
                    now,
                    null,
                    null,
                    AgentRef.of(fromAgent),
                    AgentRef.of(toAgent),
                    work,
                    reason,
                    context,
                    Map.of()));
            UUID assignment = UUID.randomUUID();
            tx.record(new WorkAssignment(
                    null,
                    now,
                    null,
                    assignment,
                    work,
                    AgentRef.of(toAgent),
                    null,
                    "accepted",
                    null,
                    "handoff from " + fromAgent,
                    Map.of()));
            tx.record(new WorkStatus(
                    null,
                    now,
                    null,
                    work,
                    null,
                    AgentRef.of(toAgent),
                    "in_progress",
                    "handed off by " + fromAgent,
                    Map.of()));
            return new ClaimResult(true, workId, toAgent, assignment, now, Optional.empty());
        });
    }

    /**
     * Pending work nobody holds, best first for {@code agent}: work whose type is a capability of the agent, by
     * proficiency, then the oldest. Columns: {@code work_id, work_type, target_path, description, created_at,
     * proficiency}.
     */
    public QueryResult suggestWorkForAgent(String agent, int limit) {
        Checks.required("agent", agent);
        if (limit < 1) {
            throw new InvalidRecordException("limit", limit, "must be >= 1");
        }
        return context.sql(context.sqlResource("suggest_work_for_agent.sql"), agent, limit);
    }

    /**
     * Work items with their current status ({@code v_work_items}), oldest first.
     *
     * @param status one of {@link WorkItem#STATUSES}, or null for all
     */
    public QueryResult listWork(String status) {
        if (status != null) {
            Checks.oneOf("status", status, WorkItem.STATUSES);
        }
        return context.sql(
                "SELECT * FROM v_work_items WHERE (CAST(? AS VARCHAR) IS NULL OR status = ?)"
                        + " ORDER BY created_at, work_id",
                status,
                status);
    }

    // ---------------------------------------------------------------- flags

    /** Records a flag; its id is the returned event id. Every affected module starts pending. */
    public UUID createFlag(Flag flag) {
        Objects.requireNonNull(flag, "flag must not be null");
        return context.record(flag);
    }

    /**
     * Flags ({@code v_flags}, every column of the reference FLAGS table), the most critical and oldest first.
     *
     * @param module only flags affecting this module, with this module's own status, or null for all
     * @param status only flags in this status (the module's own when a module is given), or null for all
     */
    public QueryResult listFlags(String module, String status) {
        Checks.optional("module", module);
        if (status != null) {
            Checks.oneOf("status", status, Set.copyOf(Flag.STATUSES));
        }
        return context.sql(
                context.sqlResource("flags_by_module_and_status.sql"), module, module, module, status, status);
    }

    /**
     * Moves a flag forward for one affected module (or, with a null module, for the flag as a whole): pending →
     * acknowledged → in_progress → completed, or skipped from any status before completed. Going back, or
     * leaving completed or skipped, is refused.
     *
     * @throws IllegalArgumentException when there is no such flag, the module is not affected by it, or the move
     *                                  goes backwards (the message names both statuses)
     */
    public void updateFlag(UUID flagId, String module, String status, String agent, String notes) {
        Objects.requireNonNull(flagId, "flagId must not be null");
        Checks.optional("module", module);
        Checks.oneOf("status", status, Set.copyOf(Flag.STATUSES));
        Checks.optional("agent", agent);
        context.inTransaction(tx -> {
            Row flag = tx.sql("SELECT affected_modules, status FROM v_flags WHERE flag_id = ?", flagId)
                    .single()
                    .orElseThrow(() -> new IllegalArgumentException("no flag has id " + flagId));
            String current;
            if (module == null) {
                current = flag.string("status");
            } else {
                Optional<Row> m = tx.sql(
                                "SELECT status FROM v_flag_module_status WHERE flag_id = ? AND module_name = ?",
                                flagId,
                                module)
                        .single();
                if (m.isEmpty()) {
                    throw new IllegalArgumentException("flag " + flagId + " does not affect module '" + module
                            + "'; it affects " + flag.get("affected_modules"));
                }
                current = m.get().string("status");
            }
            int from = Flag.STATUSES.indexOf(current);
            int to = Flag.STATUSES.indexOf(status);
            boolean done = current.equals("completed") || current.equals("skipped");
            if (done && !status.equals(current) || !done && to < from) {
                throw new IllegalArgumentException(
                        "flag " + flagId + (module == null ? "" : " for module '" + module + "'") + " cannot go from "
                                + current + " to " + status);
            }
            tx.record(new FlagStatus(
                    null,
                    now(),
                    null,
                    flagId,
                    module,
                    agent == null ? null : AgentRef.of(agent),
                    status,
                    notes,
                    Map.of()));
            return null;
        });
    }

    // ---------------------------------------------------------------- todos

    /** Records a new todo (pending) and returns its id. */
    public UUID createTodo(Todo todo) {
        Objects.requireNonNull(todo, "todo must not be null");
        context.recordAll(List.of(
                todo,
                new TodoStatus(
                        null, todo.occurredAt(), null, todo.todoId(), todo.agent(), "pending", null, null, Map.of())));
        return todo.todoId();
    }

    /**
     * Records a todo's new status (and the hours spent so far, and why it is blocked).
     *
     * @param status one of {@link Todo#STATUSES}
     * @throws IllegalArgumentException when there is no such todo
     */
    public void updateTodo(UUID todoId, String status, String agent, Double actualHours, String blockedReason) {
        Objects.requireNonNull(todoId, "todoId must not be null");
        requireTodo(todoId);
        context.record(new TodoStatus(
                null,
                null,
                null,
                todoId,
                agent == null ? null : AgentRef.of(agent),
                status,
                actualHours,
                blockedReason,
                Map.of()));
    }

    /** Assigns (or with a null assignee unassigns) a todo; {@code delegatedBy} and {@code via} may be null. */
    public void assignTodo(UUID todoId, String assignee, String delegatedBy, String via) {
        Objects.requireNonNull(todoId, "todoId must not be null");
        requireTodo(todoId);
        context.record(new TodoAssignment(
                null,
                null,
                null,
                todoId,
                assignee == null ? null : AgentRef.of(assignee),
                delegatedBy == null ? null : AgentRef.of(delegatedBy),
                via,
                Map.of()));
    }

    private void requireTodo(UUID todoId) {
        if (context.sql("SELECT 1 FROM fact_todo WHERE todo_id = ? LIMIT 1", todoId)
                .rows()
                .isEmpty()) {
            throw new IllegalArgumentException("no todo has id " + todoId);
        }
    }

    /**
     * Records that {@code todoId} is blocked by {@code blockedBy}, decided in the writer's transaction. A
     * dependency that would close a cycle is refused with the cycle named (each todo by id and task).
     *
     * @throws IllegalArgumentException when either todo does not exist, or naming the cycle
     */
    public void addTodoDependency(UUID todoId, UUID blockedBy) {
        Objects.requireNonNull(todoId, "todoId must not be null");
        Objects.requireNonNull(blockedBy, "blockedBy must not be null");
        context.inTransaction(tx -> {
            Map<UUID, String> tasks = new java.util.HashMap<>();
            for (Row r : tx.sql("SELECT todo_id, task FROM v_todos WHERE todo_id IN (?, ?)", todoId, blockedBy)
                    .rows()) {
                tasks.put(r.uuid("todo_id"), r.string("task"));
            }
            for (UUID id : List.of(todoId, blockedBy)) {
                if (!tasks.containsKey(id)) {
                    throw new IllegalArgumentException("no todo has id " + id);
                }
            }
            Map<UUID, List<UUID>> edges = new java.util.HashMap<>();
            for (Row r : tx.sql("SELECT todo_id, blocked_by_todo_id FROM v_todo_dependencies")
                    .rows()) {
                edges.computeIfAbsent(r.uuid("todo_id"), k -> new java.util.ArrayList<>())
                        .add(r.uuid("blocked_by_todo_id"));
            }
            if (pathTo(blockedBy, todoId, edges, new java.util.HashSet<>()) != null) {
                Map<UUID, String> names = new java.util.HashMap<>();
                for (Row r : tx.sql("SELECT todo_id, task FROM v_todos").rows()) {
                    names.put(r.uuid("todo_id"), r.string("task"));
                }
                throw new IllegalArgumentException(cycle(todoId, blockedBy, edges, names));
            }
            tx.record(new TodoDependency(null, now(), null, todoId, blockedBy, false, Map.of()));
            return null;
        });
    }

    /**
     * The refusal of a dependency that would close a cycle, naming the cycle (each todo by id and task), or null
     * when {@code todoId} blocked by {@code blockedBy} closes none.
     */
    static String cycle(UUID todoId, UUID blockedBy, Map<UUID, List<UUID>> edges, Map<UUID, String> names) {
        List<UUID> path = pathTo(blockedBy, todoId, edges, new java.util.HashSet<>());
        if (path == null) {
            return null;
        }
        StringBuilder cycle = new StringBuilder();
        List<UUID> loop = new java.util.ArrayList<>();
        loop.add(todoId);
        loop.addAll(path);
        for (UUID id : loop) {
            cycle.append(cycle.length() == 0 ? "" : " -> ")
                    .append(id)
                    .append(" (")
                    .append(names.get(id))
                    .append(')');
        }
        return "todo " + todoId + " cannot be blocked by " + blockedBy + ": that would close the cycle " + cycle
                + " (each blocked by the next)";
    }

    /** The path from {@code from} to {@code to} along blocked-by edges (from excluded... to included), or null. */
    private static List<UUID> pathTo(UUID from, UUID to, Map<UUID, List<UUID>> edges, Set<UUID> seen) {
        if (from.equals(to)) {
            return new java.util.ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (UUID next : edges.getOrDefault(from, List.of())) {
            List<UUID> rest = pathTo(next, to, edges, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    /** The filters of {@link #listTodos}: the reference's /todo list filters. */
    public static final Map<String, String> TODO_FILTERS = Map.ofEntries(
            Map.entry("all", "true"),
            Map.entry("pending", "status = 'pending'"),
            Map.entry("in_progress", "status = 'in_progress'"),
            Map.entry("completed", "status = 'completed'"),
            Map.entry("blocked", "status = 'blocked'"),
            Map.entry(
                    "today",
                    "CAST(timezone('UTC', due_at) AS DATE) = CAST(timezone('UTC', agent_store_now()) AS DATE)"),
            Map.entry("overdue", "due_at < agent_store_now() AND status NOT IN ('completed', 'cancelled')"),
            Map.entry(
                    "week",
                    "due_at <= agent_store_now() + INTERVAL 7 DAY AND status NOT IN ('completed', 'cancelled')"),
            Map.entry("assigned", "assigned_to IS NOT NULL"),
            Map.entry("unassigned", "assigned_to IS NULL"),
            Map.entry("high", "priority IN ('high', 'critical')"),
            Map.entry("synced", "context->>'$.auto_synced' = 'true'"),
            Map.entry("delegated", "assigned_via = 'Task tool'"));

    /**
     * Todos ({@code v_todos}, every column of the reference TODOS table) matching one of {@link #TODO_FILTERS},
     * highest priority and oldest first.
     *
     * @throws InvalidRecordException naming the filters when {@code filter} is none of them
     */
    public QueryResult listTodos(String filter) {
        String f = filter == null ? "all" : filter;
        String where = TODO_FILTERS.get(f);
        if (where == null) {
            throw new InvalidRecordException(
                    "filter", filter, "must be one of " + new java.util.TreeSet<>(TODO_FILTERS.keySet()));
        }
        return context.sql("SELECT * FROM v_todos WHERE " + where + " ORDER BY CASE priority WHEN 'critical' THEN 0"
                + " WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, created_at, todo_id");
    }
}
