-- Temporal retrieval: what changed since an instant (the reference's "what changed in the last hour"),
-- optionally of one language or document type. Parameters: since, then the type three times (NULL for all).
SELECT occurred_at, document_path, language, document_type, update_type, detected_by, session_id,
       chunks_affected, reindex_required
FROM v_rag_document_updates
WHERE occurred_at >= ?
  AND (? IS NULL OR language = ? OR document_type = ?)
ORDER BY occurred_at DESC, document_path;
