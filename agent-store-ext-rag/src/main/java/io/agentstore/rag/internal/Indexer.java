package io.agentstore.rag.internal;

import io.agentstore.rag.Chunk;
import io.agentstore.rag.ChunkEmbedding;
import io.agentstore.rag.DocumentUpdate;
import io.agentstore.rag.Embedder;
import io.agentstore.rag.EntityReference;
import io.agentstore.rag.IndexReport;
import io.agentstore.rag.TermPosting;
import io.agentstore.spi.EventIds;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Incremental indexing: an unchanged file (same size and modification time as its indexed version) costs a
 * stat; a changed one is read, hashed and, when its content differs, re-chunked alone; a file that is gone is
 * a 'deleted' document update. Postings and embeddings are written only for chunk texts not seen before.
 */
public final class Indexer {
    private static final String SOURCE = "rag";
    private static final int BATCH = 20_000;
    private static final int EMBED_BATCH = 32;
    private static final Set<String> SECRET_NAMES =
            Set.of(".env", "id_rsa", "id_ed25519", "credentials", ".netrc", ".pgpass", ".npmrc", ".pypirc");

    private final StoreContext context;
    private final Optional<Embedder> embedder;
    private final long maxBytes;
    private final BiConsumer<Integer, Integer> progress;

    private final List<FactRecord> pending = new ArrayList<>();
    private final List<String[]> toEmbed = new ArrayList<>(); // [chunkHash, text]
    private Set<String> postedHashes;
    private Set<String> chunkedVersions;
    private String chunkedRoot;
    private Set<String> embeddedHashes;
    private long unchanged;
    private long created;
    private long modified;
    private long deleted;
    private long binary;
    private long large;
    private long chunks;
    private long postings;
    private long embeddings;
    private long bytes;

    /** State of a document's indexed version. */
    private record Known(String contentHash, Long size, Instant modifiedAt, boolean deleted, boolean reindex) {}

    /**
     * An indexer.
     *
     * @param maxBytes files larger than this are skipped
     * @param progress called with (files done, files total) as the run goes
     */
    public Indexer(
            StoreContext context, Optional<Embedder> embedder, long maxBytes, BiConsumer<Integer, Integer> progress) {
        this.context = context;
        this.embedder = embedder;
        this.maxBytes = maxBytes;
        this.progress = progress;
    }

