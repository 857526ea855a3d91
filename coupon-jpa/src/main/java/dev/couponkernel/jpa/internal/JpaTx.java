package dev.couponkernel.jpa.internal;

import dev.couponkernel.jdbc.RetryPolicy;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.error.StorageException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the stores' units of work: in the host's transaction when the host has one and has asked the
 * storage to join it, otherwise in a transaction of their own on a new entity manager, retried
 * when it loses a race to a concurrent transaction. Thread-safe.
 */
public final class JpaTx {

    /** A unit of work on an entity manager inside a transaction. */
    @FunctionalInterface
    public interface Work<T> extends Function<EntityManager, T> {}

    private final EntityManagerFactory factory;
    private final Supplier<EntityManager> host;
    private final RetryPolicy retry;

    /**
     * @param factory the factory of the entity managers of units of work run alone
     * @param host gives the host's entity manager of the current transaction, or null when there
     *     is none; null to never join
     * @param retry how a unit of work run alone that lost a race is run again
     */
    public JpaTx(EntityManagerFactory factory, Supplier<EntityManager> host, RetryPolicy retry) {
        this.factory = factory;
        this.host = host;
        this.retry = retry;
    }

    /** @return the factory units of work run alone use */
    public EntityManagerFactory factory() {
        return factory;
    }

    /**
     * Runs a unit of work in the host's transaction if there is one to join, else alone.
     *
     * @param work the unit of work
     * @param retryOnUniqueViolation whether a unique-key violation is a lost race (a concurrent
     *     insert of the same row) to retry, when run alone
     * @param <T> its result
     * @return its result
     */
    public <T> T run(Work<T> work, boolean retryOnUniqueViolation) {
        EntityManager joined = host == null ? null : host.get();
        if (joined != null && joined.isJoinedToTransaction()) {
            return inHostTransaction(joined, work);
        }
        return alone(work, retryOnUniqueViolation);
    }

    /**
     * Runs a unit of work in a transaction of its own, never the host's: for writes that must stay
     * when the host's transaction rolls back (the fraud guard's attempt log).
     *
     * @param work the unit of work
     * @param <T> its result
     * @return its result
     */
    public <T> T alone(Work<T> work) {
        return alone(work, false);
    }

    private <T> T inHostTransaction(EntityManager em, Work<T> work) {
        try {
            T result = work.apply(em);
            em.flush();
            return result;
        } catch (CouponKernelException e) {
            if (e instanceof StorageException) {
                rollbackOnly(em);
            }
            throw e;
        } catch (RuntimeException e) {
            rollbackOnly(em);
            if (lostRace(e, true)) {
                throw new ConflictException("the host's transaction lost a race to a concurrent one (" + describe(e)
                        + "); roll it back and run it again");
            }
            throw new StorageException("database failure in the host's transaction, which must roll back: " + describe(e), e);
        }
    }

    /** A resource-local transaction is marked here; a JTA provider marks its transaction on its own failures. */
    private static void rollbackOnly(EntityManager em) {
        try {
            EntityTransaction t = em.getTransaction();
            if (t.isActive()) {
                t.setRollbackOnly();
            }
        } catch (IllegalStateException | UnsupportedOperationException jta) {
            // a JTA entity manager has no EntityTransaction
        }
    }

    private <T> T alone(Work<T> work, boolean retryOnUniqueViolation) {
        for (int failed = 1; ; failed++) {
            EntityManager em;
            try {
                em = factory.createEntityManager();
            } catch (RuntimeException e) {
                throw new StorageException("cannot open an entity manager: " + describe(e), e);
            }
            try {
                EntityTransaction t = em.getTransaction();
                t.begin();
                try {
                    T result = work.apply(em);
                    em.flush();
                    t.commit();
                    return result;
                } catch (RuntimeException | Error e) {
                    if (t.isActive()) {
                        try {
                            t.rollback();
                        } catch (RuntimeException rollback) {
                            e.addSuppressed(rollback);
                        }
                    }
                    throw e;
                }
            } catch (CouponKernelException e) {
                throw e;
            } catch (IllegalStateException e) {
                throw new StorageException("the storage runs its own resource-local transactions outside the host's: give it"
                        + " a RESOURCE_LOCAL entity manager factory (" + describe(e) + ")", e);
            } catch (RuntimeException e) {
                if (!lostRace(e, retryOnUniqueViolation)) {
                    if (isUniqueViolation(e)) {
                        throw new ConflictException("a row this change inserts was inserted concurrently: " + describe(e));
                    }
                    throw new StorageException("database failure: " + describe(e), e);
                }
                em.close(); // the connection goes back to the pool while the policy waits
                StorageException gaveUp = retry.afterLostRace(failed, sqlState(e), e);
                if (gaveUp != null) {
                    throw gaveUp;
                }
            } finally {
                if (em.isOpen()) {
                    em.close();
                }
            }
        }
    }

    /**
     * @param e a failure of a unit of work
     * @param uniqueViolationToo whether a unique-key violation counts
     * @return whether it lost a race to a concurrent transaction: a deadlock, a serialization
     *     failure, a lock wait that timed out, or (when asked) a concurrent insert of the same key
     */
    static boolean lostRace(Throwable e, boolean uniqueViolationToo) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockTimeoutException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        SQLException database = databaseError(e);
        return database != null && Tx.retryable(database, uniqueViolationToo);
    }

    private static String sqlState(Throwable e) {
        SQLException database = databaseError(e);
        return database == null ? null : database.getSQLState();
    }

    private static boolean isUniqueViolation(Throwable e) {
        SQLException database = databaseError(e);
        return database != null && Tx.isUniqueViolation(database);
    }

    /** The innermost database error with an SQLState in the chain, or null. */
    private static SQLException databaseError(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                found = s;
            }
        }
        return found;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
