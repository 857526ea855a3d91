package dev.couponkernel.jpa;

import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.CouponStorage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Supplier;

/**
 * The storage on Jakarta Persistence, over the same tables as coupon-jdbc (one schema: a host can
 * switch between the two storages, or run both, without migrating data). Every change writes its
 * rows, its audit entry and its outbox event in one unit of work.
 *
 * <p>Two ways to run:
 * <ul>
 *   <li>{@linkplain #on(EntityManagerFactory) Alone}: each operation opens an entity manager of the
 *       given RESOURCE_LOCAL factory, runs in a transaction of its own and commits, retrying a
 *       transaction that lost a race (a deadlock, a concurrent insert of the same key).
 *   <li>{@linkplain Builder#joinTransactions(Supplier) Joining}: when the supplier gives an entity
 *       manager joined to an active transaction (the host's Spring or Jakarta transaction), the
 *       operation runs in it and commits or rolls back with the host's own writes; it is not retried
 *       (a lost race throws {@code ConflictException} and marks the host's transaction for rollback).
 *       With no active transaction, it runs alone as above. The relay and the attempt log always
 *       run alone. See {@code docs/jpa.md}.
 * </ul>
 *
 * <p>Install the tables with coupon-jdbc's {@code SchemaInstaller} or Flyway, and add {@link
 * CouponEntities} to the persistence unit (or use {@link CouponPersistenceUnit}). Thread-safe; share
 * one instance.
 */
public final class JpaCouponStorage implements CouponStorage {

    private final JpaCouponRepository coupons;
    private final JpaUsageLedger ledger;
    private final JpaAuditTrail audit;
    private final JpaEventOutbox outbox;
    private final JpaAttemptLog attempts;
    private final JpaCodeStore codes;

    private JpaCouponStorage(Builder b) {
        JpaTx tx = new JpaTx(b.factory, b.host, b.retry);
        this.coupons = new JpaCouponRepository(tx);
        this.ledger = new JpaUsageLedger(tx);
        this.audit = new JpaAuditTrail(tx);
        this.outbox = new JpaEventOutbox(tx);
        this.attempts = new JpaAttemptLog(tx);
        this.codes = new JpaCodeStore(tx);
    }

    /**
     * @param factory a RESOURCE_LOCAL factory whose unit holds {@link CouponEntities}, on a database
     *     whose schema is installed
     * @return a storage whose every operation runs in a transaction of its own
     */
    public static JpaCouponStorage on(EntityManagerFactory factory) {
        return builder(factory).build();
    }

    /**
     * @param factory a factory whose unit holds {@link CouponEntities}; RESOURCE_LOCAL for whatever
     *     runs outside the host's transactions
     * @return a builder
     */
    public static Builder builder(EntityManagerFactory factory) {
        return new Builder(Checks.notNull(factory, "factory"));
    }

    /** Settings of a {@link JpaCouponStorage}. Not thread-safe; build once. */
    public static final class Builder {
        private final EntityManagerFactory factory;
        private Supplier<EntityManager> host;
        private RetryPolicy retry = RetryPolicy.defaults();

        private Builder(EntityManagerFactory factory) {
            this.factory = factory;
        }

        /**
         * Sets how a unit of work the storage runs alone, that lost a race to a concurrent
         * transaction, is run again. Work joined to the host's transaction is never retried here:
         * the host's transaction decides.
         *
         * @param policy the policy; {@code RetryPolicy.defaults()} unless set
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Checks.notNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Runs each operation in the host's transaction when there is one: the supplier is asked on
         * every operation, on the calling thread, and returns the entity manager of the transaction
         * in progress (Spring: {@code EntityManagerFactoryUtils.getTransactionalEntityManager(emf)}; a
         * container: the injected {@code @PersistenceContext} manager), or null when there is none.
         * An entity manager not {@linkplain EntityManager#isJoinedToTransaction() joined} to a
         * transaction counts as none.
         *
         * @param currentEntityManager gives the host's entity manager of the current transaction, or null
         * @return this builder
         */
        public Builder joinTransactions(Supplier<EntityManager> currentEntityManager) {
            this.host = Checks.notNull(currentEntityManager, "currentEntityManager");
            return this;
        }

        /** @return the storage */
        public JpaCouponStorage build() {
            return new JpaCouponStorage(this);
        }
    }

    /** @return the fraud guard's attempt log, in table {@code coupon_attempt} */
    public JpaAttemptLog attempts() {
        return attempts;
    }

    @Override
    public JpaCouponRepository coupons() {
        return coupons;
    }

    @Override
    public JpaUsageLedger ledger() {
        return ledger;
    }

    @Override
    public JpaAuditTrail audit() {
        return audit;
    }

    @Override
    public JpaEventOutbox outbox() {
        return outbox;
    }

    @Override
    public JpaCodeStore codes() {
        return codes;
    }
}
