package dev.ante.bench.inprocess;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * JDBC transactions for the stock engine outside Spring, as Spring's DataSourceTransactionManager gives
 * them inside it: a transaction binds one pooled connection to the thread, every statement of the engine
 * runs on it, and commit returns it to the pool. Without this the engine would run each insert of a batch
 * in its own auto-committed transaction, which no deployment does.
 */
final class ThreadBoundTransactions implements TransactionManager, ConnectionProvider {

    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    ThreadBoundTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return new Transaction() {
                @Override
                public void commit() {
                    // the outer transaction commits
                }

                @Override
                public void rollback() {
                    // the outer transaction rolls back
                }
            };
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            bound.set(connection);
            return new Transaction() {
                @Override
                public void commit() {
                    finish(connection, true);
                }

                @Override
                public void rollback() {
                    finish(connection, false);
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start a transaction", e);
        }
    }

    private void finish(Connection connection, boolean commit) {
        bound.remove();
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end a transaction", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // returning a connection to the pool cannot fail in a way that matters here
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = bound.get();
        if (connection == null) {
            return dataSource.getConnection();
        }
        // The engine closes (and may commit) every connection it is given; a bound one is left to the transaction.
        return ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.NoOpCloseHandler());
    }
}
