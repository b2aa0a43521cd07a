package io.agentstore.claudecode.internal;

import io.agentstore.spi.EventIds;
import java.util.UUID;

/** The Claude Code source's binding of {@link EventIds}: every id of this importer is {@code claude-code|kind|...}. */
public final class Ids {
    /** The source name in every id. */
    public static final String SOURCE = "claude-code";

    private Ids() {}

    /** A name-based UUID of {@code kind} and {@code parts}; see {@link EventIds#of}. */
    public static UUID of(String kind, String... parts) {
        return EventIds.of(SOURCE, kind, parts);
    }
}
