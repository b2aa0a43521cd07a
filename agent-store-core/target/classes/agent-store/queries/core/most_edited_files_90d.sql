-- Which files get edited most, over the last 90 days (use case 5: workflow analytics).
SELECT file_path, file_type,
       count(*) AS edits,
       CAST(sum(lines_added) AS BIGINT) AS total_lines_added,
       CAST(sum(lines_deleted) AS BIGINT) AS total_lines_deleted,
       max(occurred_at) AS last_edited_at
FROM v_file_modifications
WHERE NOT is_superseded
  AND occurred_at > agent_store_now() - INTERVAL 90 DAY
GROUP BY file_path, file_type
ORDER BY edits DESC, file_path;
