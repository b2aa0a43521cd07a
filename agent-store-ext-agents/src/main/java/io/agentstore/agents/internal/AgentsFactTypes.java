package io.agentstore.agents.internal;

import static io.agentstore.core.CoreDimensions.agent;
import static io.agentstore.core.CoreDimensions.session;

import io.agentstore.agents.AgentCapability;
import io.agentstore.agents.Conflict;
import io.agentstore.agents.Flag;
import io.agentstore.agents.FlagStatus;
import io.agentstore.agents.Handoff;
import io.agentstore.agents.SessionIntent;
import io.agentstore.agents.SkillInvocation;
import io.agentstore.agents.TeammateIdle;
import io.agentstore.agents.Todo;
import io.agentstore.agents.TodoAssignment;
import io.agentstore.agents.TodoDependency;
import io.agentstore.agents.TodoStatus;
import io.agentstore.agents.WorkAssignment;
import io.agentstore.agents.WorkItem;
import io.agentstore.agents.WorkStatus;
import io.agentstore.core.AgentRef;
import io.agentstore.core.CoreDimensions;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The dimensions and fact types of the agents schema: each record's columns, in table order, and the way back. */
public final class AgentsFactTypes {
    /** {@code dim_work_item}. */
    public static final Dimension WORK_ITEM = Dimension.type1(
            "dim_work_item", "work_item_key", List.of("work_id"), List.of("work_type", "target_path", "description"));
    /** {@code dim_capability}. */
    public static final Dimension CAPABILITY =
            Dimension.type1("dim_capability", "capability_key", List.of("capability_name"), List.of("description"));
    /** {@code dim_user_intent}. */
    public static final Dimension USER_INTENT = Dimension.type1(
            "dim_user_intent", "user_intent_key", List.of("intent_hash"), List.of("categorized_as", "intent_text"));

    private AgentsFactTypes() {}

    /** The key of a work item, or null for none; unknown attributes are filled in. */
    public static Long work(FactContext c, WorkItem w) {
        return w == null
                ? null
                : c.key(WORK_ITEM, List.of(w.id()), Arrays.asList(w.type(), w.targetPath(), w.description()));
    }

    static WorkItem workOf(Row row) {
        String id = row.string("work_id");
        return id == null
                ? null
                : new WorkItem(id, row.string("work_type"), row.string("target_path"), row.string("description"));
    }

    static AgentRef agentOf(Row row, String prefix) {
        String name = row.string(prefix + "_name");
        return name == null
                ? null
                : new AgentRef(name, row.string(prefix + "_type"), row.string(prefix + "_prompt_hash"));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Row row, String column) {
        Object v = row.json(column);
        return v == null ? List.of() : (List<String>) v;
    }

    static Map<String, Object> object(Row row, String column) {
        Map<String, Object> m = row.jsonObject(column);
        return m == null ? Map.of() : m;
    }

