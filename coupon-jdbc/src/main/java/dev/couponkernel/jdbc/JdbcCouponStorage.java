package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.error.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The reference storage on a plain {@link DataSource}, for H2 and PostgreSQL: every operation is one
 * transaction that writes the change, its audit entry and its outbox event together, with {@code
 * PreparedStatement}s only. Install the tables first with {@link SchemaInstaller} or Flyway
 * ({@link Dialect#migrations()}). See {@code docs/jdbc.md}.
 *
 * <p>Thread-safe; share one instance. Give it a pooled data source (HikariCP) in production.
 */
public final class JdbcCouponStorage implements CouponStorage {

    private final JdbcCouponRepository coupons;
    private final JdbcUsageLedger ledger;
    private final JdbcAuditTrail audit;
    private final JdbcEventOutbox outbox;
    private final JdbcCodeStore codes;
    private final JdbcReadModels readModels;
    private final JdbcConsistencyCheck consistency;
    private final JdbcAttemptLog attempts;
    private final CouponCache validationCache;
    private final Tx alone;

    private JdbcCouponStorage(Builder b) {
        Dialect dialect = Dialect.of(b.dataSource);
        Tx tx = new Tx(b.dataSource, b.statementTimeout, dialect == Dialect.POSTGRESQL, b.retry, b.host);
        this.validationCache = new CouponCache(b.validationCacheTtl, b.validationCacheSize, System::nanoTime);
        this.coupons = new JdbcCouponRepository(tx, validationCache);
        this.ledger = new JdbcUsageLedger(tx, dialect, b.combinedWrites);
        this.audit = new JdbcAuditTrail(tx);
        this.outbox = new JdbcEventOutbox(tx.alone());
        this.codes = new JdbcCodeStore(tx, dialect == Dialect.POSTGRESQL);
        this.readModels = new JdbcReadModels(tx);
        this.consistency = new JdbcConsistencyCheck(tx, readModels, audit);
        this.attempts = new JdbcAttemptLog(tx.alone());
        this.alone = tx.alone();
    }

    /**
     * Returns the storage on a data source whose schema is installed, with the defaults of {@link
     * Builder}.
     *
     * @param dataSource an H2 or PostgreSQL data source
     * @return the storage
     */
    public static JdbcCouponStorage on(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * @param dataSource an H2 or PostgreSQL data source whose schema is installed
     * @return a builder for a storage with settings other than the defaults
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Checks.notNull(dataSource, "dataSource"));
    }

    /** Settings of a {@link JdbcCouponStorage}. Not thread-safe; build once. */
    public static final class Builder {
        private final DataSource dataSource;
        private Duration statementTimeout = Duration.ZERO;
        private Duration validationCacheTtl = Duration.ofSeconds(1);
        private int validationCacheSize = 10_000;
        private int combinedWrites = 1;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Supplier<Connection> host;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets how a transaction that lost a race to a concurrent one (a deadlock, a serialization
         * failure, a lock wait that timed out, a concurrent insert of the same row) is run again.
         *
         * @param policy the policy; {@link RetryPolicy#defaults()} unless set
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Checks.notNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Cancels any statement of the storage that runs longer, and rolls its transaction back (a
         * lock waiting behind a stuck transaction fails instead of hanging). Whole seconds, rounded
         * up; zero, the default, leaves the database's own setting.
         *
         * @param timeout the longest a statement may run
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            Checks.notNull(timeout, "statementTimeout");
            if (timeout.isNegative()) {
                throw new InvalidInputException("statementTimeout", "must not be negative, was " + timeout);
            }
            this.statementTimeout = timeout;
            return this;
        }

        /**
         * How long a coupon looked up by code is served from memory. A save through this storage
         * invalidates its code at once; another node's change is seen after at most this long (a lock
         * never uses a stale status: it reads the status in its own transaction). Default one second;
         * zero turns the cache off.
         *
         * @param ttl the time-to-live
         * @return this builder
         */
        public Builder validationCacheTtl(Duration ttl) {
            Checks.notNull(ttl, "validationCacheTtl");
            if (ttl.isNegative()) {
                throw new InvalidInputException("validationCacheTtl", "must not be negative, was " + ttl);
            }
            this.validationCacheTtl = ttl;
            return this;
        }

        /**
         * @param entries the most codes the validation cache holds, at least 1 (default 10,000)
         * @return this builder
         */
        public Builder validationCacheSize(int entries) {
            if (entries < 1) {
                throw new InvalidInputException("validationCacheSize", "must be at least 1, was " + entries);
            }
            this.validationCacheSize = entries;
            return this;
        }

        /**
         * Combines concurrent locks, redeems and releases of one coupon into one transaction, up to
         * this many per transaction (a flash sale's thousands of checkouts on one coupon then cost
         * tens of transactions instead of thousands of waits on one row). Each usage keeps its own
         * row, audit entry and event, and the outcome of each operation is the one it would have had
         * alone. 1 (the default) runs every operation in its own transaction.
         *
         * @param maxPerTransaction 1 to 1,000
         * @return this builder
         */
        public Builder combineConcurrentWrites(int maxPerTransaction) {
            if (maxPerTransaction < 1 || maxPerTransaction > 1_000) {
                throw new InvalidInputException("combineConcurrentWrites", "must be between 1 and 1000, was " + maxPerTransaction);
            }
            this.combinedWrites = maxPerTransaction;
            return this;
        }

        /**
         * Runs each operation in the host's transaction when there is one. The supplier is asked on
         * every operation, on the calling thread, and returns the connection of the transaction in
         * progress (not in auto-commit mode), or null when there is none; Spring: {@code
         * TransactionSynchronizationManager.isActualTransactionActive() ?
         * DataSourceUtils.getConnection(dataSource) : null}. Joined work is neither committed, rolled
         * back nor retried here: a lost race throws {@code ConflictException} and a database failure
         * {@code StorageException}, and the host's transaction must then roll back. Joined work is
         * never combined with other operations, reads coupons past the validation cache, and runs
         * with the host's isolation level (READ COMMITTED or stronger) and without the statement
         * timeout. The fraud guard's attempt log and the outbox relay never join: an attempt stays
         * recorded when the checkout's transaction rolls back, and the relay commits per claim.
         * Without this setting (the default) every operation runs in a transaction of its own.
         *
         * @param currentConnection gives the connection of the host's transaction in progress, or null
         * @return this builder
         */
        public Builder joinTransactions(Supplier<Connection> currentConnection) {
            this.host = Checks.notNull(currentConnection, "currentConnection");
            return this;
        }

        /** @return the storage */
        public JdbcCouponStorage build() {
            return new JdbcCouponStorage(this);
        }
    }

    /** @return the read models and their rebuild */
    public JdbcReadModels readModels() {
        return readModels;
    }

    /** @return the fraud guard's attempt log, in table {@code coupon_attempt} */
    public JdbcAttemptLog attempts() {
        return attempts;
    }

    /** @return what the validation cache (coupons by code) has done so far: hits, misses, evictions, size */
    public ValidationCacheStats validationCacheStats() {
        return validationCache.stats();
    }

    /**
     * Reads what the relay and the expiry sweep have yet to do (two aggregate queries over the
     * partial indexes of pending events and held locks, in a transaction of its own): for metrics
     * and health checks. Works on data the JPA storage wrote too.
     *
     * @return the backlog now
     */
    public Backlog backlog() {
        Instant now = Sql.micros(Instant.now());
        return alone.run(c -> {
            long pending;
            Instant oldestPending;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) AS n, MIN(recorded_at) AS oldest FROM coupon_outbox WHERE published_at IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                pending = rs.getLong("n");
                oldestPending = Sql.instant(rs, "oldest");
            }
            long expired;
            Instant oldestExpired;
            try (PreparedStatement ps = Sql.prepare(c, "SELECT COUNT(*) AS n, MIN(expires_at) AS oldest FROM coupon_usage"
                    + " WHERE status = 'LOCKED' AND expires_at <= ?", now); ResultSet rs = ps.executeQuery()) {
                rs.next();
                expired = rs.getLong("n");
                oldestExpired = Sql.instant(rs, "oldest");
            }
            return new Backlog(pending, Optional.ofNullable(oldestPending), expired, Optional.ofNullable(oldestExpired), now);
        }, false);
    }

    /** @return the check that the stored counts, usages, audit and events agree */
    public JdbcConsistencyCheck consistency() {
        return consistency;
    }

    @Override
    public JdbcCouponRepository coupons() {
        return coupons;
    }

    @Override
    public JdbcUsageLedger ledger() {
        return ledger;
    }

    @Override
    public JdbcAuditTrail audit() {
        return audit;
    }

    @Override
    public JdbcEventOutbox outbox() {
        return outbox;
    }

    @Override
    public JdbcCodeStore codes() {
        return codes;
    }
}
