/**
 * The audit schema module: every prompt and response on record (redacted before storage), prompt templates,
 * feedback and the users that recorded them. Install {@link io.agentstore.audit.AuditModule}; use
 * {@link io.agentstore.audit.AuditFacade}.
 */
package io.agentstore.audit;
