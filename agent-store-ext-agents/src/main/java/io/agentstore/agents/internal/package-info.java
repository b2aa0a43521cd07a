/**
 * Not API: may change without notice; no other artifact may import it.
 *
 * <p>The agents module's dimensions and fact types.
 */
package io.agentstore.agents.internal;
