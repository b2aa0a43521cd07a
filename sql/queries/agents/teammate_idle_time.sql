-- Idle time per teammate of an agent team: how often it went idle, for how long in total (closed periods: until
-- its next recorded activity), whether it is idle now, and how often the TeammateIdle hook suggested work to it.
SELECT teammate_name,
       any_value(team_name) AS team_name,
       count(*) AS idle_count,
       coalesce(sum(epoch(active_again_at) - epoch(idle_at)) FILTER (WHERE active_again_at IS NOT NULL), 0)
           AS idle_seconds,
       bool_or(active_again_at IS NULL) AS is_idle_now,
       count(*) FILTER (WHERE is_work_suggested) AS times_work_suggested,
       max(idle_at) AS last_idle_at
FROM v_teammate_idle
GROUP BY teammate_name
ORDER BY idle_seconds DESC, teammate_name;
