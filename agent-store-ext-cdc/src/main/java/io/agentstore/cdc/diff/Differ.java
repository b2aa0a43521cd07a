package io.agentstore.cdc.diff;

import java.util.List;

/**
 * A structural differ: the classified changes between two versions of a document. Every change names the
 * {@link Rule} that fired. Diffing a document against itself yields nothing.
 */
public interface Differ {

    /** The differ's id, stored in {@code fact_change.differ}. */
    String id();

    /**
     * The changes from {@code oldText} to {@code newText}, in a stable order.
     *
     * @throws IllegalArgumentException when either text cannot be parsed as this differ's format
     */
    List<DetectedChange> diff(String oldText, String newText);
}
