-- What model routing saves: the cost of all command runs against sending every run to the most expensive
-- model used, with the share of runs per model (model routing; sqlite-analytics-and-routing).
SELECT model_name,
       sum(runs) AS runs,
       sum(runs) / sum(sum(runs)) OVER () AS share_of_runs,
       sum(successes) / sum(runs) AS success_rate,
       sum(cost_usd) AS cost_usd,
       sum(cost_on_most_expensive_usd) AS cost_on_most_expensive_usd,
       sum(saving_usd) AS saving_usd,
       any_value(most_expensive_model) AS most_expensive_model
FROM v_model_routing
GROUP BY model_name
ORDER BY runs DESC, model_name;
