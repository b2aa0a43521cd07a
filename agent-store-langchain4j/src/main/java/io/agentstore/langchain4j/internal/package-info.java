/** The listener's implementation: turning LangChain4j's requests, responses and tool executions into facts. */
package io.agentstore.langchain4j.internal;
