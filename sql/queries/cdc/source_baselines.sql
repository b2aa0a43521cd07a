-- What the next check of each source compares with: the validators (ETag, Last-Modified), content hash and git
-- commit of the last source-level check that saw the source available.
SELECT source_name, etag, last_modified, content_hash, version
FROM v_watermark_checks
WHERE NOT is_superseded AND page_url IS NULL AND is_available
QUALIFY row_number() OVER (PARTITION BY source_name ORDER BY occurred_at DESC, recorded_at DESC, event_id) = 1;
