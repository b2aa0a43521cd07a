-- What gets dropped most often when the context overflows or is compacted (use case 2).
SELECT component_name, component_type, times_dropped, sessions, last_dropped_at
FROM v_dropped_components
ORDER BY times_dropped DESC, component_name;
