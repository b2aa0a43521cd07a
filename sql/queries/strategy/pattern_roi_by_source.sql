-- Analytics system: pattern ROI by source ('context7', 'github', 'project', ...).
SELECT pattern_source, uses, hours_saved, avg_confidence, patterns
FROM v_pattern_roi_by_source
ORDER BY hours_saved DESC NULLS LAST, pattern_source;