    /** Indexes every file under each root. */
    public IndexReport index(List<Path> roots) {
        long t0 = System.nanoTime();
        long seen = 0;
        for (Path r : roots) {
            Path root = r.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("root is not a folder: '" + r + "'");
            }
            String rootText = root.toString();
            Map<String, Known> known = known(rootText);
            List<Path> files = ProjectWalker.files(root);
            seen += files.size();
            Set<String> present = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                String rel = files.get(i).toString().replace('\\', '/');
                present.add(rel);
                indexFile(root, rel, known.get(rel));
                if (i % 200 == 199 || i == files.size() - 1) {
                    progress.accept(i + 1, files.size());
                }
            }
            for (Map.Entry<String, Known> e : known.entrySet()) {
                if (!present.contains(e.getKey()) && !e.getValue().deleted()) {
                    delete(rootText, e.getKey());
                }
            }
        }
        flush(true);
        return report(seen, t0);
    }

    /** Indexes the documents that a hook marked for re-indexing. */
    public IndexReport indexChanged() {
        long t0 = System.nanoTime();
        List<Row> marked = context.sql("SELECT root_path, document_path FROM v_rag_documents WHERE reindex_required "
                        + "ORDER BY root_path, document_path")
                .rows();
        Map<String, Map<String, Known>> byRoot = new HashMap<>();
        for (Row row : marked) {
            String root = row.string("root_path");
            String rel = row.string("document_path");
            Known k = byRoot.computeIfAbsent(root, this::known).get(rel);
            if (Files.isRegularFile(Path.of(root).resolve(rel))) {
                indexFile(Path.of(root), rel, k);
            } else {
                delete(root, rel);
            }
        }
        flush(true);
        return report(marked.size(), t0);
    }

    private IndexReport report(long seen, long t0) {
        return new IndexReport(
                seen,
                unchanged,
                created,
                modified,
                deleted,
                binary,
                large,
                chunks,
                postings,
                embeddings,
                bytes,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private Map<String, Known> known(String root) {
        Map<String, Known> known = new HashMap<>();
        for (Row row : context.sql(
                        "SELECT document_path, content_hash, size_bytes, file_modified_at, is_deleted, "
                                + "reindex_required FROM v_rag_documents WHERE root_path = ? AND last_update_type IS NOT NULL",
                        root)
                .rows()) {
            known.put(
                    row.string("document_path"),
                    new Known(
                            row.string("content_hash"),
                            row.int64("size_bytes"),
                            row.instant("file_modified_at"),
                            row.bool("is_deleted"),
                            row.bool("reindex_required")));
        }
        return known;
    }

    private void indexFile(Path root, String rel, Known known) {
        Path file = root.resolve(rel);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file + ": " + e.getMessage(), e);
        }
        Instant mtime = attrs.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS);
        long size = attrs.size();
        if (known != null
                && !known.deleted()
                && !known.reindex()
                && known.size() != null
                && known.size() == size
                && mtime.equals(known.modifiedAt())) {
            unchanged++;
            return;
        }
        String name = file.getFileName().toString();
        if (size > maxBytes) {
            large++;
            return;
        }
        if (SECRET_NAMES.contains(name) || name.startsWith(".env.") || name.endsWith(".pem") || name.endsWith(".key")) {
            binary++;
            return;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Optional<String> text = text(content);
        if (text.isEmpty()) {
            binary++;
            return;
        }
        bytes += content.length;
        String hash = sha256(content);
        if (known != null && !known.deleted() && !known.reindex() && hash.equals(known.contentHash())) {
            unchanged++;
            return;
        }
        write(root.toString(), rel, text.get(), hash, size, mtime, known);
    }

    private void write(String root, String rel, String text, String hash, long size, Instant mtime, Known known) {
        Instant now = context.clock().instant();
        String language = Chunker.language(rel.substring(rel.lastIndexOf('/') + 1));
        String type = Chunker.documentType(language);
        List<Chunker.Piece> pieces = Chunker.chunk(text, language);
        String stem = rel.substring(rel.lastIndexOf('/') + 1);
        // a version chunked before (the same content marked for re-indexing, a file restored to an earlier
        // content): its chunks and references are stored already, only the update is new
        boolean stored = chunkedVersions(root).contains(rel + '\0' + hash);
        for (Chunker.Piece p : stored ? List.<Chunker.Piece>of() : pieces) {
            UUID chunkId = EventIds.of(SOURCE, "chunk", root, rel, hash, Integer.toString(p.index()));
            String chunkHash = sha256(p.text().getBytes(StandardCharsets.UTF_8));
            List<String> terms = new ArrayList<>(Terms.of(stem));
            if (p.symbol() != null) {
                terms.addAll(Terms.of(p.symbol()));
            }
            terms.addAll(Terms.of(p.text()));
            pending.add(new Chunk(
                    chunkId,
                    now,
                    null,
                    chunkId,
                    root,
                    rel,
                    type,
                    language,
                    hash,
                    p.index(),
                    p.kind(),
                    p.symbol(),
                    p.text(),
                    chunkHash,
                    terms.size(),
                    p.lineStart(),
                    p.lineEnd(),
                    p.charStart(),
                    p.charEnd(),
                    Map.of()));
            chunks++;
            if (postedHashes().add(chunkHash)) {
                for (Map.Entry<String, Integer> e : Terms.counts(terms).entrySet()) {
                    pending.add(new TermPosting(
                            EventIds.of(SOURCE, "posting", chunkHash, e.getKey()),
                            now,
                            null,
                            e.getKey(),
                            chunkHash,
                            e.getValue(),
                            Map.of()));
                    postings++;
                }
            }
            if (embedder.isPresent() && embeddedHashes().add(chunkHash)) {
                toEmbed.add(new String[] {chunkHash, embeddingText(rel, p.symbol(), p.text())});
            }
            for (Chunker.Ref r : p.refs()) {
                if (r.name().length() > 200) {
                    continue;
                }
                pending.add(new EntityReference(
                        EventIds.of(
                                SOURCE,
                                "reference",
                                chunkId.toString(),
                                r.name(),
                                r.entityType(),
                                r.referenceType(),
                                Integer.toString(r.line())),
                        now,
                        null,
                        r.name(),
                        r.entityType(),
                        chunkId,
                        r.referenceType(),
                        r.container(),
                        r.line(),
                        Map.of()));
            }
        }
        chunkedVersions(root).add(rel + '\0' + hash);
        boolean isNew = known == null || known.deleted();
        String updateType = isNew ? "created" : "modified";
        pending.add(new DocumentUpdate(
                EventIds.of(SOURCE, "update", root, rel, hash, now.toString()),
                now,
                null,
                root,
                rel,
                type,
                language,
                null,
                updateType,
                "index",
                hash,
                size,
                mtime,
                (long) pieces.size(),
                false,
                Map.of()));
        if (isNew) {
            created++;
        } else {
            modified++;
        }
        flush(false);
    }

    /** The text a chunk is embedded as: where it is, what it defines, and its start. */
    public static String embeddingText(String path, String symbol, String text) {
        String head = path + (symbol == null ? "" : " " + symbol) + "\n";
        String body = text.length() > 1_200 ? text.substring(0, 1_200) : text;
        return head + body;
    }

    private void delete(String root, String rel) {
        Instant now = context.clock().instant();
        String language = Chunker.language(rel.substring(rel.lastIndexOf('/') + 1));
        pending.add(new DocumentUpdate(
                EventIds.of(SOURCE, "update", root, rel, "deleted", now.toString()),
                now,
                null,
                root,
                rel,
                Chunker.documentType(language),
                language,
                null,
                "deleted",
                "index",
                null,
                null,
                null,
                0L,
                false,
                Map.of()));
        deleted++;
        flush(false);
    }

    private Set<String> chunkedVersions(String root) {
        if (!root.equals(chunkedRoot)) {
            chunkedRoot = root;
            chunkedVersions = new HashSet<>();
            context.sql(
                            "SELECT DISTINCT document_path, content_hash FROM v_rag_chunk_versions WHERE root_path = ?",
                            root)
                    .rows()
                    .forEach(r -> chunkedVersions.add(r.string("document_path") + '\0' + r.string("content_hash")));
        }
        return chunkedVersions;
    }

    private Set<String> postedHashes() {
        if (postedHashes == null) {
            postedHashes = new HashSet<>();
            context.sql("SELECT DISTINCT chunk_hash FROM fact_term_posting")
                    .rows()
                    .forEach(r -> postedHashes.add(r.string("chunk_hash")));
        }
        return postedHashes;
    }

    private Set<String> embeddedHashes() {
        if (embeddedHashes == null) {
            embeddedHashes = new HashSet<>();
            context.sql(
                            "SELECT DISTINCT chunk_hash FROM fact_chunk_embedding WHERE embedding_model = ?",
                            embedder.orElseThrow().model())
                    .rows()
                    .forEach(r -> embeddedHashes.add(r.string("chunk_hash")));
        }
        return embeddedHashes;
    }

    private void flush(boolean all) {
        if (embedder.isPresent() && (toEmbed.size() >= EMBED_BATCH || (all && !toEmbed.isEmpty()))) {
            Embedder e = embedder.get();
            Instant now = context.clock().instant();
            List<String> texts = toEmbed.stream().map(x -> x[1]).toList();
            List<float[]> vectors = e.embedAll(texts);
            for (int i = 0; i < vectors.size(); i++) {
                String chunkHash = toEmbed.get(i)[0];
                pending.add(ChunkEmbedding.of(
                        EventIds.of(SOURCE, "embedding", e.model(), chunkHash),
                        now,
                        chunkHash,
                        e.model(),
                        vectors.get(i)));
                embeddings++;
            }
            toEmbed.clear();
        }
        if (pending.size() >= BATCH || (all && !pending.isEmpty())) {
            // every fact here is new by construction (versions, postings and embeddings already stored are
            // skipped above), so no existence check per event id
            context.recordAll(List.copyOf(pending));
            pending.clear();
        }
    }

    /** The text of a file's bytes, or empty when they are binary (a NUL byte, or not UTF-8). */
    static Optional<String> text(byte[] content) {
        int probe = content.length;
        for (int i = 0; i < probe; i++) {
            if (content[i] == 0) {
                return Optional.empty();
            }
        }
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
            return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
