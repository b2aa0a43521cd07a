package io.agentstore.memory;

import java.util.List;

/**
 * What changed between two versions of a memory, as JSON Pointers (RFC 6901) into the documents: members
 * added, removed, and changed (a different value; arrays and scalars compare as whole values, objects are
 * compared member by member).
 *
 * @param added   pointers present only in the newer document
 * @param removed pointers present only in the older document
 * @param changed pointers present in both with different values
 */
public record MemoryDiff(List<String> added, List<String> removed, List<String> changed) {

    /** Copies the lists. */
    public MemoryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** Whether the documents are equal. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
