package io.agentstore.rag;

import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedding of a chunk text by a model ({@code fact_chunk_embedding}).
 *
 * @param eventId           the event id, or null for a random one
 * @param occurredAt        when it was computed
 * @param supersedesEventId the embedding this one corrects, or null
 * @param chunkHash         the SHA-256 of the chunk text
 * @param model             the embedding model's name ({@link Embedder#model()})
 * @param embedding         the vector: finite values, at least one
 * @param attributes        extra attributes
 */
public record ChunkEmbedding(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String chunkHash,
        String model,
        List<Float> embedding,
        Map<String, Object> attributes)
        implements FactRecord {

    /** Validates every field; a bad one throws {@link InvalidRecordException} naming it. */
    public ChunkEmbedding {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.required("chunkHash", chunkHash);
        Checks.required("model", model);
        Checks.present("embedding", embedding);
        if (embedding.isEmpty()) {
            throw new InvalidRecordException("embedding", embedding, "must have at least one dimension");
        }
        for (Float f : embedding) {
            if (f == null || !Float.isFinite(f)) {
                throw new InvalidRecordException("embedding", f, "must hold finite numbers only");
            }
        }
        embedding = List.copyOf(embedding);
        attributes = Json.normalizeObject("attributes", attributes);
    }

    /** A record of a vector. */
    public static ChunkEmbedding of(UUID eventId, Instant occurredAt, String chunkHash, String model, float[] vector) {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
        }
        return new ChunkEmbedding(eventId, occurredAt, null, chunkHash, model, List.of(boxed), Map.of());
    }

    /** The vector as a primitive array. */
    public float[] vector() {
        float[] v = new float[embedding.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = embedding.get(i);
        }
        return v;
    }
}
