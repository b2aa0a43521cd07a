-- Analytics system: pattern ROI (uses and hours saved per pattern, most hours first).
SELECT pattern_name, uses, hours_saved, avg_confidence, tasks
FROM v_pattern_roi
ORDER BY hours_saved DESC NULLS LAST, pattern_name;
