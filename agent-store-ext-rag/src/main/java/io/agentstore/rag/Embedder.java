package io.agentstore.rag;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a vector for the rag module's vector search. Pluggable: {@link RagModule#withEmbedder}. An
 * implementation is thread-safe and runs in process (nothing leaves the machine).
 */
public interface Embedder {
    /** The model's name, stored with each embedding; embeddings of different models never mix. */
    String model();

    /** The vector length. */
    int dimensions();

    /** The vector of one text, of length {@link #dimensions()}. */
    float[] embed(String text);

    /** The vectors of several texts, in order; override to batch. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }
}
