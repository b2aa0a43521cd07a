package io.agentstore.rag;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the store's inverted index ({@code fact_term_posting}): how often an index term occurs in a
 * chunk text.
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when the chunk text was indexed
 * @param supersedesEventId the posting this one corrects, or null
 * @param term              the index term (lower case letters, digits and '_')
 * @param chunkHash         the SHA-256 of the chunk text
 * @param termFrequency     the occurrences, at least 1
 * @param attributes        extra attributes
 */
public record TermPosting(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String term,
        String chunkHash,
        long termFrequency,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public TermPosting {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("term", term);
        Checks.required("chunkHash", chunkHash);
        if (termFrequency < 1) {
            throw new InvalidRecordException("termFrequency", termFrequency, "must be at least 1");
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }
}
