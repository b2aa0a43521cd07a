package io.agentstore.memory;

import io.agentstore.spi.InvalidRecordException;
import java.util.Locale;

/** Who made a change to a memory: an agent, a person, or the system (compaction, import). */
public enum AuthorKind {
    /** An agent wrote it. */
    AGENT,
    /** A person wrote it. */
    USER,
    /** The store wrote it: compaction, import, rollback on request of a tool. */
    SYSTEM;

    /** The name stored in {@code author_kind}: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code id}, case-insensitively.
     *
     * @throws InvalidRecordException naming {@code field} for any other name
     */
    public static AuthorKind of(String field, String id) {
        if (id != null) {
            for (AuthorKind k : values()) {
                if (k.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
        }
        throw new InvalidRecordException(field, id, "must be one of [agent, user, system]");
    }
}
