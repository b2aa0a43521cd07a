package io.agentstore.agents;

import io.agentstore.spi.Checks;
import java.util.Set;

/**
 * A piece of work agents share ({@code dim_work_item}): its id (the natural key), kind, target and description.
 *
 * @param id          the work id; required
 * @param type        {@code file_edit}, {@code research}, {@code test_creation}, {@code review}, {@code subagent},
 *                    ... or null
 * @param targetPath  the file or folder it is about, or null
 * @param description what is to be done, or null
 */
public record WorkItem(String id, String type, String targetPath, String description) {
    /** The statuses a work item goes through ({@code fact_work_status}). */
    public static final Set<String> STATUSES =
            Set.of("pending", "assigned", "in_progress", "completed", "blocked", "abandoned");

    /** Validates: an id is required. */
    public WorkItem {
        Checks.required("work.id", id);
        Checks.optional("work.type", type);
        Checks.optional("work.targetPath", targetPath);
        Checks.text("work.description", description);
    }

    /** A work item known only by id. */
    public static WorkItem of(String id) {
        return new WorkItem(id, null, null, null);
    }
}
