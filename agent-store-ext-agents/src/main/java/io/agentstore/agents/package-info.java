/**
 * The agents schema module: work items, capabilities, claims that hold under concurrency, handoffs, conflicts,
 * flags, todos, skill invocations and user intents. Install {@link io.agentstore.agents.AgentsModule}; use
 * {@link io.agentstore.agents.AgentsFacade}.
 */
package io.agentstore.agents;
