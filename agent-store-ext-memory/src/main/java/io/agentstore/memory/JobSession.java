package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactRecord;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A session belongs to a job, stored in {@code fact_job_session}; the latest link of a session wins.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the session was linked
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param jobId             the job (required)
 * @param sessionId         the session (required)
 * @param attributes        anything else, as JSON
 */
public record JobSession(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String jobId,
        String sessionId,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public JobSession {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("jobId", jobId);
        Fields.required("sessionId", sessionId);
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** {@code sessionId} belongs to {@code jobId}, from now. */
    public static JobSession of(String jobId, String sessionId) {
        return new JobSession(null, null, null, jobId, sessionId, Map.of());
    }
}
