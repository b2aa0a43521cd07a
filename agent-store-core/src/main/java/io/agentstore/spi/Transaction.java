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

    /**
     * Replaces text of one stored fact by its redaction, in place, in the decision's transaction: the one change
     * of a stored fact the store allows, because a secret that older rules missed must leave the file (a
     * superseding fact would keep it in the old row). Each value must be the column's current text with parts
     * replaced by redaction placeholders ({@link Redaction#PLACEHOLDER}), or, in a {@code *_hash} column, the
     * SHA-256 (hex) of another value of this call (a hash of the stored text). The change is committed only
     * with the facts the decision records (a decision that records none is rolled back): record what was
     * replaced.
     *
     * @param table   a fact table ({@code fact_...})
     * @param eventId the fact
     * @param values  new values by column (VARCHAR or JSON columns, not the envelope)
     * @return whether a row changed
     * @throws IllegalArgumentException naming the table and column when a value is not a redaction of the
     *                                  stored one, or the fact is stored more than once
     */
    default boolean replaceRedacted(String table, java.util.UUID eventId, java.util.Map<String, String> values) {
        throw new UnsupportedOperationException(
                "this Transaction (" + getClass().getName() + ") cannot rewrite stored text");
    }
}
