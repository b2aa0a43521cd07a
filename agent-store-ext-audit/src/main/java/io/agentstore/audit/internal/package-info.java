/** The audit module's fact types and hashing; not part of the API. */
package io.agentstore.audit.internal;
