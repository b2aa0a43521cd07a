-- Use case 3: did quality regress after the last update? Validations that failed right after a pass (LAG).
-- Parameter: since when (an instant).
SELECT subject AS component_name, validated_at, was_valid, now_valid, validator_name, error_count, errors
FROM v_validation_regressions
WHERE validated_at >= ?
ORDER BY validated_at, component_name;
