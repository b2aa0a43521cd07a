-- The memories of an agent valid at one instant as the store knew them at another (bitemporal as-of):
-- per type, among the versions recorded by $4 and valid from $3 or earlier, the one with the latest
-- valid_from (ties: the later-recorded). An expiry answers with no row for its type.
-- System-time as-of T ("what did the agent believe at T"): $3 = $4 = T.
-- Valid-time as-of T ("what was true of the code at T, by what we know now"): $3 = T, $4 = now.
-- Parameters: $1 = agent, $2 = memory type or NULL for all, $3 = valid at, $4 = known at.
SELECT * EXCLUDE (rn)
FROM (
    SELECT *, row_number() OVER (PARTITION BY memory_type
                                 ORDER BY valid_from DESC, recorded_at DESC, version DESC) AS rn
    FROM v_memory_versions
    WHERE agent_name = CAST($1 AS VARCHAR)
      AND (CAST($2 AS VARCHAR) IS NULL OR memory_type = CAST($2 AS VARCHAR))
      AND valid_from <= CAST($3 AS TIMESTAMPTZ)
      AND recorded_at <= CAST($4 AS TIMESTAMPTZ)
)
WHERE rn = 1 AND NOT is_expired
ORDER BY memory_type;
