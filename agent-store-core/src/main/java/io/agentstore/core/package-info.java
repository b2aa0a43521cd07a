/**
 * The core schema module, always installed: agents, sessions, tasks, components, models, tools and files
 * as dimensions; tool calls, API calls, decisions, task outcomes, session events, errors, file
 * modifications and ingest runs as facts. Its records are validated values built with builders; its
 * facade, from {@code AgentStore.core()}, records them and recalls what an agent did before.
 */
package io.agentstore.core;
