package io.agentstore.lifecycle;

import io.agentstore.AgentStore;
import io.agentstore.lifecycle.internal.Keys;
import io.agentstore.spi.Row;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The transcripts an importer must leave out because their session was erased: a transcript is skipped when its
 * absolute path, or its session id (the file's name, or the name of the session folder it is in), hashes to an
 * entry of {@code agent_store_erase_skip} under the store's secret. The list holds keyed hashes only; {@link
 * StoreEraser#forget()} empties it. Use it as the importer's exclusion and read {@link #skipped()} afterwards.
 */
public final class SkipList implements Predicate<Path> {
    private final String secret;
    private final Set<String> hashes;
    private final Set<Path> skipped = ConcurrentHashMap.newKeySet();

    private SkipList(String secret, Set<String> hashes) {
        this.secret = secret;
        this.hashes = hashes;
    }

    /** The skip list of an open store (empty for a store without the lifecycle tables). */
    public static SkipList of(AgentStore store) {
        if (store.sql("SELECT 1 FROM duckdb_tables() WHERE table_name = 'agent_store_erase_skip'")
                .rows()
                .isEmpty()) {
            return new SkipList("", Set.of());
        }
        Set<String> hashes = new HashSet<>();
        for (Row r : store.sql("SELECT key_hash FROM agent_store_erase_skip").rows()) {
            hashes.add(r.string("key_hash"));
        }
        String secret = store.sql("SELECT secret FROM agent_store_erase_secret")
                .single()
                .map(r -> r.string("secret"))
                .orElse("");
        return new SkipList(secret, Collections.unmodifiableSet(hashes));
    }

    /** How many keyed hashes the list holds. */
    public int size() {
        return hashes.size();
    }

    /** Whether the transcript belongs to an erased session; remembers the files it said yes to. */
    @Override
    public boolean test(Path transcript) {
        if (hashes.isEmpty()) {
            return false;
        }
        Path abs = transcript.toAbsolutePath();
        boolean skip = hashes.contains(Keys.pathHash(secret, abs.toString()));
        for (Path part : abs) {
            String name = part.toString();
            String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
            skip |= hashes.contains(Keys.sessionHash(secret, stem));
        }
        if (skip) {
            skipped.add(abs);
        }
        return skip;
    }

    /** The distinct files skipped so far. */
    public int skipped() {
        return skipped.size();
    }
}
