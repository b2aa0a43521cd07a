package io.agentstore.spi;

/**
 * What a decision run by {@link StoreContext#inTransaction} sees: the store as committed before the decision
 * started (no other write can come in between, because the store's one writer runs the decision), and the
 * facts the decision records, which are committed in the same transaction when it returns. It is valid only
 * while the decision runs, on the writer's thread.
 */
public interface Transaction {

    /**
     * A query with bound parameters, read in the decision's transaction. It sees every fact committed before
     * the decision, not the facts recorded by this decision. Read its rows inside the decision: a result read
     * after the decision returned throws {@link IllegalStateException}.
     */
    QueryResult sql(String sql, Object... params);

    /**
     * Records a fact in the decision's transaction; it is committed when the decision returns, or not at all
     * when the decision throws.
     *
     * @throws InvalidRecordException when {@code record} is null
     * @throws IllegalArgumentException when no installed module records its type
     */
    void record(FactRecord record);
}
