/**
 * Store-wide data lifecycle over every installed module: {@link io.agentstore.lifecycle.StoreEraser} (erase a user,
 * session or project so that its bytes are gone from the database file and the files beside it),
 * {@link io.agentstore.lifecycle.Retention} (archive old facts to Parquet, read them back, then purge) and
 * {@link io.agentstore.lifecycle.StoreMerger} (bring another machine's store or export in). Each works on a database
 * file that no {@code AgentStore} holds open: DuckDB's file lock keeps other processes out while it runs.
 */
package io.agentstore.lifecycle;
