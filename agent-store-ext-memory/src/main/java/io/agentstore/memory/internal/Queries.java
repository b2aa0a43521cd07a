package io.agentstore.memory.internal;

import io.agentstore.AgentStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The reference queries of {@code sql/queries/memory/}, packaged as {@code agent-store/queries/memory/}. */
public final class Queries {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Queries() {
    }

    /** The text of the query file {@code name}. */
    public static String load(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            String path = "agent-store/queries/memory/" + n;
            try (InputStream in = Queries.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    throw new AgentStoreException("the memory module's query " + path + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AgentStoreException("cannot read " + path + ": " + e.getMessage(), e);
            }
        });
    }
}
