package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;
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

    /** The facade over a module's own context; the store builds it. */
    public AgentsFacade(StoreContext context) {
        this.context = Objects.requireNonNull(context, "context must not be null");
    }

    /** The todo lists mapped last, per session and agent (see {@link EventMappings#todoSnapshot}). */
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
            if (tx.sql("SELECT 1 FROM fact_work_status f JOIN dim_work_item w ON w.work_item_key = f.work_item_key"
                    + " WHERE w.work_id = ? LIMIT 1", work.id()).rows().isEmpty()) {
                tx.record(new WorkStatus(null, now(), null, work, null, by, "pending", null, Map.of()));
            }
            return null;
        });
        return work;
    }

    /** Registers several work items in one transaction (each with status {@code pending}). */
    public void createWork(List<WorkItem> work) {
        List<WorkStatus> statuses = work.stream()
                .map(w -> new WorkStatus(null, now(), null, w, null, null, "pending", null, Map.of())).toList();
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
                throw new IllegalArgumentException("work '" + workId + "' is not a known work item; create it with"
                        + " createWork first");
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
                        return new ClaimResult(false, workId, holder, id, r.instant("accepted_at"),
                                Optional.ofNullable(r.instant("lease_expires_at")));
                    }
                    if (lease != null) {
                        tx.record(new WorkAssignment(null, now, null, id, work, me, null, "accepted", expires,
                                "lease renewed", Map.of()));
                    }
                    return new ClaimResult(true, workId, agent, id, r.instant("accepted_at"),
                            Optional.ofNullable(lease != null ? expires : r.instant("lease_expires_at")));
                }
                // an accepted claim whose lease ran out: its agent is taken to have abandoned the work
                tx.record(new WorkAssignment(null, now, null, r.uuid("assignment_id"), work,
                        AgentRef.of(r.string("agent_name")), null, "abandoned", null, "lease expired", Map.of()));
            }
            UUID assignment = UUID.randomUUID();
            tx.record(new WorkAssignment(null, now, null, assignment, work, me, null, "accepted", expires, "claimed",
                    Map.of()));
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
            Row holding = rows.stream().filter(r -> Boolean.TRUE.equals(r.bool("is_holding"))).findFirst().orElse(null);
            String current = tx.sql("SELECT status FROM v_work_items WHERE work_id = ?", workId).rows().get(0)
                    .string("status");
            if (holding == null || !agent.equals(holding.string("agent_name"))) {
                return new ReleaseResult(false, workId, current,
                        Optional.ofNullable(holding == null ? null : holding.string("agent_name")));
            }
            Instant now = now();
            WorkItem work = WorkItem.of(workId);
            tx.record(new WorkAssignment(null, now, null, holding.uuid("assignment_id"), work, AgentRef.of(agent), null,
                    outcome, null, reason, Map.of()));
            String status = outcome.equals("completed") ? "completed" : "pending";
            tx.record(new WorkStatus(null, now, null, work, null, AgentRef.of(agent), status, reason, Map.of()));
            return new ReleaseResult(true, workId, status, Optional.empty());
        });
    }

    /** Who holds a work item now, or empty when nobody does (or there is no such item). */
    public Optional<ClaimResult> holder(String workId) {
        Checks.required("workId", workId);
        return context.sql(context.sqlResource("work_holder.sql"), workId).rows().stream()
                .filter(r -> Boolean.TRUE.equals(r.bool("is_holding"))).findFirst()
                .map(r -> new ClaimResult(false, workId, r.string("agent_name"), r.uuid("assignment_id"),
                        r.instant("accepted_at"), Optional.ofNullable(r.instant("lease_expires_at"))));
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
        for (Row r : context.sql(context.sqlResource("file_edit_conflicts.sql"), targetPath, targetPath).rows()) {
            String path = r.string("target_path");
            UUID id = io.agentstore.spi.EventIds.of("agents", "file_edit_conflict", path, r.string("party_session1"),
                    r.string("party_session2"), r.string("agent1") + "|" + r.string("agent2"));
            String a1 = r.string("agent1");
            String a2 = r.string("agent2");
            found.add(new Conflict(id, r.instant("second_edit_at"), null, id, null, path,
                    a1 == null ? null : AgentRef.of(a1), a2 == null ? null : AgentRef.of(a2), r.string("session1"),
                    r.string("session2"), "file_edit", r.instant("first_edit_at"), r.instant("second_edit_at"), null,
                    null, Map.of("overlapping_pairs", r.int64("overlapping_pairs"),
                            "edit_event_ids", String.valueOf(r.get("edit_event_ids")))));
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
        return context.sql(context.sqlResource("conflicts_on_path.sql"), targetPath, targetPath, targetPath).rows()
                .stream()
                .map(r -> new ConflictCheck(r.string("kind"), r.string("party1"), Optional.ofNullable(r.string("party2")),
                        r.instant("seen_at"), r.string("detail")))
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
        Row r = context.sql("SELECT * FROM v_conflict_history WHERE conflict_id = ? ORDER BY occurred_at DESC,"
                + " recorded_at DESC LIMIT 1", conflictId).single().orElseThrow(() -> new IllegalArgumentException(
                        "no conflict has id " + conflictId));
        Conflict last = io.agentstore.agents.internal.AgentsFactTypes.CONFLICT.read(r);
        Instant now = now();
        context.record(new Conflict(null, now, last.eventId(), conflictId, last.work(), last.targetPath(), last.agent1(),
                last.agent2(), last.session1(), last.session2(), last.type(), last.firstEditAt(), last.secondEditAt(),
                resolution, now, last.attributes()));
    }
}
