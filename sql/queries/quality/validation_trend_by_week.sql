-- Use case 3: is this skill getting better or worse over time? Validations of one component (or artifact
-- path) per week: pass rate, average errors, count. Parameter: the component name.
SELECT week, pass_rate, avg_errors, validations
FROM v_validation_trend_weekly
WHERE subject = ?
ORDER BY week;
