/** Internals of the cdc module: its fact types and helpers; not API. */
package io.agentstore.cdc.internal;
