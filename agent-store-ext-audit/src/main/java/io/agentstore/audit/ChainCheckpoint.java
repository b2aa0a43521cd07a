package io.agentstore.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The head of the audit hash chain at an instant: what {@code agent-store verify --head} prints and every export
 * writes to its manifest as {@code checkpoints.audit}. A later chain that does not extend this head was rewritten.
 *
 * @param head  the chain hash of the last link (64 zeros when nothing is sealed)
 * @param facts how many facts the chain covers (its links)
 * @param at    when the checkpoint was taken (the store clock)
 */
public record ChainCheckpoint(String head, long facts, Instant at) {
    /** Validates the parts. */
    public ChainCheckpoint {
        Objects.requireNonNull(head, "head must not be null");
        if (facts < 0) {
            throw new IllegalArgumentException("facts must be >= 0, was " + facts);
        }
        Objects.requireNonNull(at, "at must not be null");
    }

    /** The manifest's form: {@code head}, {@code facts}, {@code at} (ISO-8601). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head", head);
        m.put("facts", facts);
        m.put("at", at.toString());
        return m;
    }
}
