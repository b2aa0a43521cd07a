package io.agentstore.rag;

import io.agentstore.spi.Checks;
import io.agentstore.spi.InvalidRecordException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A search over the live chunks: the text, the method, the number of hits and SQL filters. Build it with
 * {@link #of(String)} and the {@code with...} methods.
 *
 * @param text          the query
 * @param method        {@code keyword} (BM25), {@code vector} (cosine) or {@code hybrid} (weighted reciprocal rank fusion of the two parts)
 * @param limit         the hits wanted, 1..1000
 * @param pathGlob      only documents whose path matches this glob ({@code agent-store-core/**}), or empty
 * @param language      only this language, or empty
 * @param documentType  only this document type, or empty
 * @param modifiedSince only documents indexed in a version at or after this instant, or empty
 * @param entity        only chunks that define or reference this entity name, or empty
 * @param sessionId     the session the retrievals are logged for, or empty
 * @param logged        whether each hit is logged as a chunk retrieval
 */
public record SearchQuery(
        String text,
        String method,
        int limit,
        Optional<String> pathGlob,
        Optional<String> language,
        Optional<String> documentType,
        Optional<Instant> modifiedSince,
        Optional<String> entity,
        Optional<String> sessionId,
        boolean logged) {

    /** Validates; a bad field throws {@link InvalidRecordException} naming it. */
    public SearchQuery {
        Checks.required("text", text);
        method = Checks.oneOf(
                "method",
                method == null ? null : method.toLowerCase(Locale.ROOT),
                java.util.Set.of("keyword", "vector", "hybrid"));
        if (limit < 1 || limit > 1000) {
            throw new InvalidRecordException("limit", limit, "must be between 1 and 1000");
        }
        pathGlob.ifPresent(g -> Checks.required("pathGlob", g));
        language.ifPresent(l -> Checks.required("language", l));
        documentType.ifPresent(t -> Checks.oneOf("documentType", t, DocumentUpdate.DOCUMENT_TYPES));
        entity.ifPresent(e -> Checks.required("entity", e));
        sessionId.ifPresent(s -> Checks.required("sessionId", s));
    }

    /** A hybrid search for {@code text}, 10 hits, no filter, logged. */
    public static SearchQuery of(String text) {
        return new SearchQuery(
                text,
                "hybrid",
                10,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true);
    }

    /** With another method. */
    public SearchQuery withMethod(String m) {
        return new SearchQuery(
                text, m, limit, pathGlob, language, documentType, modifiedSince, entity, sessionId, logged);
    }

    /** With another limit. */
    public SearchQuery withLimit(int n) {
        return new SearchQuery(
                text, method, n, pathGlob, language, documentType, modifiedSince, entity, sessionId, logged);
    }

    /** Only documents whose path matches {@code glob}. */
    public SearchQuery withPath(String glob) {
        return new SearchQuery(
                text,
                method,
                limit,
                Optional.of(glob),
                language,
                documentType,
                modifiedSince,
                entity,
                sessionId,
                logged);
    }

    /** Only documents in {@code l}. */
    public SearchQuery withLanguage(String l) {
        return new SearchQuery(
                text, method, limit, pathGlob, Optional.of(l), documentType, modifiedSince, entity, sessionId, logged);
    }

    /** Only documents of type {@code t}. */
    public SearchQuery withDocumentType(String t) {
        return new SearchQuery(
                text, method, limit, pathGlob, language, Optional.of(t), modifiedSince, entity, sessionId, logged);
    }

    /** Only documents indexed at or after {@code since}. */
    public SearchQuery withModifiedSince(Instant since) {
        return new SearchQuery(
                text, method, limit, pathGlob, language, documentType, Optional.of(since), entity, sessionId, logged);
    }

    /** Only chunks that define or reference {@code name}. */
    public SearchQuery withEntity(String name) {
        return new SearchQuery(
                text,
                method,
                limit,
                pathGlob,
                language,
                documentType,
                modifiedSince,
                Optional.of(name),
                sessionId,
                logged);
    }

    /** Logs the retrievals for {@code session}. */
    public SearchQuery withSession(String session) {
        return new SearchQuery(
                text,
                method,
                limit,
                pathGlob,
                language,
                documentType,
                modifiedSince,
                entity,
                Optional.of(session),
                logged);
    }

    /** Without logging the retrievals (evaluation runs). */
    public SearchQuery unlogged() {
        return new SearchQuery(
                text, method, limit, pathGlob, language, documentType, modifiedSince, entity, sessionId, false);
    }
}
