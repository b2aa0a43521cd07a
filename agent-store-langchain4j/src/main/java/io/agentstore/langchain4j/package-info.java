/**
 * Records LangChain4j chat model calls and AI-service tool executions in an {@link io.agentstore.AgentStore}:
 * {@link io.agentstore.langchain4j.AgentStoreListener}, attributed by a {@link io.agentstore.core.CallContext}.
 */
package io.agentstore.langchain4j;
