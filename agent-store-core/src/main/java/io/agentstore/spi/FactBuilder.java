package io.agentstore.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The envelope setters every fact builder shares: event id, time, the event it supersedes, attributes.
 *
 * @param <B> the concrete builder
 */
public abstract class FactBuilder<B extends FactBuilder<B>> {
    /** The event id, or null for a random one at record time. */
    protected UUID eventId;
    /** When it happened, or null for the store clock's now. */
    protected Instant occurredAt;
    /** The event this one corrects, or null. */
    protected UUID supersedesEventId;
    /** JSON attributes. */
    protected final Map<String, Object> attributes = new LinkedHashMap<>();

    /** For subclasses. */
    protected FactBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A fixed event id: importers pass a name-based UUID so that re-imports are idempotent. */
    public B eventId(UUID eventId) {
        this.eventId = eventId;
        return self();
    }

    /** When the event happened; default: when it is recorded, on the store's clock. */
    public B occurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
        return self();
    }

    /** Marks this fact as the correction of an earlier one; views then show only this one. */
    public B supersedes(UUID supersededEventId) {
        this.supersedesEventId = supersededEventId;
        return self();
    }

    /** Adds JSON attributes (values: maps, lists, strings, numbers, booleans, null). */
    public B attributes(Map<String, ?> attributes) {
        if (attributes != null) {
            this.attributes.putAll(attributes);
        }
        return self();
    }

    /** Adds one JSON attribute. */
    public B attribute(String key, Object value) {
        this.attributes.put(key, value);
        return self();
    }
}
