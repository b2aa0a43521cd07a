package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a session achieved (the original's SESSIONS row, written by {@code /save}), stored in
 * {@code fact_session_summary}. The latest summary of a session is the one {@code v_session_summaries} shows.
 *
 * @param eventId             see {@link FactRecord#eventId()}
 * @param occurredAt          when the summary was written
 * @param supersedesEventId   see {@link FactRecord#supersedesEventId()}
 * @param sessionId           the session (required)
 * @param jobId               the job the session belongs to, or null
 * @param agent               the agent that wrote it, or null
 * @param source              {@code "agent"} (written by the agent), {@code "mechanical"} (made from what the store
 *                            knows) or {@code "import"}
 * @param title               a one-line summary, or null
 * @param accomplishments     what was completed
 * @param decisions           important choices made
 * @param pending             what is not finished
 * @param bugsFixed           bugs resolved
 * @param errorsEncountered   problems met
 * @param breakthrough        the key insight, or null
 * @param nextSessionPriority what to do first next time, or null
 * @param qualityScore        the session's effectiveness 0..10, or null
 * @param startedAt           when the session started, or null
 * @param endedAt             when it ended, or null
 * @param attributes          anything else, as JSON (a mechanical summary keeps its counts here)
 */
public record SessionSummary(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        String jobId,
        String agent,
        String source,
        String title,
        List<String> accomplishments,
        List<String> decisions,
        List<String> pending,
        List<String> bugsFixed,
        List<String> errorsEncountered,
        String breakthrough,
        String nextSessionPriority,
        Integer qualityScore,
        Instant startedAt,
        Instant endedAt,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The values of {@link #source()}. */
    public static final Set<String> SOURCES = Set.of("agent", "mechanical", "import");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public SessionSummary {
        occurredAt = Fields.instant("occurredAt", occurredAt);
        Fields.required("sessionId", sessionId);
        Fields.optional("jobId", jobId);
        Fields.optional("agent", agent);
        if (source == null || !SOURCES.contains(source)) {
            throw new InvalidRecordException("source", source, "must be one of [agent, import, mechanical]");
        }
        Fields.optional("title", title);
        accomplishments = Fields.texts("accomplishments", accomplishments);
        decisions = Fields.texts("decisions", decisions);
        pending = Fields.texts("pending", pending);
        bugsFixed = Fields.texts("bugsFixed", bugsFixed);
        errorsEncountered = Fields.texts("errorsEncountered", errorsEncountered);
        Fields.optional("breakthrough", breakthrough);
        Fields.optional("nextSessionPriority", nextSessionPriority);
        if (qualityScore != null && (qualityScore < 0 || qualityScore > 10)) {
            throw new InvalidRecordException("qualityScore", qualityScore, "must be between 0 and 10");
        }
        startedAt = Fields.instant("startedAt", startedAt);
        endedAt = Fields.instant("endedAt", endedAt);
        if (startedAt != null && endedAt != null && endedAt.isBefore(startedAt)) {
            throw new InvalidRecordException("endedAt", endedAt, "must not be before startedAt " + startedAt);
        }
        attributes = Fields.jsonObject("attributes", attributes);
    }

    /** A builder of a summary written by an agent; {@code sessionId} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SessionSummary}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private String jobId;
        private String agent;
        private String source = "agent";
        private String title;
        private List<String> accomplishments = List.of();
        private List<String> decisions = List.of();
        private List<String> pending = List.of();
        private List<String> bugsFixed = List.of();
        private List<String> errorsEncountered = List.of();
        private String breakthrough;
        private String nextSessionPriority;
        private Integer qualityScore;
        private Instant startedAt;
        private Instant endedAt;

        private Builder() {}

        /** The session. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The job the session belongs to. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** The agent that wrote the summary. */
        public Builder agent(String agent) {
            this.agent = agent;
            return this;
        }

        /** {@code "agent"} (the default), {@code "mechanical"} or {@code "import"}. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** A one-line summary. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** What was completed. */
        public Builder accomplishments(List<String> items) {
            this.accomplishments = items;
            return this;
        }

        /** Important choices made. */
        public Builder decisions(List<String> items) {
            this.decisions = items;
            return this;
        }

        /** What is not finished. */
        public Builder pending(List<String> items) {
            this.pending = items;
            return this;
        }

        /** Bugs resolved. */
        public Builder bugsFixed(List<String> items) {
            this.bugsFixed = items;
            return this;
        }

        /** Problems met. */
        public Builder errorsEncountered(List<String> items) {
            this.errorsEncountered = items;
            return this;
        }

        /** The key insight. */
        public Builder breakthrough(String breakthrough) {
            this.breakthrough = breakthrough;
            return this;
        }

        /** What to do first next time. */
        public Builder nextSessionPriority(String nextSessionPriority) {
            this.nextSessionPriority = nextSessionPriority;
            return this;
        }

        /** The session's effectiveness, 0..10. */
        public Builder qualityScore(Integer qualityScore) {
            this.qualityScore = qualityScore;
            return this;
        }

        /** When the session started and ended (either may be null). */
        public Builder span(Instant started, Instant ended) {
            this.startedAt = started;
            this.endedAt = ended;
            return this;
        }

        /** The validated record. */
        public SessionSummary build() {
            return new SessionSummary(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    jobId,
                    agent,
                    source,
                    title,
                    accomplishments,
                    decisions,
                    pending,
                    bugsFixed,
                    errorsEncountered,
                    breakthrough,
                    nextSessionPriority,
                    qualityScore,
                    startedAt,
                    endedAt,
                    attributes);
        }
    }
}
