package io.agentstore.agents;

import io.agentstore.core.AgentRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One version of a todo's definition ({@code fact_todo}): the reference TODOS table's columns other than status
 * ({@link TodoStatus}), assignment ({@link TodoAssignment}) and dependencies ({@link TodoDependency}). A later
 * version with the same todo id replaces it; the task text is stored redacted.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when this version was written
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param todoId            the todo's id; required (the first version's event id by convention)
 * @param parentTodoId      the parent todo, or null
 * @param sessionId         the session, or null
 * @param agent             the agent whose list it is, or null
 * @param task              what to do; required
 * @param priority          one of {@link #PRIORITIES}, or null
 * @param category          one of {@link #CATEGORIES}, or null
 * @param module            the module affected, or null
 * @param position          its place in its list (from 0), or null
 * @param dueAt             when it is due, or null
 * @param startAt           when work is to start, or null
 * @param reminderAt        when to remind, or null
 * @param estimatedHours    the estimate, or null
 * @param tags              tags
 * @param relatedFiles      related file paths
 * @param createdBy         one of {@link #CREATORS}, or null
 * @param autoCreated       whether it was created automatically
 * @param aiSuggested       whether an AI suggested it
 * @param context           more structured data ({@code flag_id}, {@code auto_synced}, ...)
 * @param attributes        anything else
 */
public record Todo(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        UUID todoId,
        UUID parentTodoId,
        String sessionId,
        AgentRef agent,
        String task,
        String priority,
        String category,
        String module,
        Long position,
        Instant dueAt,
        Instant startAt,
        Instant reminderAt,
        Double estimatedHours,
        List<String> tags,
        List<String> relatedFiles,
        String createdBy,
        boolean autoCreated,
        boolean aiSuggested,
        Map<String, Object> context,
        Map<String, Object> attributes)
        implements FactRecord {
    /** A todo's statuses. */
    public static final Set<String> STATUSES = Set.of("pending", "in_progress", "completed", "blocked", "cancelled");
    /** Priorities, lowest first. */
    public static final List<String> PRIORITIES = List.of("low", "medium", "high", "critical");
    /** Categories. */
    public static final Set<String> CATEGORIES = Set.of("bug", "feature", "refactor", "test", "docs", "maintenance");
    /** Who creates todos. */
    public static final Set<String> CREATORS = Set.of("user", "claude", "system", "agent");

    /** Validates every field. */
    public Todo {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        if (todoId == null) {
            throw new InvalidRecordException("todoId", null, "is required");
        }
        if (todoId.equals(parentTodoId)) {
            throw new InvalidRecordException("parentTodoId", parentTodoId, "must not be the todo itself");
        }
        Checks.optional("sessionId", sessionId);
        Checks.required("task", task);
        if (priority != null) {
            Checks.oneOf("priority", priority, Set.copyOf(PRIORITIES));
        }
        if (category != null) {
            Checks.oneOf("category", category, CATEGORIES);
        }
        Checks.optional("module", module);
        Checks.nonNegative("position", position);
        dueAt = Checks.instant("dueAt", dueAt);
        startAt = Checks.instant("startAt", startAt);
        reminderAt = Checks.instant("reminderAt", reminderAt);
        if (estimatedHours != null && !(estimatedHours >= 0 && estimatedHours < 1e7)) {
            throw new InvalidRecordException("estimatedHours", estimatedHours, "must be >= 0");
        }
        tags = Checks.texts("tags", tags == null ? List.of() : tags);
        relatedFiles = Checks.texts("relatedFiles", relatedFiles == null ? List.of() : relatedFiles);
        if (createdBy != null) {
            Checks.oneOf("createdBy", createdBy, CREATORS);
        }
        context = Json.normalizeObject("context", context);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder for a new todo (a random id unless {@link Builder#todoId} is given); the task is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this version, for the next one (same todo id, no event id). */
    public Builder toBuilder() {
        Builder b = new Builder()
                .todoId(todoId)
                .parent(parentTodoId)
                .sessionId(sessionId)
                .agent(agent)
                .task(task)
                .priority(priority)
                .category(category)
                .module(module)
                .position(position)
                .due(dueAt)
                .start(startAt)
                .reminder(reminderAt)
                .estimatedHours(estimatedHours)
                .createdBy(createdBy)
                .flags(autoCreated, aiSuggested);
        b.tags.addAll(tags);
        b.relatedFiles.addAll(relatedFiles);
        b.context.putAll(context);
        return b.attributes(attributes);
    }

    /** Builds a {@link Todo}. */
    public static final class Builder extends FactBuilder<Builder> {
        private UUID todoId;
        private UUID parentTodoId;
        private String sessionId;
        private AgentRef agent;
        private String task;
        private String priority;
        private String category;
        private String module;
        private Long position;
        private Instant dueAt;
        private Instant startAt;
        private Instant reminderAt;
        private Double estimatedHours;
        private final List<String> tags = new ArrayList<>();
        private final List<String> relatedFiles = new ArrayList<>();
        private String createdBy;
        private boolean autoCreated;
        private boolean aiSuggested;
        private final Map<String, Object> context = new LinkedHashMap<>();

        private Builder() {}

        /** The todo's id (default: the event id, or a random one). */
        public Builder todoId(UUID todoId) {
            this.todoId = todoId;
            return this;
        }

        /** The parent todo. */
        public Builder parent(UUID parentTodoId) {
            this.parentTodoId = parentTodoId;
            return this;
        }

        /** The session. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The agent whose list it is. */
        public Builder agent(AgentRef agent) {
            this.agent = agent;
            return this;
        }

        /** What to do. */
        public Builder task(String task) {
            this.task = task;
            return this;
        }

        /** One of {@link Todo#PRIORITIES}. */
        public Builder priority(String priority) {
            this.priority = priority;
            return this;
        }

        /** One of {@link Todo#CATEGORIES}. */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** The module affected. */
        public Builder module(String module) {
            this.module = module;
            return this;
        }

        /** Its place in its list. */
        public Builder position(Long position) {
            this.position = position;
            return this;
        }

        /** When it is due. */
        public Builder due(Instant dueAt) {
            this.dueAt = dueAt;
            return this;
        }

        /** When work is to start. */
        public Builder start(Instant startAt) {
            this.startAt = startAt;
            return this;
        }

        /** When to remind. */
        public Builder reminder(Instant reminderAt) {
            this.reminderAt = reminderAt;
            return this;
        }

        /** The estimate in hours. */
        public Builder estimatedHours(Double estimatedHours) {
            this.estimatedHours = estimatedHours;
            return this;
        }

        /** Tags (appended). */
        public Builder tags(String... tags) {
            this.tags.addAll(Arrays.asList(tags));
            return this;
        }

        /** Related files (appended). */
        public Builder relatedFiles(String... paths) {
            this.relatedFiles.addAll(Arrays.asList(paths));
            return this;
        }

        /** One of {@link Todo#CREATORS}. */
        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        /** Whether it was created automatically and whether an AI suggested it. */
        public Builder flags(boolean autoCreated, boolean aiSuggested) {
            this.autoCreated = autoCreated;
            this.aiSuggested = aiSuggested;
            return this;
        }

        /** One entry of structured context. */
        public Builder context(String key, Object value) {
            this.context.put(key, value);
            return this;
        }

        /** The todo; throws {@link InvalidRecordException} naming a missing or bad field. */
        public Todo build() {
            if (eventId == null) {
                eventId = UUID.randomUUID();
            }
            UUID id = todoId != null ? todoId : eventId;
            return new Todo(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    id,
                    parentTodoId,
                    sessionId,
                    agent,
                    task,
                    priority,
                    category,
                    module,
                    position,
                    dueAt,
                    startAt,
                    reminderAt,
                    estimatedHours,
                    tags,
                    relatedFiles,
                    createdBy,
                    autoCreated,
                    aiSuggested,
                    context,
                    attributes);
        }
    }
}
