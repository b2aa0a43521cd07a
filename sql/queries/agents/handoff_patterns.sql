-- Handoff patterns: who hands off to whom, and why? (use case 4)
SELECT from_agent, to_agent, handoff_reason, count(*) AS handoff_count
FROM v_agent_handoffs
GROUP BY from_agent, to_agent, handoff_reason
ORDER BY handoff_count DESC, from_agent, to_agent, handoff_reason;
