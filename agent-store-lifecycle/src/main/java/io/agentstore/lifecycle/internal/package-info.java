/** Internals of agent-store-lifecycle: not for use outside this artifact. */
package io.agentstore.lifecycle.internal;
