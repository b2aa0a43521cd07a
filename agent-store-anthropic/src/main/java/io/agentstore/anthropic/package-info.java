/**
 * An instrumented Anthropic Java SDK client: {@link io.agentstore.anthropic.InstrumentedAnthropic#wrap} records
 * every Messages API call in an {@link io.agentstore.AgentStore}, attributed by a {@link
 * io.agentstore.core.CallContext}.
 */
package io.agentstore.anthropic;
