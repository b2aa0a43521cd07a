/**
 * Not API: may change without notice; no other artifact may import it.
 *
 * <p>The tokens module's fact types, price file parsing and price plans, and component measurement.
 */
package io.agentstore.tokens.internal;