    /** {@code fact_work_status}. */
    public static final FactType<WorkStatus> WORK_STATUS = new FactType<>() {
        @Override
        public String table() {
            return "fact_work_status";
        }

        @Override
        public String view() {
            return "v_work_status_history";
        }

        @Override
        public void write(WorkStatus r, FactContext c, FactRow row) {
            row.int64(work(c, r.work()))
                    .int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .text(r.status())
                    .freeText(r.reason());
        }

        @Override
        public WorkStatus read(Row row) {
            return new WorkStatus(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    workOf(row),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("status"),
                    row.string("reason"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_agent_capability}. */
    public static final FactType<AgentCapability> AGENT_CAPABILITY = new FactType<>() {
        @Override
        public String table() {
            return "fact_agent_capability";
        }

        @Override
        public String view() {
            return "v_agent_capabilities";
        }

        @Override
        public void write(AgentCapability r, FactContext c, FactRow row) {
            row.int64(agent(c, r.agent()))
                    .int64(c.key(CAPABILITY, List.of(r.capability()), Arrays.asList(r.capabilityDescription())))
                    .float64(r.proficiency());
        }

        @Override
        public AgentCapability read(Row row) {
            return new AgentCapability(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    CoreDimensions.agentOf(row),
                    row.string("capability_name"),
                    row.string("capability_description"),
                    row.float64("proficiency"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_work_assignment}. */
    public static final FactType<WorkAssignment> WORK_ASSIGNMENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_work_assignment";
        }

        @Override
        public String view() {
            return "v_work_assignment_history";
        }

        @Override
        public void write(WorkAssignment r, FactContext c, FactRow row) {
            row.uuid(r.assignmentId())
                    .int64(work(c, r.work()))
                    .int64(agent(c, r.agent()))
                    .int64(session(c, r.sessionId()))
                    .text(r.status())
                    .timestamp(r.leaseExpiresAt())
                    .freeText(r.reason());
        }

        @Override
        public WorkAssignment read(Row row) {
            return new WorkAssignment(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("assignment_id"),
                    workOf(row),
                    CoreDimensions.agentOf(row),
                    row.string("session_id"),
                    row.string("status"),
                    row.instant("lease_expires_at"),
                    row.string("reason"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_agent_handoff}. */
    public static final FactType<Handoff> HANDOFF = new FactType<>() {
        @Override
        public String table() {
            return "fact_agent_handoff";
        }

        @Override
        public String view() {
            return "v_agent_handoffs";
        }

        @Override
        public void write(Handoff r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.from()))
                    .int64(agent(c, r.to()))
                    .int64(work(c, r.work()))
                    .text(r.reason())
                    .freeText(r.contextSnapshot());
        }

        @Override
        public Handoff read(Row row) {
            return new Handoff(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row, "from_agent"),
                    agentOf(row, "to_agent"),
                    workOf(row),
                    row.string("handoff_reason"),
                    row.string("context_snapshot"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_conflict}. */
    public static final FactType<Conflict> CONFLICT = new FactType<>() {
        @Override
        public String table() {
            return "fact_conflict";
        }

        @Override
        public String view() {
            return "v_conflict_history";
        }

        @Override
        public void write(Conflict r, FactContext c, FactRow row) {
            row.uuid(r.conflictId())
                    .int64(work(c, r.work()))
                    .int64(CoreDimensions.file(c, r.targetPath()))
                    .int64(agent(c, r.agent1()))
                    .int64(agent(c, r.agent2()))
                    .int64(session(c, r.session1()))
                    .int64(session(c, r.session2()))
                    .text(r.type())
                    .timestamp(r.firstEditAt())
                    .timestamp(r.secondEditAt())
                    .text(r.resolution())
                    .timestamp(r.resolvedAt());
        }

        @Override
        public Conflict read(Row row) {
            return new Conflict(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("conflict_id"),
                    workOf(row),
                    row.string("file_path"),
                    agentOf(row, "agent1"),
                    agentOf(row, "agent2"),
                    row.string("session1"),
                    row.string("session2"),
                    row.string("conflict_type"),
                    row.instant("first_edit_at"),
                    row.instant("second_edit_at"),
                    row.string("resolution"),
                    row.instant("resolved_at"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_flag}. */
    public static final FactType<Flag> FLAG = new FactType<>() {
        @Override
        public String table() {
            return "fact_flag";
        }

        @Override
        public String view() {
            return "v_flag_notices";
        }

        @Override
        public void write(Flag r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.sourceAgent()))
                    .text(r.flagType())
                    .text(r.sourceModule())
                    .json(r.affectedModules())
                    .freeText(r.changeDescription())
                    .freeText(r.actionRequired())
                    .text(r.impactLevel())
                    .json(r.relatedFiles().isEmpty() ? null : r.relatedFiles())
                    .text(r.codeLocation())
                    .freeText(r.exampleUsage())
                    .json(r.context().isEmpty() ? null : r.context())
                    .freeText(r.notes());
        }

        @Override
        public Flag read(Row row) {
            return new Flag(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    agentOf(row, "source_agent"),
                    row.string("flag_type"),
                    row.string("source_module"),
                    strings(row, "affected_modules"),
                    row.string("change_description"),
                    row.string("action_required"),
                    row.string("impact_level"),
                    strings(row, "related_files"),
                    row.string("code_location"),
                    row.string("example_usage"),
                    object(row, "context"),
                    row.string("notes"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_flag_status}. */
    public static final FactType<FlagStatus> FLAG_STATUS = new FactType<>() {
        @Override
        public String table() {
            return "fact_flag_status";
        }

        @Override
        public String view() {
            return "v_flag_status_history";
        }

        @Override
        public void write(FlagStatus r, FactContext c, FactRow row) {
            row.uuid(r.flagId())
                    .text(r.module())
                    .int64(agent(c, r.agent()))
                    .text(r.status())
                    .freeText(r.notes());
        }

        @Override
        public FlagStatus read(Row row) {
            return new FlagStatus(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("flag_id"),
                    row.string("module_name"),
                    CoreDimensions.agentOf(row),
                    row.string("status"),
                    row.string("notes"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_todo}. */
    public static final FactType<Todo> TODO = new FactType<>() {
        @Override
        public String table() {
            return "fact_todo";
        }

        @Override
        public String view() {
            return "v_todo_versions";
        }

        @Override
        public void write(Todo r, FactContext c, FactRow row) {
            row.uuid(r.todoId())
                    .uuid(r.parentTodoId())
                    .int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .freeText(r.task())
                    .text(r.priority())
                    .text(r.category())
                    .text(r.module())
                    .int64(r.position())
                    .timestamp(r.dueAt())
                    .timestamp(r.startAt())
                    .timestamp(r.reminderAt())
                    .float64(r.estimatedHours())
                    .json(r.tags().isEmpty() ? null : r.tags())
                    .json(r.relatedFiles().isEmpty() ? null : r.relatedFiles())
                    .text(r.createdBy())
                    .bool(r.autoCreated())
                    .bool(r.aiSuggested())
                    .json(r.context().isEmpty() ? null : r.context());
        }

        @Override
        public Todo read(Row row) {
            return new Todo(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("todo_id"),
                    row.uuid("parent_todo_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("task"),
                    row.string("priority"),
                    row.string("category"),
                    row.string("module"),
                    row.int64("position"),
                    row.instant("due_at"),
                    row.instant("start_at"),
                    row.instant("reminder_at"),
                    row.float64("estimated_hours"),
                    strings(row, "tags"),
                    strings(row, "related_files"),
                    row.string("created_by"),
                    row.bool("is_auto_created"),
                    row.bool("is_ai_suggested"),
                    object(row, "context"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_todo_status}. */
    public static final FactType<TodoStatus> TODO_STATUS = new FactType<>() {
        @Override
        public String table() {
            return "fact_todo_status";
        }

        @Override
        public String view() {
            return "v_todo_status_history";
        }

        @Override
        public void write(TodoStatus r, FactContext c, FactRow row) {
            row.uuid(r.todoId())
                    .int64(agent(c, r.agent()))
                    .text(r.status())
                    .float64(r.actualHours())
                    .freeText(r.blockedReason());
        }

        @Override
        public TodoStatus read(Row row) {
            return new TodoStatus(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("todo_id"),
                    CoreDimensions.agentOf(row),
                    row.string("status"),
                    row.float64("actual_hours"),
                    row.string("blocked_reason"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_todo_dependency}. */
    public static final FactType<TodoDependency> TODO_DEPENDENCY = new FactType<>() {
        @Override
        public String table() {
            return "fact_todo_dependency";
        }

        @Override
        public String view() {
            return "v_todo_dependency_history";
        }

        @Override
        public void write(TodoDependency r, FactContext c, FactRow row) {
            row.uuid(r.todoId()).uuid(r.blockedByTodoId()).bool(r.removed());
        }

        @Override
        public TodoDependency read(Row row) {
            return new TodoDependency(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("todo_id"),
                    row.uuid("blocked_by_todo_id"),
                    row.bool("is_removed"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_todo_assignment}. */
    public static final FactType<TodoAssignment> TODO_ASSIGNMENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_todo_assignment";
        }

        @Override
        public String view() {
            return "v_todo_assignment_history";
        }

        @Override
        public void write(TodoAssignment r, FactContext c, FactRow row) {
            row.uuid(r.todoId())
                    .int64(agent(c, r.assignee()))
                    .int64(agent(c, r.delegatedBy()))
                    .text(r.via());
        }

        @Override
        public TodoAssignment read(Row row) {
            return new TodoAssignment(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.uuid("todo_id"),
                    agentOf(row, "assignee"),
                    agentOf(row, "delegated_by"),
                    row.string("via"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_skill_invocation}. */
    public static final FactType<SkillInvocation> SKILL_INVOCATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_skill_invocation";
        }

        @Override
        public String view() {
            return "v_skill_invocations";
        }

        @Override
        public void write(SkillInvocation r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .int64(CoreDimensions.component(c, r.skill(), "skill", r.skillPath()))
                    .text(r.invokedBy())
                    .timestamp(r.completedAt())
                    .bool(r.success())
                    .int64(r.actionsTaken())
                    .freeText(r.arguments());
        }

        @Override
        public SkillInvocation read(Row row) {
            return new SkillInvocation(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("skill_name"),
                    row.string("skill_path"),
                    row.string("invoked_by"),
                    row.instant("completed_at"),
                    row.bool("is_success"),
                    row.int64("actions_taken"),
                    row.string("arguments"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_session_intent}. */
    public static final FactType<SessionIntent> SESSION_INTENT = new FactType<>() {
        @Override
        public String table() {
            return "fact_session_intent";
        }

        @Override
        public String view() {
            return "v_session_intent_history";
        }

        @Override
        public void write(SessionIntent r, FactContext c, FactRow row) {
            row.int64(c.key(
                            USER_INTENT,
                            List.of(r.intentHash()),
                            Arrays.asList(
                                    r.category(),
                                    r.intentText() == null
                                            ? null
                                            : c.redaction().redact(r.intentText()))))
                    .int64(session(c, r.sessionId()))
                    .int64(agent(c, r.agent()))
                    .bool(r.achieved())
                    .timestamp(r.achievedAt());
        }

        @Override
        public SessionIntent read(Row row) {
            return new SessionIntent(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("intent_hash"),
                    row.string("categorized_as"),
                    row.string("intent_text"),
                    row.bool("is_achieved"),
                    row.instant("achieved_at"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_teammate_idle}. */
    public static final FactType<TeammateIdle> TEAMMATE_IDLE = new FactType<>() {
        @Override
        public String table() {
            return "fact_teammate_idle";
        }

        @Override
        public String view() {
            return "v_teammate_idle_history";
        }

        @Override
        public void write(TeammateIdle r, FactContext c, FactRow row) {
            row.int64(session(c, r.sessionId()))
                    .int64(agent(c, r.teammate()))
                    .text(r.teamName())
                    .bool(r.workSuggested())
                    .json(r.suggestedWork());
        }

        @Override
        public TeammateIdle read(Row row) {
            return new TeammateIdle(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("session_id"),
                    CoreDimensions.agentOf(row),
                    row.string("team_name"),
                    row.bool("is_work_suggested"),
                    strings(row, "suggested_work"),
                    row.jsonObject("attributes"));
        }
    };
}
