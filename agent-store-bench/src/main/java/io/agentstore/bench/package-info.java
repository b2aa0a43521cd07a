/**
 * The benchmarks of DESIGN §10 ({@code bin/bench}): the end-to-end comparison of agent-store with the raw
 * DuckDB appender, SQLite and JSONL files on one seeded workload, and the Claude Code import benchmark.
 * Not published.
 */
package io.agentstore.bench;
