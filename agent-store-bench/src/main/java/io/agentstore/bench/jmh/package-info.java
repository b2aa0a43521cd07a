/**
 * JMH micro benchmarks of the hot paths a caller pays for: record validation and transcript parsing.
 * Not published.
 */
package io.agentstore.bench.jmh;
