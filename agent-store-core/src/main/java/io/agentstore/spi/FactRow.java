package io.agentstore.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns of one fact row, appended in table order. The writer appends the envelope columns
 * ({@code event_id, occurred_at, recorded_at, supersedes_event_id}) before {@link FactType#write} and
 * {@code attributes} after it (redacted like {@link #freeText}); a fact type appends the columns in between.
 * Every method takes null.
 */
public interface FactRow {

    /** Appends a VARCHAR (or JSON text) column, as it is: for names, ids, paths, codes. */
    FactRow text(String value);

    /**
     * Appends a VARCHAR column of free text (a message, a rationale, an excerpt, a prompt) after the store's
     * {@link Redaction}: secrets in it become typed placeholders before anything is stored.
     */
    default FactRow freeText(String value) {
        return text(Redaction.defaults().redact(value));
    }

    /** Appends a BIGINT column. */
    FactRow int64(Long value);

    /** Appends a DOUBLE column. */
    FactRow float64(Double value);

    /** Appends a BOOLEAN column. */
    FactRow bool(Boolean value);

    /** Appends a DECIMAL column of the given scale. */
    FactRow decimal(BigDecimal value, int scale);

    /** Appends a TIMESTAMPTZ column. */
    FactRow timestamp(Instant value);

    /** Appends a UUID column. */
    FactRow uuid(UUID value);

    /** Appends a JSON column from a value Jackson can write (map, list, string, number). */
    FactRow json(Object value);

    /** Appends a {@code FLOAT[]} (or {@code FLOAT[n]}) column, for example an embedding; null for NULL. */
    FactRow floats(float[] value);
}
