package dev.couponkernel.jdbc.internal;

import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs units of work in one JDBC transaction each (READ COMMITTED), committing on success and
 * rolling back on any failure. A unit may ask to roll back and still return a value; a unit that
 * loses a race on a unique key, a deadlock or a serialization check is run again from the start.
 * With a host's transaction to join, a unit runs on the host's connection instead, neither
 * committed, rolled back nor retried here: the host's transaction decides. Thread-safe.
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

    private final DataSource dataSource;
    private final RetryPolicy retry;
    private final long timeoutMillis;
    private final boolean postgres;
    private final Supplier<Connection> host;

    /**
     * @param dataSource where connections come from
     * @param statementTimeout the longest a statement may run, zero for the database's setting
     * @param postgres whether the database is PostgreSQL (else H2)
     * @param retry how a unit of work that lost a race is run again
     */
    public Tx(DataSource dataSource, Duration statementTimeout, boolean postgres, RetryPolicy retry) {
        this(dataSource, statementTimeout, postgres, retry, null);
    }

    /**
     * @param dataSource where connections come from
     * @param statementTimeout the longest a statement may run, zero for the database's setting
     * @param postgres whether the database is PostgreSQL (else H2)
     * @param retry how a unit of work that lost a race is run again
     * @param host gives the connection of the host's transaction in progress on the calling thread,
     *     or null when there is none; null for never joining
     */
    public Tx(DataSource dataSource, Duration statementTimeout, boolean postgres, RetryPolicy retry,
            Supplier<Connection> host) {
        this.dataSource = dataSource;
        this.retry = retry;
        long millis = statementTimeout.toMillis();
        this.timeoutMillis = millis == 0 ? 0 : ((millis + 999) / 1000) * 1000;
        this.postgres = postgres;
        this.host = host;
    }

    /**
     * @return the same settings, never joining a host's transaction: for writes that must stay when
     *     the host's transaction rolls back (the attempt log) and work that commits on its own
     *     schedule (the relay)
     */
    public Tx alone() {
        return host == null ? this : new Tx(dataSource, Duration.ofMillis(timeoutMillis), postgres, retry, null);
    }

    /**
     * @return the connection of the host's transaction on the calling thread, or null when there is
     *     none to join (or this never joins)
     * @throws StorageException when the host gives a connection in auto-commit mode
     */
    public Connection hostConnection() {
        if (host == null) {
            return null;
        }
        Connection c = host.get();
        if (c == null) {
            return null;
        }
        try {
            if (c.getAutoCommit()) {
                throw new StorageException("the connection given as the host's transaction is in auto-commit mode;"
                        + " give null when no transaction is in progress");
            }
        } catch (SQLException e) {
            throw new StorageException("the host's connection failed: " + e.getMessage(), e);
        }
        return c;
    }

    /**
     * @return whether a unit of work run now on the calling thread would join the host's transaction
     */
    public boolean joining() {
        return hostConnection() != null;
    }

    /**
     * Runs a unit of work on the host's connection: nothing is committed, rolled back or retried
     * here. A lost race is a {@link ConflictException} (the host's transaction must roll back and
     * may run again); any other database failure a {@link StorageException}.
     */
    private static <T> T inHostTransaction(Connection c, Work<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            if (retryable(e, true)) {
                throw new ConflictException("the host's transaction lost a race to a concurrent one (SQLState "
                        + e.getSQLState() + ": " + e.getMessage() + "); roll it back and run it again");
            }
            throw new StorageException("database failure in the host's transaction, which must roll back (SQLState "
                    + e.getSQLState() + "): " + e.getMessage(), e);
        }
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
    public <T> T run(Work<T> work, boolean retryOnUniqueViolation) {
        Connection joined = hostConnection();
        if (joined != null) {
            return inHostTransaction(joined, work);
        }
        return retrying(retryOnUniqueViolation, true, () -> {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                readCommittedOrStronger(c);
                long previousLockTimeout = -1;
                try {
                    previousLockTimeout = startTimeout(c);
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (Throwable e) {
                    // an Error too: restoring auto-commit below would otherwise commit the partial work
                    rollbackQuietly(c, e);
                    if (driverFailedOnALostConnection(e, c)) {
                        throw new StorageException("the connection to the database was lost mid-transaction; nothing was committed: "
                                + e.getMessage(), e);
                    }
                    throw e;
                } finally {
                    endTimeout(c, previousLockTimeout);
                    restoreAutoCommit(c, autoCommit);
                }
            }
        });
    }

    /**
     * Runs one statement on its own, in auto-commit: for a single read or a single insert that needs
     * no transaction around it (one round trip instead of a statement and a commit). With a statement
     * time-out configured it runs as a transaction instead, where the time-out is set.
     *
     * @param work the unit, one statement
     * @param <T> the result type
     * @return the unit's result
     * @throws StorageException on a database failure that retrying did not overcome
     */
    public <T> T single(Work<T> work) {
        Connection joined = hostConnection();
        if (joined != null) {
            return inHostTransaction(joined, work);
        }
        if (timeoutMillis > 0) {
            return run(work, false);
        }
        return retrying(false, false, () -> {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                if (!autoCommit) {
                    c.setAutoCommit(true);
                }
                try {
                    return work.run(c);
                } catch (Throwable e) {
                    if (driverFailedOnALostConnection(e, c)) {
                        throw new StorageException("the connection to the database was lost during a statement: " + e.getMessage(), e);
                    }
                    throw e;
                } finally {
                    if (!autoCommit) {
                        restoreAutoCommit(c, false);
                    }
                }
            }
        });
    }

    /** One try of a unit of work on a connection of its own. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Runs tries until one succeeds, retrying a database failure that is a lost race (with back-off),
     * and reporting any other as a {@link StorageException}: a cancelled statement as the statement
     * time-out when {@code reportTimeout}.
     */
    private <T> T retrying(boolean retryOnUniqueViolation, boolean reportTimeout, Attempt<T> attempt) {
        for (int failed = 1; ; failed++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (reportTimeout && timedOut(e)) {
                    throw new StorageException("a statement ran longer than the statement timeout of " + timeoutMillis / 1000
                            + " s and was cancelled; the transaction was rolled back: " + e.getMessage(), e);
                }
                if (!retryable(e, retryOnUniqueViolation)) {
                    throw new StorageException("database failure (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
                }
                StorageException gaveUp = retry.afterLostRace(failed, e.getSQLState(), e);
                if (gaveUp != null) {
                    throw gaveUp;
                }
            }
        }
    }

    /**
     * Physical connections seen at READ COMMITTED or stronger. Asking a driver for the isolation
     * level (and setting it, which a pool then resets) costs round trips on every transaction on
     * PostgreSQL; a connection is checked once.
     */
    private final java.util.Map<Connection, Boolean> checkedIsolation =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Every unit of work here is correct at READ COMMITTED and at any stronger level (a lost race
     * under REPEATABLE READ or SERIALIZABLE is retried); a weaker level is raised for the transaction.
     */
    private void readCommittedOrStronger(Connection c) throws SQLException {
        Connection physical = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
        if (checkedIsolation.containsKey(physical)) {
            return;
        }
        if (c.getTransactionIsolation() < Connection.TRANSACTION_READ_COMMITTED) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } else {
            checkedIsolation.put(physical, Boolean.TRUE);
        }
    }

    /**
     * @param e an exception from the database
     * @return whether it is a unique-key violation
     */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * PostgreSQL cancels a statement past {@code statement_timeout} with 57014; H2 does so for
     * running statements, and a wait for a row lock past the lock timeout this class sets ends
     * with HYT00.
     */
    private boolean timedOut(SQLException e) {
        return "57014".equals(e.getSQLState()) || (timeoutMillis > 0 && "HYT00".equals(e.getSQLState()));
    }

    /**
     * @param e an exception from the database
     * @param retryOnUniqueViolation whether a unique-key violation (a concurrent insert of the same
     *     row) counts
     * @return whether it is a lost race to retry: a serialization failure, a deadlock, a lock wait
     *     that timed out, or (when asked) a unique-key violation
     */
    public static boolean retryable(SQLException e, boolean retryOnUniqueViolation) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.equals("40001") || state.equals("40P01") || (retryOnUniqueViolation && state.equals("23505"))
                || state.equals("HYT00");
    }

    /**
     * PostgreSQL ends a SET LOCAL with the transaction. H2's settings are per session: its query
     * timeout does not cover waiting for a row lock, so the lock timeout is set as well, and both
     * are put back after the transaction.
     *
     * @return the session's lock timeout before, to restore; -1 when nothing needs restoring
     */
    private long startTimeout(Connection c) throws SQLException {
        if (timeoutMillis == 0) {
            return -1;
        }
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("SET LOCAL statement_timeout = " + timeoutMillis);
                return -1;
            }
            long previous;
            try (ResultSet rs = s.executeQuery("CALL LOCK_TIMEOUT()")) {
                rs.next();
                previous = rs.getLong(1);
            }
            s.execute("SET QUERY_TIMEOUT " + timeoutMillis);
            s.execute("SET LOCK_TIMEOUT " + timeoutMillis);
            return previous;
        }
    }

    private void endTimeout(Connection c, long previousLockTimeout) {
        if (timeoutMillis > 0 && !postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("SET QUERY_TIMEOUT 0");
                if (previousLockTimeout >= 0) {
                    s.execute("SET LOCK_TIMEOUT " + previousLockTimeout);
                }
            } catch (SQLException e) {
                // the connection died; the pool discards it
            }
        }
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

    /**
     * A driver may fail on a connection that died under it with an unchecked exception rather than
     * an SQLException (pgjdbc throws an AssertionError from a batch whose server process was
     * terminated); that is a lost connection too, reported as a StorageException.
     */
    private static boolean driverFailedOnALostConnection(Throwable e, Connection c) {
        if (e instanceof CouponKernelException || !(e instanceof RuntimeException || e instanceof AssertionError)) {
            return false;
        }
        try {
            return c.isClosed() || !c.isValid(2);
        } catch (SQLException lost) {
            return true;
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
