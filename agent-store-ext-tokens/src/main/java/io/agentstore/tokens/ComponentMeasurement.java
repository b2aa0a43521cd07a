package io.agentstore.tokens;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One measurement of a component's content: its sizes, an estimate of the tokens it takes when loaded, and
 * a hash of its bytes. Stored in {@code fact_component_measurement}; {@link TokensFacade#measureComponents}
 * records one only when the hash changed.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when it was measured
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param component         the component (required)
 * @param filePath          the file measured, or null
 * @param fileType          its extension without the dot, lower case, or null
 * @param lineCount         lines
 * @param wordCount         words (runs of non-whitespace)
 * @param charCount         characters (Unicode code points)
 * @param byteCount         bytes
 * @param estimatedTokens   estimated tokens
 * @param contentHash       SHA-256 of the bytes, hex (required)
 * @param estimator         how {@code estimatedTokens} was computed, for example {@code "chars/4"}
 * @param attributes        anything else, as JSON
 */
public record ComponentMeasurement(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        ComponentRef component,
        String filePath,
        String fileType,
        long lineCount,
        long wordCount,
        long charCount,
        long byteCount,
        long estimatedTokens,
        String contentHash,
        String estimator,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ComponentMeasurement {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        if (component == null) {
            throw new InvalidRecordException("component", null, "is required");
        }
        Checks.optional("filePath", filePath);
        Checks.optional("fileType", fileType);
        Checks.nonNegative("lineCount", lineCount);
        Checks.nonNegative("wordCount", wordCount);
        Checks.nonNegative("charCount", charCount);
        Checks.nonNegative("byteCount", byteCount);
        Checks.nonNegative("estimatedTokens", estimatedTokens);
        Checks.required("contentHash", contentHash);
        estimator = estimator == null ? "unspecified" : Checks.required("estimator", estimator);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder; component, sizes and hash are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ComponentMeasurement}. */
    public static final class Builder extends FactBuilder<Builder> {
        private ComponentRef component;
        private String filePath;
        private String fileType;
        private long lineCount;
        private long wordCount;
        private long charCount;
        private long byteCount;
        private long estimatedTokens;
        private String contentHash;
        private String estimator;

        private Builder() {}

        /** The component. */
        public Builder component(ComponentRef component) {
            this.component = component;
            return this;
        }

        /** The file measured and its type. */
        public Builder file(String filePath, String fileType) {
            this.filePath = filePath;
            this.fileType = fileType;
            return this;
        }

        /** Lines, words, characters and bytes. */
        public Builder sizes(long lines, long words, long chars, long bytes) {
            this.lineCount = lines;
            this.wordCount = words;
            this.charCount = chars;
            this.byteCount = bytes;
            return this;
        }

        /** The estimated tokens and how they were estimated. */
        public Builder estimatedTokens(long estimatedTokens, String estimator) {
            this.estimatedTokens = estimatedTokens;
            this.estimator = estimator;
            return this;
        }

        /** The hash of the content. */
        public Builder contentHash(String contentHash) {
            this.contentHash = contentHash;
            return this;
        }

        /** The validated record. */
        public ComponentMeasurement build() {
            return new ComponentMeasurement(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    component,
                    filePath,
                    fileType,
                    lineCount,
                    wordCount,
                    charCount,
                    byteCount,
                    estimatedTokens,
                    contentHash,
                    estimator,
                    attributes);
        }
    }
}
