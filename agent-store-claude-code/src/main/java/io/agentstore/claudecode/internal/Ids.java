package io.agentstore.claudecode.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based event ids from the source's own ids, so that importing the same data twice, or from two
 * machines, gives the same ids and {@code importAll} keeps one copy.
 */
public final class Ids {
    private Ids() {
    }

    /** A name-based UUID of {@code kind} and {@code parts}. */
    public static UUID of(String kind, String... parts) {
        StringBuilder b = new StringBuilder("claude-code|").append(kind);
        for (String p : parts) {
            b.append('|').append(p == null ? "" : p);
        }
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
