package io.agentstore.core;

import io.agentstore.spi.Checks;

/**
 * The task a fact belongs to.
 *
 * @param id          the task's own id (the natural key), for example an issue number or a todo id
 * @param description what the task is, or null
 * @param type        {@code "debug"}, {@code "refactor"}, {@code "implement"}, {@code "analyze"}, ... or null
 */
public record TaskRef(String id, String description, String type) {

    /** Validates: an id is required. */
    public TaskRef {
        Checks.required("task.id", id);
        Checks.optional("task.description", description);
        Checks.optional("task.type", type);
    }

    /** A task with an id and a type. */
    public static TaskRef of(String id, String type) {
        return new TaskRef(id, null, type);
    }
}
