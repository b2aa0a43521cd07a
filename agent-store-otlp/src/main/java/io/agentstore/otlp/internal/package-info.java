/** The receiver's internals: attribute decoding, the mapping of OTLP records into facts, body decoding. */
package io.agentstore.otlp.internal;
