package io.agentstore.spi;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based event ids (UUID version 3) from a source's own ids, so that importing the same data twice, from
 * two machines, or replaying it later gives the same ids, and {@code importAll} keeps one copy. The name is
 * {@code source|kind|part|part...}, a null part counting as empty.
 */
public final class EventIds {
    private EventIds() {}

    /**
     * The id of the {@code kind} of event that {@code parts} name in {@code source}, for example
     * {@code EventIds.of("claude-code", "tool", toolUseId)}.
     *
     * @throws IllegalArgumentException when {@code source} or {@code kind} is empty
     */
    public static UUID of(String source, String kind, String... parts) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(
                    "source must not be empty, was " + (source == null ? "null" : "'" + source + "'"));
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException(
                    "kind must not be empty, was " + (kind == null ? "null" : "'" + kind + "'"));
        }
        StringBuilder b = new StringBuilder(source).append('|').append(kind);
        if (parts != null) {
            for (String p : parts) {
                b.append('|').append(p == null ? "" : p);
            }
        }
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
