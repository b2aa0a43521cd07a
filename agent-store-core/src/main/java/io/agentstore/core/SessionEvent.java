package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a session: {@code "start"}, {@code "end"}, {@code "resume"}, {@code "prompt"},
 * {@code "compact"}, {@code "stop"}, ... It also describes the session (project, working folder, git branch,
 * client version): the first event that knows a value fills it in. Stored in {@code fact_session_event}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it happened
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session (required)
 * @param agent             the agent, or null
 * @param eventType         what happened
 * @param detail            a short free text, or null
 * @param project           the project name, or null
 * @param workingDir        the working folder, or null
 * @param gitBranch         the git branch, or null
 * @param clientVersion     the version of the agent client, or null
 * @param attributes        anything else, as JSON
 */
public record SessionEvent(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        String eventType,
        String detail,
        String project,
        String workingDir,
        String gitBranch,
        String clientVersion,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public SessionEvent {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("sessionId", sessionId);
        Checks.required("eventType", eventType);
        Checks.optional("detail", detail);
        Checks.optional("project", project);
        Checks.optional("workingDir", workingDir);
        Checks.optional("gitBranch", gitBranch);
        Checks.optional("clientVersion", clientVersion);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code sessionId} and {@code eventType} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SessionEvent}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sessionId;
        private AgentRef agent;
        private String eventType;
        private String detail;
        private String project;
        private String workingDir;
        private String gitBranch;
        private String clientVersion;

        private Builder() {}

        /** The session id. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The agent. */
        public Builder agent(AgentRef agent) {
            this.agent = agent;
            return this;
        }

        /** What happened. */
        public Builder eventType(String eventType) {
            this.eventType = eventType;
            return this;
        }

        /** A short free text. */
        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        /** The project name. */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /** The working folder. */
        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        /** The git branch. */
        public Builder gitBranch(String gitBranch) {
            this.gitBranch = gitBranch;
            return this;
        }

        /** The client version. */
        public Builder clientVersion(String clientVersion) {
            this.clientVersion = clientVersion;
            return this;
        }

        /** The validated record. */
        public SessionEvent build() {
            return new SessionEvent(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    eventType,
                    detail,
                    project,
                    workingDir,
                    gitBranch,
                    clientVersion,
                    attributes);
        }
    }
}
