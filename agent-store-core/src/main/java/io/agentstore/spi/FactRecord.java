package io.agentstore.spi;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every fact record carries besides its own fields. A record with no {@link #eventId()} gets a
 * random one when it is recorded, and one with no {@link #occurredAt()} gets the store clock's instant.
 * Importers pass name-based ids so that importing the same data twice changes nothing.
 */
public interface FactRecord {

    /** The event id, or {@code null} to let the store assign a random one. */
    UUID eventId();

    /** When it happened, or {@code null} for "now" on the store's clock. */
    Instant occurredAt();

    /** The event this one corrects, or {@code null}. Views show the latest version of a corrected event. */
    UUID supersedesEventId();

    /** The long tail of JSON attributes; never null, possibly empty. */
    Map<String, Object> attributes();
}
