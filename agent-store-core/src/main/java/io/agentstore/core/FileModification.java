package io.agentstore.core;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A change to a file: created, edited, deleted or renamed, with line and character counts. Stored in
 * {@code fact_file_modification}; the source of "which files get edited most".
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it happened
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session, or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param toolName          the tool that changed it, or null
 * @param filePath          the file
 * @param modificationType  {@code "create"}, {@code "edit"}, {@code "delete"} or {@code "rename"}
 * @param linesAdded        lines added, or null
 * @param linesDeleted      lines removed, or null
 * @param charsAdded        characters added, or null
 * @param charsDeleted      characters removed, or null
 * @param diffSnippet       the start of the diff (keep it short), or null
 * @param attributes        anything else, as JSON
 */
public record FileModification(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        String toolName,
        String filePath,
        String modificationType,
        Long linesAdded,
        Long linesDeleted,
        Long charsAdded,
        Long charsDeleted,
        String diffSnippet,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The kinds of modification. */
    public static final Set<String> TYPES = Set.of("create", "edit", "delete", "rename");

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public FileModification {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        Checks.optional("toolName", toolName);
        Checks.required("filePath", filePath);
        modificationType =
                Checks.oneOf("modificationType", modificationType == null ? "edit" : modificationType, TYPES);
        Checks.nonNegative("linesAdded", linesAdded);
        Checks.nonNegative("linesDeleted", linesDeleted);
        Checks.nonNegative("charsAdded", charsAdded);
        Checks.nonNegative("charsDeleted", charsDeleted);
        Checks.text("diffSnippet", diffSnippet);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; {@code filePath} is required, the type defaults to {@code "edit"}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FileModification}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private String toolName;
        private String filePath;
        private String modificationType;
        private Long linesAdded;
        private Long linesDeleted;
        private Long charsAdded;
        private Long charsDeleted;
        private String diffSnippet;

        private Builder() {}

        /** The tool that made the change. */
        public Builder tool(String toolName) {
            this.toolName = toolName;
            return this;
        }

        /** The file. */
        public Builder filePath(String filePath) {
            this.filePath = filePath;
            return this;
        }

        /** {@code "create"}, {@code "edit"}, {@code "delete"} or {@code "rename"}. */
        public Builder modificationType(String modificationType) {
            this.modificationType = modificationType;
            return this;
        }

        /** Lines added and removed. */
        public Builder lines(Long added, Long deleted) {
            this.linesAdded = added;
            this.linesDeleted = deleted;
            return this;
        }

        /** Characters added and removed. */
        public Builder chars(Long added, Long deleted) {
            this.charsAdded = added;
            this.charsDeleted = deleted;
            return this;
        }

        /** The start of the diff. */
        public Builder diffSnippet(String diffSnippet) {
            this.diffSnippet = diffSnippet;
            return this;
        }

        /** The validated record. */
        public FileModification build() {
            return new FileModification(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    toolName,
                    filePath,
                    modificationType,
                    linesAdded,
                    linesDeleted,
                    charsAdded,
                    charsDeleted,
                    diffSnippet,
                    attributes);
        }
    }
}
