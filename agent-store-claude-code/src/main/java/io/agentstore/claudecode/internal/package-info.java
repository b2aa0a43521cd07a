/**
 * Not API: may change without notice; no other artifact may import it.
 *
 * <p>How transcript and hook lines are read and mapped to records, and their name-based ids.
 */
package io.agentstore.claudecode.internal;
