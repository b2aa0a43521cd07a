package io.agentstore.spi;

import java.sql.SQLException;

/**
 * How one record type becomes a row of one fact table, and how it comes back. {@link #read} is the
 * inverse of {@link #write}: a record read back from {@link #view()} equals the record written.
 *
 * @param <R> the record type
 */
public interface FactType<R extends FactRecord> {

    /** The fact table, {@code fact_<event>}. */
    String table();

    /**
     * A view with one row per fact and the natural keys of its dimensions, named like the table's
     * subject in plural ({@code v_tool_calls}); {@link #read} maps its rows.
     */
    String view();

    /** Appends the columns between the envelope and {@code attributes}, resolving dimension keys. */
    void write(R record, FactContext context, FactRow row) throws SQLException;

    /** The record of one row of {@link #view()}. */
    R read(Row row);
}
