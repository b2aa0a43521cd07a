-- The live chunks of a document that overlap a line range (get_chunk). Parameters: the document path (exact,
-- or a suffix of an absolute path), the same again, the last line, the first line.
SELECT chunk_id, root_path, document_path, language, symbol, line_start, line_end, chunk_text
FROM v_rag_chunks
WHERE (document_path = ? OR ends_with(?, '/' || document_path))
  AND line_start <= ? AND line_end >= ?
ORDER BY document_path, line_start;
