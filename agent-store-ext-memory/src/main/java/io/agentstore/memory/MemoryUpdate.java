package io.agentstore.memory;

import io.agentstore.memory.internal.Fields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A new content for one typed memory of an agent, with who wrote it and why. Build it with
 * {@link #builder(String, MemoryType)}; the facade turns it into the next {@link MemoryVersion}.
 *
 * @param agent      the agent (required)
 * @param type       the memory type (required)
 * @param content    the whole new JSON document (required; a memory is replaced, not patched)
 * @param validFrom  when it became true of the code, or null for now
 * @param authorKind who writes it (required)
 * @param authorName the agent's or person's name, or null
 * @param reason     why it changed, or null
 * @param sessionId  the session, or null
 */
public record MemoryUpdate(
        String agent,
        MemoryType type,
        Map<String, Object> content,
        Instant validFrom,
        AuthorKind authorKind,
        String authorName,
        String reason,
        String sessionId) {

    /** Validates every field; a bad one throws {@link io.agentstore.spi.InvalidRecordException} naming it. */
    public MemoryUpdate {
        Fields.required("agent", agent);
        Fields.present("type", type);
        content = Fields.jsonObject("content", Fields.present("content", content));
        validFrom = Fields.instant("validFrom", validFrom);
        Fields.present("authorKind", authorKind);
        Fields.optional("authorName", authorName);
        Fields.optional("reason", reason);
        Fields.optional("sessionId", sessionId);
    }

    /** A builder for {@code agent}'s memory of {@code type}; written by the agent itself unless told otherwise. */
    public static Builder builder(String agent, MemoryType type) {
        return new Builder(agent, type);
    }

    /** Builds a {@link MemoryUpdate}. */
    public static final class Builder {
        private final String agent;
        private final MemoryType type;
        private Map<String, ?> content;
        private Instant validFrom;
        private AuthorKind authorKind = AuthorKind.AGENT;
        private String authorName;
        private String reason;
        private String sessionId;

        private Builder(String agent, MemoryType type) {
            this.agent = agent;
            this.type = type;
        }

        /** The whole new document. */
        public Builder content(Map<String, ?> content) {
            this.content = content;
            return this;
        }

        /** When it became true of the code (default: now). */
        public Builder validFrom(Instant validFrom) {
            this.validFrom = validFrom;
            return this;
        }

        /** Who writes it. */
        public Builder author(AuthorKind kind, String name) {
            this.authorKind = Objects.requireNonNull(kind, "author kind must not be null");
            this.authorName = name;
            return this;
        }

        /** Why it changed. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** The session in which it changed. */
        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The validated update. */
        @SuppressWarnings("unchecked")
        public MemoryUpdate build() {
            return new MemoryUpdate(
                    agent, type, (Map<String, Object>) content, validFrom, authorKind, authorName, reason, sessionId);
        }
    }
}
