package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One state change of a job, stored in {@code fact_job_transition}. Record it through
 * {@link MemoryFacade#transition(JobTransition)}, which checks that the lifecycle allows it.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the job changed state
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param jobId             the job (required), for example {@code "migration-sqlite"}
 * @param title             the job's title, or null (kept from the first transition that names it)
 * @param project           the project the job belongs to, or null
 * @param sessionId         the session that made the change, or null
 * @param status            the new state (required)
 * @param reason            why, or null
 * @param attributes        anything else, as JSON
 */
public record JobTransition(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String jobId,
        String title,
        String project,
        String sessionId,
        JobStatus status,
        String reason,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public JobTransition {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("jobId", jobId);
        Fields.optional("title", title);
        Fields.optional("project", project);
        Fields.optional("sessionId", sessionId);
        Fields.present("status", status);
        Fields.optional("reason", reason);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** A transition of {@code jobId} to {@code status}, now, for {@code reason} (or null). */
    public static JobTransition of(String jobId, JobStatus status, String reason) {
        return new JobTransition(null, null, null, jobId, null, null, null, status, reason, Map.of());
    }

    /** This transition made by {@code sessionId}. */
    public JobTransition inSession(String sessionId) {
        return new JobTransition(
                eventId, occurredAt, supersedesEventId, jobId, title, project, sessionId, status, reason, attributes);
    }

    /** This transition at {@code at}. */
    public JobTransition at(Instant at) {
        return new JobTransition(
                eventId, at, supersedesEventId, jobId, title, project, sessionId, status, reason, attributes);
    }

    /** This transition with a fixed event id (importers pass name-based ids). */
    public JobTransition withEventId(UUID id) {
        return new JobTransition(
                id, occurredAt, supersedesEventId, jobId, title, project, sessionId, status, reason, attributes);
    }

    /** This transition naming the job's title and project. */
    public JobTransition describing(String jobTitle, String jobProject) {
        return new JobTransition(
                eventId,
                occurredAt,
                supersedesEventId,
                jobId,
                jobTitle,
                jobProject,
                sessionId,
                status,
                reason,
                attributes);
    }
}
