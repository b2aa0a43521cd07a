package io.agentstore.spi;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a {@link FactType} gets while the writer appends one record: its envelope and the surrogate-key
 * resolver. Only valid during {@link FactType#write}.
 */
public interface FactContext {

    /** The event id of the row being written. */
    UUID eventId();

    /** When the event happened. */
    Instant occurredAt();

    /**
     * The surrogate key of the dimension member with this natural key, inserting it (in the same
     * transaction as the fact) when it is new. For a type 2 dimension the key is that of the version in
     * effect at {@link #occurredAt()}.
     *
     * @param naturalKey values of {@link Dimension#naturalKey()}; {@code null} values make the result null
     * @param attributes values of {@link Dimension#attributes()}, {@code null} where unknown
     * @return the key, or {@code null} when the natural key is null (an optional dimension)
     */
    Long key(Dimension dimension, List<?> naturalKey, List<?> attributes);

    /**
     * The store's redaction (see {@link StoreContext#redaction()}), for a fact type that stores a value derived
     * from its free text (a hash of the text as stored) and so must redact before {@link FactRow#freeText}.
     */
    default Redaction redaction() {
        return Redaction.defaults();
    }
}
