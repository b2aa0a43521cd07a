-- What's eating my context window? Components by the input tokens they brought in over the last 7 days
-- (use case 2: token budget optimization).
SELECT component_name, component_type,
       invocations,
       avg_input_tokens,
       total_input_tokens,
       share_of_input,
       cost_usd
FROM v_context_consumers_7d
ORDER BY total_input_tokens DESC, component_name;
