package io.agentstore.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A query result as Arrow record batches, from DuckDB's Arrow C-data export. Read batches with
 * {@code reader().loadNextBatch()} and {@code reader().getVectorSchemaRoot()}; close to free them and end
 * the query.
 */
public final class ArrowResult implements AutoCloseable {
    private final ArrowReader reader;
    private final ResultSet resultSet;
    private final Statement statement;
    private final Connection connection;
    private boolean closed;

    ArrowResult(ArrowReader reader, ResultSet resultSet, Statement statement, Connection connection) {
        this.reader = reader;
        this.resultSet = resultSet;
        this.statement = statement;
        this.connection = connection;
    }

    /** The batches. */
    public ArrowReader reader() {
        return reader;
    }

    /** Releases the batches, the result set and the reader connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        QueryResult.closeQuietly(reader);
        QueryResult.closeQuietly(resultSet);
        QueryResult.closeQuietly(statement);
        QueryResult.closeQuietly(connection);
    }
}
