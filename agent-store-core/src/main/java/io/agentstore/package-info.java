/**
 * The public entry point of agent-store: {@link io.agentstore.AgentStore} and its builder, which open one
 * DuckDB file (or an in-memory database) with the installed schema modules, record facts through a single
 * writer thread, and answer SQL as {@link io.agentstore.spi.QueryResult} rows or Arrow batches; Parquet export;
 * and the unchecked exceptions (the root {@link io.agentstore.spi.AgentStoreException} lives beside the plug-in contract) every failure is reported with, each naming the field, file or module at
 * fault.
 */
package io.agentstore;
