/**
 * Not API: may change without notice; no other artifact may import it.
 *
 * <p>The core module's fact types: how each core record maps to its table's columns and back.
 */
package io.agentstore.core.internal;
