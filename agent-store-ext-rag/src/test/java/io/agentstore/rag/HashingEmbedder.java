package io.agentstore.rag;

import io.agentstore.rag.internal.Terms;

/**
 * A small deterministic embedder for tests: each index term adds 1 to one of 32 dimensions (by its hash),
 * then the vector is normalized. Real vectors through the real store; no model needed.
 */
final class HashingEmbedder implements Embedder {
    @Override
    public String model() {
        return "hashing-32";
    }

    @Override
    public int dimensions() {
        return 32;
    }

    @Override
    public float[] embed(String text) {
        float[] v = new float[32];
        for (String t : Terms.of(text)) {
            v[Math.floorMod(t.hashCode(), 32)] += 1;
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return v;
    }
}
