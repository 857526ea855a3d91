package dev.couponkernel.jdbc;

import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CouponStorage;
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

    private JdbcCouponStorage(DataSource dataSource) {
        Tx tx = new Tx(dataSource);
        this.coupons = new JdbcCouponRepository(tx);
        this.ledger = new JdbcUsageLedger(tx, Dialect.of(dataSource));
        this.audit = new JdbcAuditTrail(tx);
        this.outbox = new JdbcEventOutbox(tx);
    }

    /**
     * Returns the storage on a data source whose schema is installed.
     *
     * @param dataSource an H2 or PostgreSQL data source
     * @return the storage
     */
    public static JdbcCouponStorage on(DataSource dataSource) {
        return new JdbcCouponStorage(Checks.notNull(dataSource, "dataSource"));
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
}
