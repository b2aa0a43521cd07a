package io.agentstore.cdc;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactBuilder;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One classified change of a source: the differ and the rule that found it (see the module README's rule
 * tables), what it touches and the components it affects. Stored in {@code fact_change}.
 *
 * @param eventId            see {@link FactRecord#eventId()}
 * @param occurredAt         when it was detected
 * @param supersedesEventId  see {@link FactRecord#supersedesEventId()}
 * @param sourceName         the source (required)
 * @param pageUrl            the page, or null
 * @param dependencyName     the dependency the source describes, or null
 * @param differ             one of {@link #DIFFERS}
 * @param ruleId             the rule that fired, for example {@code openapi.endpoint_removed} (required)
 * @param classification     BREAKING, ADDITIVE or COSMETIC
 * @param changeType         what changed, for example {@code endpoint_removed} (required)
 * @param subject            the path, endpoint, column, heading or package, or null
 * @param method             the HTTP method of an API change, or null
 * @param oldValue           the old value, or null
 * @param newValue           the new value, or null
 * @param oldHash            the old content hash, or null
 * @param newHash            the new content hash, or null
 * @param summary            one line for people (required)
 * @param affectedComponents the names of the components it affects
 * @param attributes         anything else, as JSON
 */
public record Change(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sourceName,
        String pageUrl,
        String dependencyName,
        String differ,
        String ruleId,
        Classification classification,
        String changeType,
        String subject,
        String method,
        String oldValue,
        String newValue,
        String oldHash,
        String newHash,
        String summary,
        List<String> affectedComponents,
        Map<String, Object> attributes)
        implements FactRecord {

    /** The differs. */
    public static final Set<String> DIFFERS =
            Set.of("openapi", "json_schema", "sql_ddl", "markdown", "package", "git", "content");

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public Change {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("sourceName", sourceName);
        Checks.optional("pageUrl", pageUrl);
        Checks.optional("dependencyName", dependencyName);
        Checks.oneOf("differ", differ, DIFFERS);
        Checks.required("ruleId", ruleId);
        if (classification == null) {
            throw new InvalidRecordException("classification", null, "is required");
        }
        Checks.required("changeType", changeType);
        Checks.optional("subject", subject);
        Checks.optional("method", method);
        Checks.text("oldValue", oldValue);
        Checks.text("newValue", newValue);
        Checks.optional("oldHash", oldHash);
        Checks.optional("newHash", newHash);
        Checks.required("summary", summary);
        affectedComponents =
                Checks.texts("affectedComponents", affectedComponents == null ? List.of() : affectedComponents);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Change}. */
    public static final class Builder extends FactBuilder<Builder> {
        private String sourceName;
        private String pageUrl;
        private String dependencyName;
        private String differ;
        private String ruleId;
        private Classification classification;
        private String changeType;
        private String subject;
        private String method;
        private String oldValue;
        private String newValue;
        private String oldHash;
        private String newHash;
        private String summary;
        private List<String> affectedComponents = List.of();

        private Builder() {}

        /** The source, page and dependency. */
        public Builder source(String sourceName, String pageUrl, String dependencyName) {
            this.sourceName = sourceName;
            this.pageUrl = pageUrl;
            this.dependencyName = dependencyName;
            return this;
        }

        /** The differ, rule, classification and change type. */
        public Builder rule(String differ, String ruleId, Classification classification, String changeType) {
            this.differ = differ;
            this.ruleId = ruleId;
            this.classification = classification;
            this.changeType = changeType;
            return this;
        }

        /** What it touches. */
        public Builder subject(String subject, String method) {
            this.subject = subject;
            this.method = method;
            return this;
        }

        /** The old and new values. */
        public Builder values(String oldValue, String newValue) {
            this.oldValue = oldValue;
            this.newValue = newValue;
            return this;
        }

        /** The old and new content hashes. */
        public Builder hashes(String oldHash, String newHash) {
            this.oldHash = oldHash;
            this.newHash = newHash;
            return this;
        }

        /** The summary. */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** The affected components. */
        public Builder affectedComponents(List<String> affectedComponents) {
            this.affectedComponents = affectedComponents;
            return this;
        }

        /** The validated record. */
        public Change build() {
            return new Change(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sourceName,
                    pageUrl,
                    dependencyName,
                    differ,
                    ruleId,
                    classification,
                    changeType,
                    subject,
                    method,
                    oldValue,
                    newValue,
                    oldHash,
                    newHash,
                    summary,
                    affectedComponents,
                    attributes);
        }
    }
}
