-- Find all code chunks that define, use, import or call an entity (the reference's "chunks that use a
-- specific function"): ? is the entity name. Definitions first, then by path and line.
SELECT entity_name, entity_type, reference_type, document_path, line_number, chunk_id, symbol, language
FROM v_rag_entity_references
WHERE entity_name = ?
ORDER BY reference_type <> 'definition', document_path, line_number, reference_type;
