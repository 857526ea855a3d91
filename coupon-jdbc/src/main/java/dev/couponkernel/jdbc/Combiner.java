package dev.couponkernel.jdbc;

import dev.couponkernel.spi.value.CouponId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Combines concurrent ledger operations on one coupon into one transaction (flat combining). A
 * caller enqueues its operation; whichever caller finds the coupon's stripe free becomes the
 * leader, takes every queued operation (up to a maximum), hands them per coupon to the executor,
 * which runs them in one transaction, gives each caller its own result, and passes leadership on.
 * While a transaction runs, the next operations queue up, so the batch grows with the load: one
 * checkout alone runs alone, a flash sale runs tens per transaction.
 *
 * <p>On one node, at most one transaction per stripe is in flight, which also bounds the database
 * concurrency on a hot coupon to one transaction per node. Thread-safe.
 */
final class Combiner {

    /** One queued operation and, once run, its result or failure. */
    static final class Slot {
        final CouponId coupon;
        final Object op;
        final Thread waiter;
        private Object result;
        private RuntimeException failure;
        private volatile boolean done;

        Slot(CouponId coupon, Object op) {
            this.coupon = coupon;
            this.op = op;
            this.waiter = Thread.currentThread();
        }

        /**
         * Sets the operation's result. The caller is woken when the leader lets go of the stripe, so
         * that the next transaction starts before a batch's callers are woken one by one.
         *
         * @param value the operation's result
         */
        void complete(Object value) {
            this.result = value;
            this.done = true;
        }

        /** @param e why the operation failed; the caller is woken as for {@link #complete} */
        void fail(RuntimeException e) {
            this.failure = e;
            this.done = true;
        }

        boolean isDone() {
            return done;
        }
    }

    private static final int STRIPES = 64;

    /** Longest a waiting caller sleeps before it looks again by itself. */
    private static final long PARK_NANOS = 1_000_000_000L;

    private static final class Stripe {
        final ConcurrentLinkedQueue<Slot> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean leading = new AtomicBoolean();
    }

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final int maxBatch;
    private final Executor executor;

    /** Runs the operations of one coupon, completing or failing every slot it is given. */
    @FunctionalInterface
    interface Executor {
        /**
         * @param coupon the coupon
         * @param slots its operations, in arrival order; each must be completed or failed
         */
        void run(CouponId coupon, List<Slot> slots);
    }

    Combiner(int maxBatch, Executor executor) {
        this.maxBatch = maxBatch;
        this.executor = executor;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Runs an operation, combined with concurrent ones on the same coupon.
     *
     * @param coupon the coupon it is about
     * @param op the operation
     * @param <R> its result type
     * @return its result
     */
    @SuppressWarnings("unchecked")
    <R> R submit(CouponId coupon, Object op) {
        Stripe stripe = stripes[Math.floorMod(coupon.hashCode(), STRIPES)];
        Slot slot = new Slot(coupon, op);
        stripe.queue.add(slot);
        // a queued operation runs whatever happens to its caller: an interrupt is kept for after it,
        // instead of making every park return at once
        boolean interrupted = false;
        while (!slot.isDone()) {
            if (Thread.interrupted()) {
                interrupted = true;
            }
            if (stripe.leading.compareAndSet(false, true)) {
                List<Slot> batch = new ArrayList<>();
                try {
                    if (!slot.isDone()) {
                        lead(stripe, batch);
                    }
                } finally {
                    stripe.leading.set(false);
                    // whoever queued meanwhile may lead now: woken first, so the next transaction
                    // starts while this batch's callers are woken
                    Slot next = stripe.queue.peek();
                    if (next != null) {
                        LockSupport.unpark(next.waiter);
                    }
                    for (Slot done : batch) {
                        if (done != slot) {
                            LockSupport.unpark(done.waiter);
                        }
                    }
                }
            } else {
                // woken when the leader that ran this slot lets go, or when leadership is handed over (a
                // leader that lets go wakes the first queued caller); the time-out only guards a missed
                // wake-up, and is long because with hundreds of waiters every early wake-up takes CPU
                // from the leader
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (slot.failure != null) {
            throw slot.failure;
        }
        return (R) slot.result;
    }

    /** Takes up to the maximum queued operations into {@code batch} and runs them; every one ends completed or failed. */
    private void lead(Stripe stripe, List<Slot> batch) {
        for (Slot s; batch.size() < maxBatch && (s = stripe.queue.poll()) != null; ) {
            batch.add(s);
        }
        Map<CouponId, List<Slot>> byCoupon = new LinkedHashMap<>();
        for (Slot s : batch) {
            byCoupon.computeIfAbsent(s.coupon, k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<CouponId, List<Slot>> e : byCoupon.entrySet()) {
            try {
                executor.run(e.getKey(), e.getValue());
            } catch (RuntimeException failure) {
                for (Slot s : e.getValue()) {
                    if (!s.isDone()) {
                        s.fail(failure);
                    }
                }
            } catch (Error error) {
                for (Slot s : e.getValue()) {
                    if (!s.isDone()) {
                        s.fail(new IllegalStateException("the combined transaction failed: " + error, error));
                    }
                }
                throw error;
            }
        }
    }

    /** Helper for executors: runs each slot's operation on its own. */
    static void oneByOne(List<Slot> slots, Function<Object, Object> single) {
        for (Slot s : slots) {
            if (s.isDone()) {
                continue;
            }
            try {
                s.complete(single.apply(s.op));
            } catch (RuntimeException e) {
                s.fail(e);
            }
        }
    }
}
