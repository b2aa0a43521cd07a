/** The wrapper's implementation: the instrumented client and services, the stream observer, the recorder. */
package io.agentstore.anthropic.internal;
