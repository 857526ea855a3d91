package dev.couponkernel.jdbc.internal;

import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs units of work in one JDBC transaction each (READ COMMITTED), committing on success and
 * rolling back on any failure. A unit may ask to roll back and still return a value; a unit that
 * loses a race on a unique key, a deadlock or a serialization check is run again from the start.
 * Thread-safe.
 */
public final class Tx {

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection, in a transaction
         * @return the unit's result
         * @throws SQLException on a database error
         */
        T run(Connection c) throws SQLException;
    }

    /** Thrown by a unit of work to roll back and return a value (a refusal after a conditional write). */
    public static final class RollbackWith extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object value;

        /**
         * @param value what the unit returns after the rollback
         */
        public RollbackWith(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    private static final int ATTEMPTS = 20;

    private final DataSource dataSource;

    /**
     * @param dataSource where connections come from
     */
    public Tx(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs a unit of work in a transaction.
     *
     * @param work the unit
     * @param retryOnUniqueViolation whether a unique-key violation means a lost race to run again
     * @param <T> the result type
     * @return the unit's result
     * @throws StorageException on a database failure that retrying did not overcome
     */
    @SuppressWarnings("unchecked")
    public <T> T run(Work<T> work, boolean retryOnUniqueViolation) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (RollbackWith r) {
                    c.rollback();
                    return (T) r.value;
                } catch (Throwable e) {
                    // an Error too: restoring auto-commit below would otherwise commit the partial work
                    rollbackQuietly(c, e);
                    throw e;
                } finally {
                    restoreAutoCommit(c, autoCommit);
                }
            } catch (SQLException e) {
                if (!retryable(e, retryOnUniqueViolation)) {
                    throw new StorageException("database failure (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
                }
                last = e;
                backOff(attempt);
            } catch (CouponKernelException e) {
                throw e;
            }
        }
        throw new StorageException("gave up after " + ATTEMPTS + " attempts lost to concurrent transactions", last);
    }

    /**
     * @param e an exception from the database
     * @return whether it is a unique-key violation
     */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static boolean retryable(SQLException e, boolean retryOnUniqueViolation) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.equals("40001") || state.equals("40P01") || (retryOnUniqueViolation && state.equals("23505"))
                || state.equals("HYT00");
    }

    /** Gives the connection back as it came; a connection that died is the pool's to discard. */
    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            if (autoCommit && !c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the transaction has ended either way; the original outcome stands
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(50, 1L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a transaction", e);
        }
    }
}
