package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One check of a source or of one page of it, recorded whether or not anything changed. Stored in
 * {@code fact_watermark_check}.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the check ran
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sourceName        the source (required)
 * @param pageUrl           the page (a URL or a relative file path), or null for the source as a whole
 * @param checker           {@code http}, {@code file} or {@code git}
 * @param httpStatus        the HTTP status, or null
 * @param lastModified      the {@code Last-Modified} header, or null
 * @param etag              the {@code ETag} header, or null
 * @param contentHash       the sha-256 of the content, or null
 * @param version           the git commit, or null
 * @param available         whether the source answered
 * @param changed           whether it changed since the previous check
 * @param durationMs        how long the check took, or null
 * @param error             why it was not available, or null
 * @param snapshot          the content, kept as the baseline of the next diff (stored after the redaction of secrets), or null
 * @param attributes        anything else, as JSON
 */
public record WatermarkCheck(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sourceName,
        String pageUrl,
        String checker,
        Long httpStatus,
        String lastModified,
        String etag,
        String contentHash,
        String version,
        boolean available,
        boolean changed,
        Long durationMs,
        String error,
        String snapshot,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The checkers. */
    public static final Set<String> CHECKERS = Set.of("http", "file", "git");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public WatermarkCheck {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("sourceName", sourceName);
        Checks.optional("pageUrl", pageUrl);
        Checks.oneOf("checker", checker, CHECKERS);
        if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
            throw new InvalidRecordException("httpStatus", httpStatus, "must be between 100 and 599");
        }
        Checks.optional("lastModified", lastModified);
        Checks.optional("etag", etag);
        Checks.optional("contentHash", contentHash);
        Checks.optional("version", version);
        Checks.nonNegative("durationMs", durationMs);
        Checks.optional("error", error);
        Checks.text("snapshot", snapshot);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** The page, when the check is of one page. */
    public Optional<String> page() {
        return Optional.ofNullable(pageUrl);
    }

    /** A builder; source and checker are required, available defaults to true, changed to false. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WatermarkCheck}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sourceName;
        private String pageUrl;
        private String checker;
        private Long httpStatus;
        private String lastModified;
        private String etag;
        private String contentHash;
        private String version;
        private boolean available = true;
        private boolean changed;
        private Long durationMs;
        private String error;
        private String snapshot;

        private Builder() {}

        /** The source. */
        public Builder sourceName(String sourceName) {
            this.sourceName = sourceName;
            return this;
        }

        /** The page. */
        public Builder pageUrl(String pageUrl) {
            this.pageUrl = pageUrl;
            return this;
        }

        /** The checker. */
        public Builder checker(String checker) {
            this.checker = checker;
            return this;
        }

        /** The HTTP status. */
        public Builder httpStatus(Long httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        /** The validators the server sent. */
        public Builder validators(String etag, String lastModified) {
            this.etag = etag;
            this.lastModified = lastModified;
            return this;
        }

        /** The content hash. */
        public Builder contentHash(String contentHash) {
            this.contentHash = contentHash;
            return this;
        }

        /** The git commit. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Whether it changed. */
        public Builder changed(boolean changed) {
            this.changed = changed;
            return this;
        }

        /** Marks the source unavailable with this error. */
        public Builder unavailable(String error) {
            this.available = false;
            this.error = error;
            return this;
        }

        /** The duration. */
        public Builder durationMs(Long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        /** The content kept as the next diff's baseline. */
        public Builder snapshot(String snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        /** The validated record. */
        public WatermarkCheck build() {
            return new WatermarkCheck(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sourceName,
                    pageUrl,
                    checker,
                    httpStatus,
                    lastModified,
                    etag,
                    contentHash,
                    version,
                    available,
                    changed,
                    durationMs,
                    error,
                    snapshot,
                    attributes);
        }
    }
}
