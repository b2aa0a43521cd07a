-- Prompts whose response carries safety flags (use case 8, "audit compliance").
SELECT prompted_at, prompt_text, CAST(safety_flags AS VARCHAR) AS safety_flags
FROM v_prompt_responses
WHERE safety_flags IS NOT NULL
  AND CAST(safety_flags AS VARCHAR) NOT IN ('', '{}', '[]', 'null')
ORDER BY prompted_at;
