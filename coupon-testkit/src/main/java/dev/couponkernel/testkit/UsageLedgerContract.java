package dev.couponkernel.testkit;

import dev.couponkernel.spi.store.ReinstateResult;
import dev.couponkernel.spi.event.CouponReinstated;
import dev.couponkernel.spi.event.EventType;
import java.util.Set;
import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static dev.couponkernel.testkit.StorageFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.store.LimitChange;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageLedger;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageLedger}: every rule a ledger must keep, as a test. Extend it in your
 * test sources and return a fresh, empty storage from {@link #newStorage()}; run it with JUnit 5.
 *
 * <p>Rule names follow the shape of the reactive-streams TCK: {@code required_L<n>_...} rules are
 * the contract; a ledger that fails one breaks the library's guarantees. The stateful property over
 * random sequences of operations is in {@link UsageLedgerStateProperties}.
 */
public abstract class UsageLedgerContract {

    /** How many threads the concurrency rules race. */
    protected static final int THREADS = 64;

    private StorageFixture given;
    private UsageLedger ledger;

    /**
     * Returns a new, empty storage. Called before every rule.
     *
     * @return the storage under test
     */
    protected abstract CouponStorage newStorage();

    /** Creates the storage for one rule. */
    @BeforeEach
    void createStorage() {
        given = new StorageFixture(newStorage());
        ledger = given.storage().ledger();
    }

    private static List<AuditAction> actions(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::action).toList();
    }

    private List<EventEnvelope> allPendingEvents() {
        return given.storage().outbox().pending(100_000);
    }

    /** L1.1: a lock creates a LOCKED usage with the request's data and counts it, in total and for the customer. */
    @Test
    void required_L1_1_lockCreatesALockedUsageAndCountsIt() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 2));

        LockOutcome outcome = given.lock(coupon, "alice", "co-1", T0);

        assertThat(outcome.isLocked()).isTrue();
        assertThat(outcome.isReplayed()).isFalse();
        UsageRecord usage = outcome.usage().orElseThrow();
        assertThat(usage.status()).isEqualTo(UsageStatus.LOCKED);
        assertThat(usage.couponId()).isEqualTo(coupon.id());
        assertThat(usage.code()).isEqualTo(coupon.definition().code());
        assertThat(usage.userId()).isEqualTo(UserId.of("alice"));
        assertThat(usage.checkoutId()).isEqualTo(CheckoutId.of("co-1"));
        assertThat(usage.lockedAt()).isEqualTo(T0);
        assertThat(usage.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
        assertThat(ledger.count(coupon.id(), UserId.of("bob"))).isEqualTo(new UsageCount(1, 0));
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).containsExactly(usage);
    }

    /** L1.2: locking again for the same coupon and checkout returns the same usage and counts nothing more. */
    @Test
    void required_L1_2_lockIsIdempotentByCheckout() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 5));
        UsageRecord first = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();

        LockOutcome again = given.lock(coupon, "alice", "co-1", T0.plusSeconds(5));

        assertThat(again.isReplayed()).isTrue();
        assertThat(again.usage()).contains(first);
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
        assertThat(actions(given.storage().audit().byUsage(first.id()))).containsExactly(AuditAction.USAGE_LOCKED);
    }

    /** L1.3: a lock beyond the total limit is refused with TOTAL_LIMIT_REACHED and counts nothing. */
    @Test
    void required_L1_3_totalLimitRefusesWithAReason() {
        CouponRecord coupon = given.coupon(UsageLimits.total(2));
        given.lock(coupon, "a", "co-1", T0);
        given.lock(coupon, "b", "co-2", T0);

        LockOutcome third = given.lock(coupon, "c", "co-3", T0);

        assertThat(third.isLocked()).isFalse();
        assertThat(third.reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
        assertThat(third.message().orElseThrow()).contains("2 of 2");
        assertThat(ledger.count(coupon.id(), UserId.of("c"))).isEqualTo(new UsageCount(2, 0));
        assertThat(ledger.usagesOf(CheckoutId.of("co-3"))).isEmpty();
    }

    /** L1.4: a lock beyond the customer's limit is refused with USER_LIMIT_REACHED; others still lock. */
    @Test
    void required_L1_4_perUserLimitRefusesWithAReason() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 1));
        given.lock(coupon, "alice", "co-1", T0);

        LockOutcome second = given.lock(coupon, "alice", "co-2", T0);

        assertThat(second.reason()).contains(RejectionReason.USER_LIMIT_REACHED);
        assertThat(given.lock(coupon, "bob", "co-3", T0).isLocked()).isTrue();
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(2, 1));
    }

    /**
     * L1.5: {@value #THREADS} threads lock one coupon with a total limit N at once, each for its own
     * customer and checkout: exactly N succeed, never more, and the count is N.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void required_L1_5_concurrentLocksNeverExceedTheTotalLimit() throws Exception {
        int limit = 17;
        CouponRecord coupon = given.coupon(UsageLimits.total(limit));

        List<LockOutcome> outcomes = race(i -> given.lock(coupon, "user-" + i, "co-" + i, T0));

        long locked = outcomes.stream().filter(LockOutcome::isLocked).count();
        assertThat(locked).isEqualTo(limit);
        assertThat(outcomes.stream().filter(o -> !o.isLocked()))
                .allSatisfy(o -> assertThat(o.reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED));
        assertThat(ledger.count(coupon.id(), UserId.of("nobody")).total()).isEqualTo(limit);
        assertThat(given.storage().audit().byCoupon(coupon.id()).stream()
                .filter(e -> e.action() == AuditAction.USAGE_LOCKED)).hasSize(limit);
    }

    /**
     * L1.6: {@value #THREADS} threads of one customer lock one coupon with a per-user limit, each
     * for its own checkout: exactly that many succeed.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void required_L1_6_concurrentLocksNeverExceedThePerUserLimit() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.of(1_000, 3));

        List<LockOutcome> outcomes = race(i -> given.lock(coupon, "alice", "co-" + i, T0));

        assertThat(outcomes.stream().filter(LockOutcome::isLocked)).hasSize(3);
        assertThat(outcomes.stream().filter(o -> !o.isLocked()))
                .allSatisfy(o -> assertThat(o.reason()).contains(RejectionReason.USER_LIMIT_REACHED));
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(3, 3));
    }

    /**
     * L1.7: {@value #THREADS} threads retry the same lock (same coupon and checkout) at once: one
     * usage exists and it counts once.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void required_L1_7_concurrentRetriesOfOneLockCountOnce() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.of(5, 5));

        List<LockOutcome> outcomes = race(i -> given.lock(coupon, "alice", "co-same", T0));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.isLocked()).isTrue());
        assertThat(outcomes.stream().map(o -> o.usage().orElseThrow().id()).distinct()).hasSize(1);
        assertThat(outcomes.stream().filter(o -> !o.isReplayed())).hasSize(1);
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
    }

    /** L2.1: redeem moves every LOCKED usage of the checkout to REDEEMED with the order id; counts stay. */
    @Test
    void required_L2_1_redeemMakesTheUsageFinal() {
        CouponRecord one = given.coupon(UsageLimits.total(5));
        CouponRecord two = given.coupon(UsageLimits.total(5));
        given.lock(one, "alice", "co-1", T0);
        given.lock(two, "alice", "co-1", T0);

        RedeemResult result = ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(60), ACTOR);

        assertThat(result.status()).isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(result.usages()).hasSize(2).allSatisfy(u -> {
            assertThat(u.status()).isEqualTo(UsageStatus.REDEEMED);
            assertThat(u.orderId()).isEqualTo(OrderId.of("order-1"));
            assertThat(u.closedAt()).isEqualTo(T0.plusSeconds(60));
        });
        assertThat(ledger.count(one.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
    }

    /** L2.2: redeeming again for the same order changes nothing. */
    @Test
    void required_L2_2_redeemIsIdempotentForTheSameOrder() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);

        RedeemResult again = ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(2), ACTOR);

        assertThat(again.status()).isEqualTo(RedeemResult.Status.ALREADY_REDEEMED);
        assertThat(again.usages()).singleElement().satisfies(u -> assertThat(u.closedAt()).isEqualTo(T0.plusSeconds(1)));
        assertThat(actions(given.storage().audit().byUsage(usage.id())))
                .containsExactly(AuditAction.USAGE_LOCKED, AuditAction.USAGE_REDEEMED);
    }

    /** L2.3: redeeming for another order than the one redeemed fails with ConflictException and writes nothing. */
    @Test
    void required_L2_3_redeemForAnotherOrderIsAConflict() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);
        int events = allPendingEvents().size();

        assertThatThrownBy(() -> ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-2"), T0.plusSeconds(2), ACTOR))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("order-1")
                .hasMessageContaining("order-2");
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).singleElement()
                .satisfies(u -> assertThat(u.orderId()).isEqualTo(OrderId.of("order-1")));
        assertThat(given.storage().audit().byUsage(usage.id())).hasSize(2);
        assertThat(allPendingEvents()).hasSize(events);
    }

    /** L2.4: redeeming a released checkout changes nothing and says RELEASED. */
    @Test
    void required_L2_4_redeemAfterReleaseIsRejected() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        ledger.release(CheckoutId.of("co-1"), "payment declined", T0.plusSeconds(1), ACTOR);

        RedeemResult result = ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(2), ACTOR);

        assertThat(result.status()).isEqualTo(RedeemResult.Status.RELEASED);
        assertThat(result.usages()).singleElement().satisfies(u -> assertThat(u.status()).isEqualTo(UsageStatus.RELEASED));
        assertThat(ledger.count(coupon.id(), UserId.of("alice")).total()).isZero();
    }

    /** L2.5: redeeming after the lock expired, before or after the sweep, does not redeem. */
    @Test
    void required_L2_5_redeemAfterExpiryIsRejected() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        given.lock(coupon, "bob", "co-2", T0);
        Instant late = T0.plus(TTL);

        RedeemResult beforeSweep = ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), late, ACTOR);
        ledger.expireLocks(late, 10, ACTOR);
        RedeemResult afterSweep = ledger.redeem(CheckoutId.of("co-2"), OrderId.of("order-2"), late, ACTOR);

        assertThat(beforeSweep.status()).isEqualTo(RedeemResult.Status.LOCK_EXPIRED);
        assertThat(afterSweep.status()).isEqualTo(RedeemResult.Status.RELEASED);
        assertThat(ledger.count(coupon.id(), UserId.of("alice")).total()).isZero();
    }

    /** L2.6: redeeming a checkout with no usage says NOT_FOUND and closes the checkout: a later lock is refused. */
    @Test
    void required_L2_6_redeemOfAnUnknownCheckoutClosesIt() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));

        RedeemResult result = ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0, ACTOR);
        LockOutcome late = given.lock(coupon, "alice", "co-1", T0.plusSeconds(1));

        assertThat(result.status()).isEqualTo(RedeemResult.Status.NOT_FOUND);
        assertThat(late.reason()).contains(RejectionReason.CHECKOUT_CLOSED);
        assertThat(ledger.count(coupon.id(), UserId.of("alice")).total()).isZero();
    }

    /** L3.1: release moves LOCKED usages to RELEASED with the reason and restores the counts. */
    @Test
    void required_L3_1_releaseRestoresCounts() {
        CouponRecord coupon = given.coupon(UsageLimits.of(1, 1));
        given.lock(coupon, "alice", "co-1", T0);

        ReleaseResult result = ledger.release(CheckoutId.of("co-1"), "payment declined", T0.plusSeconds(1), ACTOR);

        assertThat(result.status()).isEqualTo(ReleaseResult.Status.RELEASED);
        assertThat(result.usages()).singleElement().satisfies(u -> {
            assertThat(u.status()).isEqualTo(UsageStatus.RELEASED);
            assertThat(u.releaseReason()).isEqualTo("payment declined");
        });
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(0, 0));
        assertThat(given.lock(coupon, "alice", "co-2", T0.plusSeconds(2)).isLocked())
                .as("the restored use can be locked again").isTrue();
    }

    /** L3.2: releasing again changes nothing; the released checkout cannot lock again. */
    @Test
    void required_L3_2_releaseIsIdempotentAndClosesTheCheckout() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.release(CheckoutId.of("co-1"), "failed", T0.plusSeconds(1), ACTOR);

        ReleaseResult again = ledger.release(CheckoutId.of("co-1"), "failed", T0.plusSeconds(2), ACTOR);
        LockOutcome relock = given.lock(coupon, "alice", "co-1", T0.plusSeconds(3));

        assertThat(again.status()).isEqualTo(ReleaseResult.Status.ALREADY_RELEASED);
        assertThat(relock.reason()).contains(RejectionReason.CHECKOUT_CLOSED);
        assertThat(ledger.count(coupon.id(), UserId.of("alice")).total()).isZero();
        assertThat(actions(given.storage().audit().byUsage(usage.id())))
                .containsExactly(AuditAction.USAGE_LOCKED, AuditAction.USAGE_RELEASED);
    }

    /** L3.3: releasing a redeemed checkout changes nothing: a redeemed usage is final. */
    @Test
    void required_L3_3_releaseLeavesRedeemedUsages() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "alice", "co-1", T0);
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);

        ReleaseResult result = ledger.release(CheckoutId.of("co-1"), "payment failed after order", T0.plusSeconds(2), ACTOR);

        assertThat(result.status()).isEqualTo(ReleaseResult.Status.ALREADY_REDEEMED);
        assertThat(result.usages()).singleElement().satisfies(u -> assertThat(u.status()).isEqualTo(UsageStatus.REDEEMED));
        assertThat(ledger.count(coupon.id(), UserId.of("alice")).total()).isEqualTo(1);
    }

    /** L3.4: releasing a checkout with no usage says NOT_FOUND and closes it: a later lock is refused. */
    @Test
    void required_L3_4_releaseOfAnUnknownCheckoutClosesIt() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));

        ReleaseResult result = ledger.release(CheckoutId.of("co-1"), "failed early", T0, ACTOR);

        assertThat(result.status()).isEqualTo(ReleaseResult.Status.NOT_FOUND);
        assertThat(given.lock(coupon, "alice", "co-1", T0.plusSeconds(1)).reason()).contains(RejectionReason.CHECKOUT_CLOSED);
    }

    /** L3.5: releasing one coupon of a checkout leaves its other coupons locked and the checkout open. */
    @Test
    void required_L3_5_releaseOneKeepsTheRest() {
        CouponRecord one = given.coupon(UsageLimits.total(5));
        CouponRecord two = given.coupon(UsageLimits.total(5));
        given.lock(one, "alice", "co-1", T0);
        given.lock(two, "alice", "co-1", T0);

        UsageRecord dropped = ledger.releaseOne(CheckoutId.of("co-1"), one.id(), "removed from cart", T0, ACTOR).orElseThrow();

        assertThat(dropped.status()).isEqualTo(UsageStatus.RELEASED);
        assertThat(ledger.count(one.id(), UserId.of("alice")).total()).isZero();
        assertThat(ledger.count(two.id(), UserId.of("alice")).total()).isEqualTo(1);
        assertThat(ledger.redeem(CheckoutId.of("co-1"), OrderId.of("o-1"), T0.plusSeconds(1), ACTOR).status())
                .isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(ledger.releaseOne(CheckoutId.of("co-9"), one.id(), "none", T0, ACTOR)).isEmpty();
    }

    /** L4.1: the sweep releases locks whose expiry is at or before now, with reason "expired", and no others. */
    @Test
    void required_L4_1_expireReleasesStaleLocksOnly() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        given.lock(coupon, "a", "co-1", T0);
        given.lock(coupon, "b", "co-2", T0.plusSeconds(60));

        List<UsageRecord> expired = ledger.expireLocks(T0.plus(TTL), 10, Actor.EXPIRY_SWEEP);

        assertThat(expired).singleElement().satisfies(u -> {
            assertThat(u.checkoutId()).isEqualTo(CheckoutId.of("co-1"));
            assertThat(u.status()).isEqualTo(UsageStatus.RELEASED);
            assertThat(u.releaseReason()).isEqualTo(CouponReleased.EXPIRED);
        });
        assertThat(ledger.count(coupon.id(), UserId.of("a")).total()).isEqualTo(1);
        assertThat(ledger.expireLocks(T0.plus(TTL), 10, Actor.EXPIRY_SWEEP)).isEmpty();
    }

    /** L4.2: the sweep releases at most a batch per call. */
    @Test
    void required_L4_2_expireWorksInBatches() {
        CouponRecord coupon = given.coupon(UsageLimits.total(50));
        for (int i = 0; i < 7; i++) {
            given.lock(coupon, "u" + i, "co-" + i, T0);
        }
        Instant late = T0.plus(TTL).plusSeconds(1);

        assertThat(ledger.expireLocks(late, 3, Actor.EXPIRY_SWEEP)).hasSize(3);
        assertThat(ledger.expireLocks(late, 3, Actor.EXPIRY_SWEEP)).hasSize(3);
        assertThat(ledger.expireLocks(late, 3, Actor.EXPIRY_SWEEP)).hasSize(1);
        assertThat(ledger.count(coupon.id(), UserId.of("u0")).total()).isZero();
    }

    /**
     * L4.3: two sweepers racing over many stale locks release each exactly once: no lock is released
     * twice, none is left, the counts come back to zero, and each usage has one release entry.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void required_L4_3_racingSweepersReleaseEachLockExactlyOnce() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.total(1_000));
        int locks = 200;
        for (int i = 0; i < locks; i++) {
            given.lock(coupon, "u" + (i % 20), "co-" + i, T0);
        }
        Instant late = T0.plus(TTL);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<List<UsageId>> sweeper = () -> {
                start.await();
                List<UsageId> mine = new ArrayList<>();
                List<UsageRecord> batch;
                while (!(batch = ledger.expireLocks(late, 7, Actor.EXPIRY_SWEEP)).isEmpty()) {
                    batch.forEach(u -> mine.add(u.id()));
                }
                return mine;
            };
            Future<List<UsageId>> a = pool.submit(sweeper);
            Future<List<UsageId>> b = pool.submit(sweeper);
            start.countDown();
            List<UsageId> all = new ArrayList<>(a.get(60, TimeUnit.SECONDS));
            all.addAll(b.get(60, TimeUnit.SECONDS));

            assertThat(all).hasSize(locks).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.count(coupon.id(), UserId.of("u0")).total()).isZero();
        assertThat(given.storage().audit().byCoupon(coupon.id()).stream()
                .filter(e -> e.action() == AuditAction.USAGE_RELEASED)).hasSize(locks);
    }

    /** L4.4: a lock retried after its expiry releases the stale usage and is refused: the checkout must start again. */
    @Test
    void required_L4_4_lockAfterExpiryClosesTheCheckout() {
        CouponRecord coupon = given.coupon(UsageLimits.total(1));
        given.lock(coupon, "alice", "co-1", T0);

        LockOutcome retry = given.lock(coupon, "alice", "co-1", T0.plus(TTL));

        assertThat(retry.reason()).contains(RejectionReason.CHECKOUT_CLOSED);
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).singleElement()
                .satisfies(u -> assertThat(u.releaseReason()).isEqualTo(CouponReleased.EXPIRED));
        assertThat(given.lock(coupon, "bob", "co-2", T0.plus(TTL)).isLocked()).as("the use is free again").isTrue();
    }

    /** L5.1: lowering a limit below current usage is refused and changes nothing. */
    @Test
    void required_L5_1_limitChangeBelowCurrentUsageIsRefused() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 3));
        given.lock(coupon, "alice", "co-1", T0);
        given.lock(coupon, "alice", "co-2", T0);
        given.lock(coupon, "bob", "co-3", T0);

        LimitChange total = ledger.changeLimits(coupon.id(), UsageLimits.of(2, 2), T0, ACTOR);
        LimitChange perUser = ledger.changeLimits(coupon.id(), UsageLimits.of(10, 1), T0, ACTOR);

        assertThat(total.applied()).isFalse();
        assertThat(total.usedTotal()).isEqualTo(3);
        assertThat(total.message()).contains("3 uses are counted now");
        assertThat(perUser.applied()).isFalse();
        assertThat(perUser.maxUsedByOneUser()).isEqualTo(2);
        assertThat(given.lock(coupon, "carol", "co-4", T0).isLocked()).as("the old limits still hold").isTrue();
    }

    /**
     * L5.2: the ledger enforces the stricter of the limits it holds and those a lock passes, so a
     * lock that read the coupon before its limit was lowered cannot go past the new limit.
     */
    @Test
    void required_L5_2_aLoweredLimitHoldsAgainstStaleLocks() {
        CouponRecord coupon = given.coupon(UsageLimits.total(10));
        given.lock(coupon, "a", "co-1", T0);

        LimitChange change = ledger.changeLimits(coupon.id(), UsageLimits.total(2), T0, ACTOR);
        LockOutcome second = given.lock(coupon, "b", "co-2", T0);
        LockOutcome third = given.lock(coupon, "c", "co-3", T0);

        assertThat(change.applied()).isTrue();
        assertThat(second.isLocked()).isTrue();
        assertThat(third.reason()).as("the lock passed the stale limit 10").contains(RejectionReason.TOTAL_LIMIT_REACHED);
    }

    /** L6.1: every transition appends one audit entry with actor and reason, and one event to the outbox. */
    @Test
    void required_L6_1_everyTransitionIsAuditedAndEvented() {
        CouponRecord coupon = given.coupon(UsageLimits.total(10));
        int eventsBefore = allPendingEvents().size();
        UsageRecord redeemed = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("o-1"), T0.plusSeconds(1), Actor.of("staff:x"));
        UsageRecord released = given.lock(coupon, "bob", "co-2", T0).usage().orElseThrow();
        ledger.release(CheckoutId.of("co-2"), "payment declined", T0.plusSeconds(2), Actor.of("staff:y"));
        UsageRecord expired = given.lock(coupon, "carol", "co-3", T0).usage().orElseThrow();
        ledger.expireLocks(T0.plus(TTL), 10, Actor.EXPIRY_SWEEP);

        assertThat(given.storage().audit().byUsage(redeemed.id())).extracting(AuditEntry::action, AuditEntry::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditAction.USAGE_LOCKED, ACTOR),
                        org.assertj.core.groups.Tuple.tuple(AuditAction.USAGE_REDEEMED, Actor.of("staff:x")));
        assertThat(given.storage().audit().byUsage(released.id())).last().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("payment declined");
            assertThat(e.actor()).isEqualTo(Actor.of("staff:y"));
        });
        assertThat(given.storage().audit().byUsage(expired.id())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.USAGE_RELEASED);
            assertThat(e.reason()).isEqualTo(CouponReleased.EXPIRED);
        });
        List<EventEnvelope> events = allPendingEvents().subList(eventsBefore, allPendingEvents().size());
        assertThat(events).extracting(e -> e.event().getClass().getSimpleName()).containsExactly(
                "CouponApplied", "CouponRedeemed", "CouponApplied", "CouponReleased", "CouponApplied", "CouponReleased");
        assertThat(events.get(0).event()).isInstanceOfSatisfying(CouponApplied.class,
                e -> assertThat(e.usageId()).isEqualTo(redeemed.id()));
        assertThat(events.get(1).event()).isInstanceOfSatisfying(CouponRedeemed.class,
                e -> assertThat(e.orderId()).isEqualTo(OrderId.of("o-1")));
        assertThat(events).extracting(EventEnvelope::eventId).doesNotHaveDuplicates();
        assertThat(events).extracting(EventEnvelope::sequence).isSorted();
    }

    /** L6.2: a refused lock and a no-op (replayed lock, repeated release) append no audit entry and no event. */
    @Test
    void required_L6_2_noChangeMeansNoAuditAndNoEvent() {
        CouponRecord coupon = given.coupon(UsageLimits.total(1));
        given.lock(coupon, "alice", "co-1", T0);
        ledger.release(CheckoutId.of("co-1"), "failed", T0, ACTOR);
        int audit = given.storage().audit().byCoupon(coupon.id()).size();
        int events = allPendingEvents().size();
        given.lock(coupon, "bob", "co-2", T0);

        given.lock(coupon, "bob", "co-2", T0);
        given.lock(coupon, "carol", "co-3", T0);
        ledger.release(CheckoutId.of("co-1"), "failed", T0, ACTOR);

        assertThat(given.storage().audit().byCoupon(coupon.id())).hasSize(audit + 1);
        assertThat(allPendingEvents()).hasSize(events + 1);
    }

    /** L6.3: a checkout's usages are listed in coupon id order. */
    @Test
    void required_L6_3_usagesOfACheckoutAreOrdered() {
        List<CouponRecord> coupons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            coupons.add(given.coupon(UsageLimits.total(3)));
        }
        List<CouponRecord> shuffled = new ArrayList<>(coupons);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.forEach(c -> given.lock(c, "alice", "co-1", T0));

        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).extracting(UsageRecord::couponId)
                .isSortedAccordingTo(java.util.Comparator.naturalOrder());
    }

    /** L8.1: a coupon that is not stored or not ACTIVE takes no lock: refused with its reason, nothing counted or recorded. */
    @Test
    void required_L8_1_onlyActiveCouponsAreLocked() {
        CouponRecord draft = given.coupon(UsageLimits.total(5), CouponStatus.DRAFT);
        CouponRecord disabled = given.disable(given.coupon(UsageLimits.total(5)), T0);
        CouponRecord unknown = new CouponRecord(CouponId.of("never-stored"), draft.definition(), CouponStatus.ACTIVE, 1, T0, T0);
        int events = allPendingEvents().size();

        assertThat(given.lock(draft, "alice", "co-1", T0).reason()).contains(RejectionReason.NOT_ACTIVE);
        assertThat(given.lock(disabled, "alice", "co-2", T0).reason()).contains(RejectionReason.DISABLED);
        assertThat(given.lock(unknown, "alice", "co-3", T0).reason()).contains(RejectionReason.UNKNOWN_CODE);

        assertThat(ledger.count(draft.id(), UserId.of("alice"))).isEqualTo(UsageCount.NONE);
        assertThat(ledger.count(disabled.id(), UserId.of("alice"))).isEqualTo(UsageCount.NONE);
        assertThat(allPendingEvents()).hasSize(events);
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).isEmpty();
    }

    /**
     * L8.2: a disable racing many locks: no lock started after the disable returned succeeds, and in
     * the coupon's trail no lock comes after the disable.
     */
    @Test
    void required_L8_2_noLockAfterADisable() throws Exception {
        int lockers = 16;
        CouponRecord coupon = given.coupon(UsageLimits.unlimited());
        AtomicBoolean disabled = new AtomicBoolean();
        AtomicInteger locked = new AtomicInteger();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(lockers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < lockers; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        boolean afterDisable = disabled.get();
                        LockOutcome outcome = given.lock(coupon, "user-" + thread, "dis-" + thread + "-" + i, T0);
                        if (outcome.isLocked()) {
                            locked.incrementAndGet();
                            if (afterDisable) {
                                violations.add("checkout dis-" + thread + "-" + i + " locked after the disable returned");
                            }
                        } else if (outcome.reason().orElseThrow() == RejectionReason.DISABLED) {
                            return;
                        } else {
                            violations.add("unexpected refusal " + outcome);
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (locked.get() < lockers && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            given.disable(given.storage().coupons().findById(coupon.id()).orElseThrow(), T0.plusSeconds(1));
            disabled.set(true);
            for (Future<?> f : running) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(violations).isEmpty();
        List<AuditAction> trail = actions(given.storage().audit().byCoupon(coupon.id()));
        int disable = trail.indexOf(AuditAction.COUPON_DISABLED);
        assertThat(trail.subList(disable, trail.size())).doesNotContain(AuditAction.USAGE_LOCKED);
        assertThat(trail.stream().filter(a -> a == AuditAction.USAGE_LOCKED).count()).isEqualTo(locked.get());
    }

    /**
     * L5.3: changing the limits of a coupon the storage does not hold is a NotFoundException, and
     * nothing is written: no counter appears, the coupon's counts stay empty.
     */
    @Test
    void required_L5_3_limitsOfAnUnknownCouponAreNotFound() {
        CouponId unknown = CouponId.of("never-stored-" + System.nanoTime());

        assertThatThrownBy(() -> ledger.changeLimits(unknown, UsageLimits.of(5, 1), T0, ACTOR))
                .isInstanceOf(dev.couponkernel.spi.error.NotFoundException.class).hasMessageContaining(unknown.value());
        assertThat(ledger.count(unknown, UserId.of("alice"))).isEqualTo(new UsageCount(0, 0));
        assertThat(allPendingEvents()).isEmpty();
    }

    /**
     * L9.1: a checkout belongs to the customer of its first usage: another customer's lock on it is
     * refused with CHECKOUT_OF_ANOTHER_CUSTOMER, for the same coupon (no replay of the owner's lock)
     * and for another coupon, and nothing is counted, written, audited or evented.
     */
    @Test
    void required_L9_1_aCheckoutIsItsFirstCustomers() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 5));
        CouponRecord other = given.coupon(UsageLimits.of(10, 5));
        UsageRecord alices = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        int events = allPendingEvents().size();
        int trail = given.storage().audit().byCoupon(coupon.id()).size();

        LockOutcome replay = given.lock(coupon, "mallory", "co-1", T0.plusSeconds(1));
        LockOutcome another = given.lock(other, "mallory", "co-1", T0.plusSeconds(2));

        for (LockOutcome refused : List.of(replay, another)) {
            assertThat(refused.isLocked()).isFalse();
            assertThat(refused.usage()).isEmpty();
            assertThat(refused.reason()).contains(RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER);
            assertThat(refused.message().orElseThrow()).contains("co-1").doesNotContain("alice");
        }
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).containsExactly(alices);
        assertThat(ledger.count(coupon.id(), UserId.of("mallory"))).isEqualTo(new UsageCount(1, 0));
        assertThat(ledger.count(other.id(), UserId.of("mallory"))).isEqualTo(new UsageCount(0, 0));
        assertThat(allPendingEvents()).hasSize(events);
        assertThat(given.storage().audit().byCoupon(coupon.id())).hasSize(trail);
        // the owner still locks another coupon on it
        assertThat(given.lock(other, "alice", "co-1", T0.plusSeconds(3)).isLocked()).isTrue();
    }

    /**
     * L9.2: a redeem or release for another customer than the checkout's is refused with
     * CheckoutOwnershipException and changes nothing: the usage stays LOCKED, the checkout stays open
     * (its owner still redeems it), nothing is audited or evented. Without a customer (an operator's
     * command) nothing is checked.
     */
    @Test
    void required_L9_2_redeemAndReleaseForAnotherCustomerAreRefused() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 5));
        UsageRecord alices = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        int events = allPendingEvents().size();

        assertThatThrownBy(() -> ledger.redeem(CheckoutId.of("co-1"), UserId.of("mallory"), OrderId.of("evil"),
                T0.plusSeconds(1), ACTOR)).isInstanceOf(CheckoutOwnershipException.class).hasMessageContaining("co-1");
        assertThatThrownBy(() -> ledger.release(CheckoutId.of("co-1"), UserId.of("mallory"), "spite", T0.plusSeconds(2),
                ACTOR)).isInstanceOf(CheckoutOwnershipException.class);

        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).containsExactly(alices);
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
        assertThat(allPendingEvents()).hasSize(events);
        RedeemResult redeemed = ledger.redeem(CheckoutId.of("co-1"), UserId.of("alice"), OrderId.of("order-1"),
                T0.plusSeconds(3), ACTOR);
        assertThat(redeemed.status()).isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(redeemed.usages()).singleElement().satisfies(u -> assertThat(u.orderId()).isEqualTo(OrderId.of("order-1")));
        // a customer's redeem and release of a checkout without usages: NOT_FOUND, as an operator's
        assertThat(ledger.release(CheckoutId.of("co-2"), UserId.of("bob"), "left", T0, ACTOR).status())
                .isEqualTo(ReleaseResult.Status.NOT_FOUND);
    }

    /**
     * L9.3: two customers racing for one new checkout, each locking its own coupon: exactly one owns
     * the checkout afterwards, every usage of it is that customer's, and the other's locks are all
     * refused with CHECKOUT_OF_ANOTHER_CUSTOMER.
     */
    @Test
    void required_L9_3_racingCustomersOnOneCheckoutLeaveOneOwner() throws Exception {
        List<CouponRecord> coupons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            coupons.add(given.coupon(UsageLimits.of(1000, 100)));
        }
        for (int round = 0; round < 8; round++) {
            String checkout = "race-" + round;
            List<LockOutcome> outcomes = race(n -> given.lock(coupons.get(n % coupons.size()), "user-" + (n % 2), checkout,
                    T0));
            List<UsageRecord> usages = ledger.usagesOf(CheckoutId.of(checkout));
            assertThat(usages).isNotEmpty();
            UserId owner = usages.get(0).userId();
            assertThat(usages).allSatisfy(u -> assertThat(u.userId()).isEqualTo(owner));
            for (int n = 0; n < outcomes.size(); n++) {
                LockOutcome o = outcomes.get(n);
                if (UserId.of("user-" + (n % 2)).equals(owner)) {
                    assertThat(o.isLocked()).as("the owner's lock %d", n).isTrue();
                } else {
                    assertThat(o.reason()).as("the other's lock %d", n).contains(RejectionReason.CHECKOUT_OF_ANOTHER_CUSTOMER);
                }
            }
        }
    }

    /**
     * L10.1: reinstating a cancelled order gives its use back: the usage is REINSTATED (kept, with its
     * order, redeem and reinstating instants), the counts drop, another customer may take the use,
     * and the audit tells lock, redeem, reinstate.
     */
    @Test
    void required_L10_1_reinstateGivesTheUseBack() {
        CouponRecord coupon = given.coupon(UsageLimits.of(1, 1));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(10), ACTOR);
        assertThat(given.lock(coupon, "bob", "co-2", T0.plusSeconds(20)).reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);

        ReinstateResult result = ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(coupon.id()),
                "order cancelled", T0.plusSeconds(30), ACTOR);

        assertThat(result.status()).isEqualTo(ReinstateResult.Status.REINSTATED);
        assertThat(result.usages()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo(usage.id());
            assertThat(u.status()).isEqualTo(UsageStatus.REINSTATED);
            assertThat(u.orderId()).isEqualTo(OrderId.of("order-1"));
            assertThat(u.closedAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(u.reinstatedAt()).isEqualTo(T0.plusSeconds(30));
        });
        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).isEqualTo(result.usages());
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(0, 0));
        assertThat(actions(given.storage().audit().byUsage(usage.id())))
                .containsExactly(AuditAction.USAGE_LOCKED, AuditAction.USAGE_REDEEMED, AuditAction.USAGE_REINSTATED);
        assertThat(allPendingEvents()).extracting(EventEnvelope::event).filteredOn(e -> e.type() == EventType.COUPON_REINSTATED)
                .singleElement().isEqualTo(new CouponReinstated(coupon.id(), usage.code(), T0.plusSeconds(30), ACTOR, usage.id(),
                        UserId.of("alice"), CheckoutId.of("co-1"), OrderId.of("order-1"), "order cancelled"));
        assertThat(given.lock(coupon, "bob", "co-2", T0.plusSeconds(40)).isLocked()).as("the use is free again").isTrue();
    }

    /**
     * L10.2: reinstating is idempotent by order, and neither a repeated redeem nor a release undoes
     * it: each answers without writing.
     */
    @Test
    void required_L10_2_reinstateIsIdempotentAndFinal() {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(10), ACTOR);
        ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(coupon.id()), "cancelled", T0.plusSeconds(20), ACTOR);
        int events = allPendingEvents().size();

        assertThat(ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(coupon.id()), "cancelled again",
                T0.plusSeconds(30), ACTOR).status()).isEqualTo(ReinstateResult.Status.ALREADY_REINSTATED);
        assertThat(ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(40), ACTOR).status())
                .isEqualTo(RedeemResult.Status.ALREADY_REDEEMED);
        assertThat(ledger.release(CheckoutId.of("co-1"), "late failure", T0.plusSeconds(50), ACTOR).status())
                .isEqualTo(ReleaseResult.Status.ALREADY_REDEEMED);
        assertThat(given.lock(coupon, "alice", "co-1", T0.plusSeconds(60)).reason()).contains(RejectionReason.CHECKOUT_CLOSED);

        assertThat(ledger.usagesOf(CheckoutId.of("co-1"))).singleElement()
                .satisfies(u -> assertThat(u.reinstatedAt()).isEqualTo(T0.plusSeconds(20)));
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(0, 0));
        assertThat(given.storage().audit().byUsage(usage.id())).hasSize(3);
        assertThat(allPendingEvents()).hasSize(events);
    }

    /**
     * L10.3: what a reinstate refuses changes nothing: another order than the one redeemed
     * (ConflictException), a coupon whose policy keeps the use (NOT_ALLOWED), a checkout not redeemed
     * (NOT_REDEEMED), an unknown checkout (NOT_FOUND); a checkout of two coupons gives back only the
     * one allowed.
     */
    @Test
    void required_L10_3_reinstateRefusalsWriteNothing() {
        CouponRecord allowed = given.coupon(UsageLimits.total(5));
        CouponRecord kept = given.coupon(UsageLimits.total(5));
        given.lock(allowed, "alice", "co-1", T0);
        given.lock(kept, "alice", "co-1", T0);
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(10), ACTOR);
        given.lock(allowed, "bob", "co-2", T0);
        int events = allPendingEvents().size();

        assertThatThrownBy(() -> ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-2"), Set.of(allowed.id()), "cancelled",
                T0.plusSeconds(20), ACTOR)).isInstanceOf(ConflictException.class).hasMessageContaining("order-1");
        assertThat(ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(), "cancelled", T0.plusSeconds(20), ACTOR)
                .status()).isEqualTo(ReinstateResult.Status.NOT_ALLOWED);
        assertThat(ledger.reinstate(CheckoutId.of("co-2"), OrderId.of("order-1"), Set.of(allowed.id()), "cancelled",
                T0.plusSeconds(20), ACTOR).status()).isEqualTo(ReinstateResult.Status.NOT_REDEEMED);
        assertThat(ledger.reinstate(CheckoutId.of("co-none"), OrderId.of("order-1"), Set.of(allowed.id()), "cancelled",
                T0.plusSeconds(20), ACTOR).status()).isEqualTo(ReinstateResult.Status.NOT_FOUND);
        assertThat(allPendingEvents()).as("nothing written").hasSize(events);
        assertThat(ledger.count(allowed.id(), UserId.of("alice"))).isEqualTo(new UsageCount(2, 1));

        ReinstateResult some = ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(allowed.id()), "cancelled",
                T0.plusSeconds(30), ACTOR);

        assertThat(some.status()).isEqualTo(ReinstateResult.Status.REINSTATED);
        assertThat(some.usages()).extracting(UsageRecord::couponId, UsageRecord::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(allowed.id(), UsageStatus.REINSTATED),
                org.assertj.core.groups.Tuple.tuple(kept.id(), UsageStatus.REDEEMED));
        assertThat(ledger.count(allowed.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 0));
        assertThat(ledger.count(kept.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 1));
    }

    /**
     * L10.4: many threads cancelling the same order at once give its use back exactly once: one
     * REINSTATED, the others ALREADY_REINSTATED, the count one lower, one audit entry and one event.
     */
    @Test
    void required_L10_4_concurrentReinstatesGiveBackOnce() throws Exception {
        CouponRecord coupon = given.coupon(UsageLimits.total(5));
        UsageRecord usage = given.lock(coupon, "alice", "co-1", T0).usage().orElseThrow();
        given.lock(coupon, "bob", "co-2", T0);
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(10), ACTOR);

        List<ReinstateResult.Status> outcomes = race(i -> ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"),
                Set.of(coupon.id()), "cancelled " + i, T0.plusSeconds(20), ACTOR).status());

        assertThat(outcomes).filteredOn(s -> s == ReinstateResult.Status.REINSTATED).hasSize(1);
        assertThat(outcomes).filteredOn(s -> s == ReinstateResult.Status.ALREADY_REINSTATED).hasSize(THREADS - 1);
        assertThat(ledger.count(coupon.id(), UserId.of("alice"))).isEqualTo(new UsageCount(1, 0));
        assertThat(actions(given.storage().audit().byUsage(usage.id())))
                .containsExactly(AuditAction.USAGE_LOCKED, AuditAction.USAGE_REDEEMED, AuditAction.USAGE_REINSTATED);
        assertThat(allPendingEvents()).filteredOn(e -> e.event().type() == EventType.COUPON_REINSTATED).hasSize(1);
    }

    private static UsageLimits budget(String amount) {
        return UsageLimits.unlimited().withBudget(dev.couponkernel.spi.value.Money.of(amount, "EUR"));
    }

    /**
     * L11.1: a budget reserves each lock's discount and refuses the lock it cannot cover, saying what is
     * left; a release gives the discount back; a lock in a currency without a budget, or that does not
     * say its discount, is refused; a refusal writes nothing.
     */
    @Test
    void required_L11_1_aBudgetReservesLocksAndRefusesWhatItCannotCover() {
        CouponRecord coupon = given.coupon(budget("10.00"));
        LockOutcome first = given.lock(coupon, "alice", "co-1", T0, "6.00 EUR");
        assertThat(first.isLocked()).as("%s", first).isTrue();
        int events = allPendingEvents().size();

        LockOutcome over = given.lock(coupon, "bob", "co-2", T0, "6.00 EUR");

        assertThat(over.reason()).contains(RejectionReason.BUDGET_EXHAUSTED);
        assertThat(over.message().orElseThrow()).contains("4.00 EUR of 10.00 EUR");
        assertThat(given.lock(coupon, "bob", "co-3", T0, "5.00 USD").reason()).contains(RejectionReason.BUDGET_EXHAUSTED);
        assertThat(given.lock(coupon, "bob", "co-4", T0).reason()).as("a lock that does not say its discount")
                .contains(RejectionReason.BUDGET_EXHAUSTED);
        assertThat(allPendingEvents()).as("refusals write nothing").hasSize(events);
        assertThat(ledger.usagesOf(CheckoutId.of("co-2"))).isEmpty();

        UsageRecord exact = given.lock(coupon, "bob", "co-5", T0, "4.00 EUR").usage().orElseThrow();
        assertThat(exact.discount()).isEqualTo(dev.couponkernel.spi.value.Money.of("4.00", "EUR"));
        assertThat(given.lock(coupon, "carol", "co-6", T0, "0.01 EUR").reason()).contains(RejectionReason.BUDGET_EXHAUSTED);
        ledger.release(CheckoutId.of("co-1"), "payment declined", T0.plusSeconds(1), ACTOR);
        assertThat(given.lock(coupon, "carol", "co-7", T0.plusSeconds(2), "6.00 EUR").isLocked()).as("the release gave 6.00 back")
                .isTrue();
        assertThat(ledger.usagesOf(CheckoutId.of("co-7"))).singleElement()
                .satisfies(u -> assertThat(u.discount()).isEqualTo(dev.couponkernel.spi.value.Money.of("6.00", "EUR")));
    }

    /** L11.2: a redeem keeps the discount reserved, an expired lock and a reinstated use give it back. */
    @Test
    void required_L11_2_expiryAndReinstatingGiveTheDiscountBack() {
        CouponRecord coupon = given.coupon(budget("10.00"));
        given.lock(coupon, "alice", "co-1", T0, "6.00 EUR");
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);
        given.lock(coupon, "bob", "co-2", T0, "4.00 EUR");
        assertThat(given.lock(coupon, "carol", "co-3", T0.plusSeconds(2), "1.00 EUR").reason())
                .contains(RejectionReason.BUDGET_EXHAUSTED);

        ledger.expireLocks(T0.plus(TTL), 100, ACTOR);
        assertThat(given.lock(coupon, "carol", "co-4", T0.plus(TTL), "4.00 EUR").isLocked()).as("the expired lock gave 4.00 back")
                .isTrue();
        ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(coupon.id()), "order cancelled", T0.plus(TTL), ACTOR);
        assertThat(given.lock(coupon, "dave", "co-5", T0.plus(TTL), "6.00 EUR").isLocked()).as("the reinstate gave 6.00 back")
                .isTrue();
        assertThat(given.lock(coupon, "erin", "co-6", T0.plus(TTL), "0.01 EUR").reason()).contains(RejectionReason.BUDGET_EXHAUSTED);
    }

    /**
     * L11.5: the summary counts a coupon's usages by status and sums the discounts its locked and
     * redeemed usages hold (its budget used), and counts no other coupon's.
     */
    @Test
    void required_L11_5_theSummaryCountsUsagesAndTheBudgetUsed() {
        CouponRecord coupon = given.coupon(budget("100.00"));
        CouponRecord other = given.coupon(budget("100.00"));
        assertThat(ledger.summary(coupon.id())).isEqualTo(dev.couponkernel.spi.store.UsageSummary.NONE);
        given.lock(coupon, "alice", "co-1", T0, "6.00 EUR");
        given.lock(coupon, "bob", "co-2", T0, "4.00 EUR");
        given.lock(coupon, "carol", "co-3", T0, "2.50 EUR");
        given.lock(coupon, "dave", "co-4", T0, "1.00 EUR");
        given.lock(coupon, "erin", "co-5", T0, "0.25 EUR");
        given.lock(other, "alice", "co-6", T0, "9.00 EUR");
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);
        ledger.redeem(CheckoutId.of("co-2"), OrderId.of("order-2"), T0.plusSeconds(1), ACTOR);
        ledger.release(CheckoutId.of("co-3"), "payment declined", T0.plusSeconds(1), ACTOR);
        ledger.reinstate(CheckoutId.of("co-2"), OrderId.of("order-2"), Set.of(coupon.id()), "order cancelled", T0.plusSeconds(2),
                ACTOR);

        dev.couponkernel.spi.store.UsageSummary summary = ledger.summary(coupon.id());

        assertThat(summary).isEqualTo(new dev.couponkernel.spi.store.UsageSummary(2, 1, 1, 1,
                List.of(dev.couponkernel.spi.value.Money.of("1.25", "EUR")), List.of(dev.couponkernel.spi.value.Money.of("6.00", "EUR"))));
        assertThat(summary.budgetUsed()).containsExactly(dev.couponkernel.spi.value.Money.of("7.25", "EUR"));
        assertThat(summary.counted()).isEqualTo(3);
        assertThat(ledger.summary(dev.couponkernel.spi.value.CouponId.of("no-such-coupon")))
                .isEqualTo(dev.couponkernel.spi.store.UsageSummary.NONE);
    }

    /**
     * L11.3: many threads locking one coupon with a budget at once never overspend it: exactly as many
     * locks as the budget covers succeed, the others are BUDGET_EXHAUSTED.
     */
    @Test
    void required_L11_3_concurrentLocksNeverOverspendABudget() throws Exception {
        CouponRecord coupon = given.coupon(budget("100.00"));

        List<LockOutcome> outcomes = race(i -> given.lock(coupon, "user-" + i, "co-" + i, T0, "3.00 EUR"));

        assertThat(outcomes).filteredOn(LockOutcome::isLocked).hasSize(33);
        assertThat(outcomes).filteredOn(o -> !o.isLocked())
                .allSatisfy(o -> assertThat(o.reason()).contains(RejectionReason.BUDGET_EXHAUSTED));
        long reserved = 0;
        for (int i = 0; i < THREADS; i++) {
            for (UsageRecord u : ledger.usagesOf(CheckoutId.of("co-" + i))) {
                reserved += u.discount().minorUnits();
            }
        }
        assertThat(reserved).isEqualTo(9_900);
        assertThat(ledger.count(coupon.id(), UserId.of("user-0")).total()).isEqualTo(33);
    }

    /**
     * L11.4: changing a budget is judged against what the counted uses reserve: lowering it below is
     * refused, raising it lets more locks through, and a budget added in a new currency counts the uses
     * already taken in it.
     */
    @Test
    void required_L11_4_changingABudgetCountsWhatIsReserved() {
        CouponRecord coupon = given.coupon(budget("10.00"));
        given.lock(coupon, "alice", "co-1", T0, "8.00 EUR");

        assertThat(ledger.changeLimits(coupon.id(), budget("7.99"), T0, ACTOR).applied()).isFalse();
        assertThat(ledger.changeLimits(coupon.id(), budget("20.00"), T0, ACTOR).applied()).isTrue();
        assertThat(given.lock(coupon, "bob", "co-2", T0, "12.00 EUR").reason()).as("the caller read the old budget: the stricter")
                .contains(RejectionReason.BUDGET_EXHAUSTED);
        dev.couponkernel.spi.coupon.CouponDefinition d = coupon.definition();
        CouponRecord raised = new CouponRecord(coupon.id(), new dev.couponkernel.spi.coupon.CouponDefinition(d.code(), d.discount(),
                d.stacking(), d.eligibility(), d.validity(), budget("20.00")), coupon.status(), coupon.version(), coupon.createdAt(),
                coupon.updatedAt());
        assertThat(given.lock(raised, "bob", "co-2", T0, "12.00 EUR").isLocked()).isTrue();
        assertThat(given.lock(raised, "carol", "co-3", T0, "0.01 EUR").reason()).contains(RejectionReason.BUDGET_EXHAUSTED);

        CouponRecord open = given.coupon(UsageLimits.unlimited());
        given.lock(open, "alice", "co-4", T0, "6.00 USD");
        UsageLimits usd = UsageLimits.unlimited().withBudget(dev.couponkernel.spi.value.Money.of("5.00", "USD"));
        assertThat(ledger.changeLimits(open.id(), usd, T0, ACTOR).applied()).as("6.00 USD are reserved already").isFalse();
        UsageLimits more = UsageLimits.unlimited().withBudget(dev.couponkernel.spi.value.Money.of("7.00", "USD"));
        assertThat(ledger.changeLimits(open.id(), more, T0, ACTOR).applied()).isTrue();
        assertThat(given.lock(open, "bob", "co-5", T0, "1.01 USD").reason()).contains(RejectionReason.BUDGET_EXHAUSTED);
        assertThat(given.lock(open, "bob", "co-6", T0, "1.00 USD").isLocked()).isTrue();
    }

    private dev.couponkernel.spi.store.CodeRecord code(String code) {
        return given.storage().codes().find(dev.couponkernel.spi.value.CouponCode.parse(code)).orElseThrow();
    }

    /**
     * L12.1: a campaign's unique codes are counted each against the per-code limit and all together
     * against the total and per-customer limits; a release gives the code's use back, a redeem and a
     * reinstate show in the code's row.
     */
    @Test
    void required_L12_1_uniqueCodesCountPerCodeAndTogether() {
        CouponRecord campaign = given.campaign(UsageLimits.of(3, 2).withPerCode(1));
        given.addCodes(campaign, "b-" + campaign.id().value(), "AAA-1", "BBB-2", "CCC-3", "DDD-4");

        assertThat(given.lockCode(campaign, "AAA-1", "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(given.lockCode(campaign, "AAA-1", "bob", "co-2", T0).reason()).contains(RejectionReason.CODE_USED_UP);
        assertThat(given.lockCode(campaign, "BBB-2", "alice", "co-3", T0).isLocked()).isTrue();
        assertThat(given.lockCode(campaign, "CCC-3", "alice", "co-4", T0).reason()).as("alice used the campaign twice")
                .contains(RejectionReason.USER_LIMIT_REACHED);
        assertThat(given.lockCode(campaign, "CCC-3", "bob", "co-5", T0).isLocked()).isTrue();
        assertThat(given.lockCode(campaign, "DDD-4", "carol", "co-6", T0).reason()).as("three uses over all codes")
                .contains(RejectionReason.TOTAL_LIMIT_REACHED);
        assertThat(ledger.count(campaign.id(), UserId.of("alice"))).isEqualTo(new UsageCount(3, 2));
        assertThat(code("AAA-1").used()).isEqualTo(1);
        assertThat(code("AAA-1").state()).isEqualTo(dev.couponkernel.spi.store.CodeState.LOCKED);
        assertThat(code("AAA-1").lastLockedAt()).isEqualTo(T0);

        ledger.release(CheckoutId.of("co-1"), "payment failed", T0.plusSeconds(5), ACTOR);
        assertThat(code("AAA-1").used()).isZero();
        assertThat(code("AAA-1").state()).isEqualTo(dev.couponkernel.spi.store.CodeState.UNUSED);
        assertThat(given.lockCode(campaign, "AAA-1", "carol", "co-7", T0.plusSeconds(6)).isLocked()).isTrue();

        ledger.redeem(CheckoutId.of("co-7"), OrderId.of("order-7"), T0.plusSeconds(7), ACTOR);
        assertThat(code("AAA-1").state()).isEqualTo(dev.couponkernel.spi.store.CodeState.REDEEMED);
        assertThat(code("AAA-1").redeemed()).isEqualTo(1);
        assertThat(code("AAA-1").lastRedeemedAt()).isEqualTo(T0.plusSeconds(7));
        ledger.release(CheckoutId.of("co-5"), "dropped", T0.plusSeconds(8), ACTOR); // room in the total again
        assertThat(given.lockCode(campaign, "AAA-1", "dave", "co-8", T0.plusSeconds(9)).reason())
                .contains(RejectionReason.CODE_USED_UP);
        assertThat(given.lockCode(campaign, "DDD-4", "dave", "co-9", T0.plusSeconds(9)).isLocked()).isTrue();
    }

    /** L12.2: a reinstated use of a code gives the code back, when the campaign allows reinstating. */
    @Test
    void required_L12_2_reinstateGivesTheCodeBack() {
        CouponRecord campaign = given.campaign(UsageLimits.unlimited().withPerCode(1));
        given.addCodes(campaign, "b-" + campaign.id().value(), "EEE-1");
        assertThat(given.lockCode(campaign, "EEE-1", "alice", "co-1", T0).isLocked()).isTrue();
        ledger.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), T0.plusSeconds(1), ACTOR);

        ReinstateResult result = ledger.reinstate(CheckoutId.of("co-1"), OrderId.of("order-1"), Set.of(campaign.id()),
                "order cancelled", T0.plusSeconds(2), ACTOR);

        assertThat(result.status()).isEqualTo(ReinstateResult.Status.REINSTATED);
        assertThat(code("EEE-1").used()).isZero();
        assertThat(code("EEE-1").redeemed()).isZero();
        assertThat(given.lockCode(campaign, "EEE-1", "bob", "co-2", T0.plusSeconds(3)).isLocked()).isTrue();
    }

    /**
     * L12.3: only the campaign's own codes lock it: another campaign's code and the campaign's own code
     * are unknown; a voided code is refused (voiding is audited once, with an event); disabling the
     * campaign disables its codes.
     */
    @Test
    void required_L12_3_onlyTheCampaignsLiveCodesLockIt() {
        CouponRecord campaign = given.campaign(UsageLimits.unlimited());
        CouponRecord other = given.campaign(UsageLimits.unlimited());
        given.addCodes(campaign, "b-" + campaign.id().value(), "FFF-1", "FFF-2");
        given.addCodes(other, "b-" + other.id().value(), "GGG-1");

        assertThat(given.lockCode(campaign, "GGG-1", "alice", "co-1", T0).reason()).contains(RejectionReason.UNKNOWN_CODE);
        assertThat(given.lockCode(campaign, campaign.definition().code().value(), "alice", "co-2", T0).reason())
                .contains(RejectionReason.UNKNOWN_CODE);
        assertThat(given.lockCode(campaign, "FFF-9", "alice", "co-3", T0).reason()).contains(RejectionReason.UNKNOWN_CODE);

        dev.couponkernel.spi.store.CodeRecord voided = given.storage().codes().voidCode(
                dev.couponkernel.spi.value.CouponCode.parse("FFF-1"), "leaked", T0.plusSeconds(1), ACTOR);
        assertThat(voided.state()).isEqualTo(dev.couponkernel.spi.store.CodeState.VOIDED);
        assertThat(voided.voidedAt()).isEqualTo(T0.plusSeconds(1));
        given.storage().codes().voidCode(dev.couponkernel.spi.value.CouponCode.parse("FFF-1"), "again", T0.plusSeconds(2), ACTOR);
        assertThat(code("FFF-1").voidedAt()).as("voided once").isEqualTo(T0.plusSeconds(1));
        assertThat(given.lockCode(campaign, "FFF-1", "alice", "co-4", T0.plusSeconds(3)).reason())
                .contains(RejectionReason.CODE_VOIDED);
        assertThat(actions(given.storage().audit().byCoupon(campaign.id()))).containsExactly(AuditAction.COUPON_CREATED,
                AuditAction.CODES_ADDED, AuditAction.CODE_VOIDED);
        assertThat(allPendingEvents()).extracting(EventEnvelope::event)
                .filteredOn(e -> e.type() == EventType.COUPON_CODE_VOIDED).singleElement()
                .isEqualTo(new dev.couponkernel.spi.event.CouponCodeVoided(campaign.id(),
                        dev.couponkernel.spi.value.CouponCode.parse("FFF-1"), T0.plusSeconds(1), ACTOR, "leaked"));
        assertThatThrownBy(() -> given.storage().codes().voidCode(dev.couponkernel.spi.value.CouponCode.parse("FFF-9"),
                "nope", T0, ACTOR)).isInstanceOf(dev.couponkernel.spi.error.NotFoundException.class);

        given.disable(campaign, T0.plusSeconds(4));
        assertThat(given.lockCode(campaign, "FFF-2", "alice", "co-5", T0.plusSeconds(5)).reason())
                .contains(RejectionReason.DISABLED);
    }

    /**
     * L12.4: codes live in one namespace: a code any coupon holds (a shared code, another campaign's,
     * the same batch's) is reported taken and not stored; a shared coupon cannot take a campaign's code.
     */
    @Test
    void required_L12_4_aCodeBelongsToOneCoupon() {
        CouponRecord shared = given.coupon(UsageLimits.unlimited());
        CouponRecord campaign = given.campaign(UsageLimits.unlimited());
        CouponRecord other = given.campaign(UsageLimits.unlimited());
        given.addCodes(other, "b-" + other.id().value(), "HHH-1");
        List<dev.couponkernel.spi.value.CouponCode> taken = new ArrayList<>();
        List<dev.couponkernel.spi.value.CouponCode> offered = java.util.stream.Stream.of("HHH-1", "HHH-2",
                shared.definition().code().value(), "HHH-2", "HHH-3").map(dev.couponkernel.spi.value.CouponCode::parse).toList();

        dev.couponkernel.spi.store.CodeBatch batch = given.addCodes(campaign, "b-" + campaign.id().value(), offered.iterator(), taken);

        assertThat(batch.added()).isEqualTo(2);
        assertThat(taken).extracting(dev.couponkernel.spi.value.CouponCode::value)
                .containsExactlyInAnyOrder("HHH-1", shared.definition().code().value(), "HHH-2");
        assertThat(code("HHH-1").couponId()).isEqualTo(other.id());
        assertThat(code("HHH-2").couponId()).isEqualTo(campaign.id());
        assertThat(given.storage().codes().taken(List.of(dev.couponkernel.spi.value.CouponCode.parse("HHH-3"),
                dev.couponkernel.spi.value.CouponCode.parse("HHH-4"), shared.definition().code())))
                .extracting(dev.couponkernel.spi.value.CouponCode::value)
                .containsExactlyInAnyOrder("HHH-3", shared.definition().code().value());
        assertThat(given.storage().coupons().findByCode(dev.couponkernel.spi.value.CouponCode.parse("HHH-3")))
                .map(CouponRecord::id).contains(campaign.id());
        assertThat(given.storage().coupons().findByCode(campaign.definition().code())).as("a campaign's own code is not typed")
                .isEmpty();

        dev.couponkernel.spi.coupon.CouponDefinition clash = dev.couponkernel.spi.coupon.CouponDefinition.builder("HHH-3")
                .percentOff(5).build();
        CouponRecord record = new CouponRecord(CouponId.of("tk-clash-" + System.nanoTime()), clash, CouponStatus.ACTIVE, 0, T0, T0);
        assertThatThrownBy(() -> given.storage().coupons().save(record,
                new dev.couponkernel.spi.event.CouponCreated(record.id(), clash.code(), T0, ACTOR)))
                .isInstanceOf(ConflictException.class);
        assertThat(given.storage().coupons().findById(record.id())).isEmpty();
    }

    /**
     * L12.5: a batch id makes adding idempotent (a replay takes nothing from the source; another
     * coupon's batch id is a conflict); a source that fails stores nothing; a shared coupon takes no
     * unique codes; the batch is audited with its event.
     */
    @Test
    void required_L12_5_batchesAreIdempotentAndAtomic() {
        CouponRecord campaign = given.campaign(UsageLimits.unlimited());
        CouponRecord other = given.campaign(UsageLimits.unlimited());
        String batchId = "b-" + campaign.id().value();
        dev.couponkernel.spi.store.CodeBatch first = given.addCodes(campaign, batchId, "JJJ-1", "JJJ-2");
        assertThat(first.replayed()).isFalse();

        dev.couponkernel.spi.store.CodeBatch again = given.addCodes(campaign, batchId, "JJJ-3");
        assertThat(again.replayed()).isTrue();
        assertThat(again.added()).isEqualTo(2);
        assertThat(given.storage().codes().find(dev.couponkernel.spi.value.CouponCode.parse("JJJ-3"))).isEmpty();
        assertThat(given.storage().codes().batch(batchId)).map(dev.couponkernel.spi.store.CodeBatch::added).contains(2L);
        assertThatThrownBy(() -> given.addCodes(other, batchId, "JJJ-4")).isInstanceOf(ConflictException.class);

        java.util.Iterator<dev.couponkernel.spi.value.CouponCode> failing = java.util.stream.Stream.of("KKK-1", "KKK-2", "JJJ-1")
                .map(dev.couponkernel.spi.value.CouponCode::parse).iterator();
        assertThatThrownBy(() -> given.storage().codes().addCodes(campaign.id(), "b2-" + campaign.id().value(),
                new dev.couponkernel.spi.store.CodeSource() {
                    @Override
                    public java.util.Optional<dev.couponkernel.spi.value.CouponCode> next() {
                        return failing.hasNext() ? java.util.Optional.of(failing.next()) : java.util.Optional.empty();
                    }

                    @Override
                    public void taken(dev.couponkernel.spi.value.CouponCode code) {
                        throw new ConflictException("taken: " + code);
                    }
                }, T0, ACTOR)).isInstanceOf(ConflictException.class);
        assertThat(given.storage().codes().find(dev.couponkernel.spi.value.CouponCode.parse("KKK-1"))).isEmpty();
        assertThat(given.storage().codes().batch("b2-" + campaign.id().value())).isEmpty();
        assertThat(given.storage().codes().count(campaign.id())).isEqualTo(2);

        CouponRecord shared = given.coupon(UsageLimits.unlimited());
        assertThatThrownBy(() -> given.addCodes(shared, "b-" + shared.id().value(), "LLL-1"))
                .isInstanceOf(dev.couponkernel.spi.error.InvalidInputException.class).hasMessageContaining("couponId");
        assertThat(actions(given.storage().audit().byCoupon(campaign.id()))).containsExactly(AuditAction.COUPON_CREATED,
                AuditAction.CODES_ADDED);
        assertThat(allPendingEvents()).extracting(EventEnvelope::event)
                .filteredOn(e -> e.type() == EventType.COUPON_CODES_ADDED && e.couponId().equals(campaign.id())).singleElement()
                .isEqualTo(new dev.couponkernel.spi.event.CouponCodesAdded(campaign.id(), campaign.definition().code(), T0, ACTOR,
                        batchId, 2));
    }

    /**
     * L12.6: an export streams a campaign's codes in the order they were added (batch after batch,
     * each in its source's order), each with its state and times.
     */
    @Test
    void required_L12_6_exportStreamsCodesInOrderWithTheirState() {
        CouponRecord campaign = given.campaign(UsageLimits.unlimited().withPerCode(1));
        given.addCodes(campaign, "b-" + campaign.id().value(), "MMM-4", "MMM-2");
        given.addCodes(campaign, "c-" + campaign.id().value(), "MMM-3", "MMM-1");
        given.lockCode(campaign, "MMM-2", "alice", "co-1", T0.plusSeconds(1));
        given.lockCode(campaign, "MMM-3", "bob", "co-2", T0.plusSeconds(2));
        ledger.redeem(CheckoutId.of("co-2"), OrderId.of("order-2"), T0.plusSeconds(3), ACTOR);
        given.storage().codes().voidCode(dev.couponkernel.spi.value.CouponCode.parse("MMM-4"), "leaked", T0.plusSeconds(4), ACTOR);
        List<dev.couponkernel.spi.store.CodeRecord> rows = new ArrayList<>();

        long exported = given.storage().codes().export(campaign.id(), rows::add);

        assertThat(exported).isEqualTo(4);
        assertThat(rows).extracting(r -> r.code().value()).containsExactly("MMM-4", "MMM-2", "MMM-3", "MMM-1");
        assertThat(rows).extracting(dev.couponkernel.spi.store.CodeRecord::state).containsExactly(
                dev.couponkernel.spi.store.CodeState.VOIDED, dev.couponkernel.spi.store.CodeState.LOCKED,
                dev.couponkernel.spi.store.CodeState.REDEEMED, dev.couponkernel.spi.store.CodeState.UNUSED);
        assertThat(rows.get(1).lastLockedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(rows.get(2).lastRedeemedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(rows.get(0).voidedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(rows).extracting(dev.couponkernel.spi.store.CodeRecord::batchId).containsExactly("b-" + campaign.id().value(),
                "b-" + campaign.id().value(), "c-" + campaign.id().value(), "c-" + campaign.id().value());
        assertThat(rows).allSatisfy(r -> assertThat(r.createdAt()).isEqualTo(T0));
    }

    /**
     * L12.7: under {@link #THREADS} concurrent locks, a code is never used beyond its limit and the
     * campaign never beyond its total, however the locks of one and of many codes interleave.
     */
    @Test
    void required_L12_7_concurrentLocksNeverOverspendACodeOrTheCampaign() throws Exception {
        CouponRecord single = given.campaign(UsageLimits.unlimited().withPerCode(1));
        given.addCodes(single, "b-" + single.id().value(), "NNN-1");
        List<LockOutcome> onOne = race(n -> given.lockCode(single, "NNN-1", "user-" + n, "one-" + n, T0));
        assertThat(onOne).filteredOn(LockOutcome::isLocked).hasSize(1);
        assertThat(onOne).filteredOn(o -> !o.isLocked()).allSatisfy(o -> assertThat(o.reason())
                .contains(RejectionReason.CODE_USED_UP));
        assertThat(code("NNN-1").used()).isEqualTo(1);

        CouponRecord campaign = given.campaign(UsageLimits.total(20).withPerCode(2));
        String[] codes = new String[16];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = "PPP-" + (100 + i);
        }
        given.addCodes(campaign, "b-" + campaign.id().value(), codes);
        List<LockOutcome> onMany = race(n -> given.lockCode(campaign, codes[n % codes.length], "user-" + n, "many-" + n, T0));
        assertThat(onMany).filteredOn(LockOutcome::isLocked).hasSize(20);
        assertThat(ledger.count(campaign.id(), UserId.of("user-0")).total()).isEqualTo(20);
        long sum = 0;
        for (String c : codes) {
            assertThat(code(c).used()).isBetween(0L, 2L);
            sum += code(c).used();
        }
        assertThat(sum).isEqualTo(20);
    }

    /** Runs one task per thread, all released at once, and collects their results. */
    private static <T> List<T> race(java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.apply(n);
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
