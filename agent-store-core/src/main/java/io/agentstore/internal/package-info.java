/**
 * Not API: may change without notice; no other artifact may import it.
 *
 * <p>The machinery of the store: the writer thread and its key cache, the migration runner, SQL script
 * loading, field checks and JSON helpers.
 */
package io.agentstore.internal;
