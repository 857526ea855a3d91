package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.StorageException;
import dev.couponkernel.spi.event.EventEnvelope;
import dev.couponkernel.spi.event.EventPublisher;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into real databases: a connection cut before each statement of each operation in
 * turn, a statement time-out, a relay cut between publishing and marking, duplicate delivery. After
 * each fault: the operation wrote nothing (or everything), the consistency check finds no problem
 * (counts equal usages, no oversell, every transition audited, every audit entry evented, chains
 * intact, read models equal their rebuild), and retrying completes the operation once.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang is a failure, not a stuck build
abstract class FaultChecks {

    private DataSource real;
    private FaultyDataSource faulty;
    private JdbcCouponStorage storage;
    private StorageFixture given;

    abstract DataSource database();

    @BeforeEach
    void storage() {
        real = database();
        faulty = new FaultyDataSource(real);
        storage = JdbcCouponStorage.builder(faulty).validationCacheTtl(Duration.ZERO).build();
        given = new StorageFixture(storage);
    }

    /**
     * Cuts the connection before statement 1, 2, 3... of an operation until the operation runs out of
     * statements and succeeds; before each cut a fresh subject is set up, and after each cut the
     * storage must be consistent and the subject untouched.
     */
    private <T> int killAtEveryStatement(Supplier<Runnable> setUpAndReturnOperation, Runnable untouched) {
        for (int k = 1; k < 200; k++) {
            Runnable operation = setUpAndReturnOperation.get();
            faulty.killAtStatement(k);
            try {
                operation.run();
                faulty.disarm();
                assertConsistent();
                return k - 1;
            } catch (StorageException expected) {
                faulty.disarm();
                assertConsistent();
                untouched.run();
            }
        }
        throw new AssertionError("the operation never finished");
    }

    private void assertConsistent() {
        assertThat(storage.consistency().problems()).isEmpty();
    }

    @Test
    void aLockCutAtAnyStatementCountsNothingAndARetryCountsOnce() {
        List<CouponRecord> coupons = new ArrayList<>();
        int statements = killAtEveryStatement(() -> {
            CouponRecord coupon = given.coupon(UsageLimits.total(1));
            coupons.add(coupon);
            return () -> assertThat(given.lock(coupon, "alice", "co-" + coupon.id(), T0).isLocked()).isTrue();
        }, () -> {
            CouponRecord coupon = coupons.get(coupons.size() - 1);
            assertThat(storage.ledger().count(coupon.id(), UserId.of("alice"))).isEqualTo(UsageCount.NONE);
            assertThat(storage.ledger().usagesOf(CheckoutId.of("co-" + coupon.id()))).isEmpty();
            LockOutcome retry = given.lock(coupon, "alice", "co-" + coupon.id(), T0);
            assertThat(retry.isLocked()).isTrue();
            assertThat(given.lock(coupon, "bob", "other-" + coupon.id(), T0).reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
        });
        assertThat(statements).isGreaterThan(1);
        assertThat(faulty.kills()).isEqualTo(statements);
    }

    @Test
    void aRedeemCutAtAnyStatementLeavesTheLockAndARetryRedeems() {
        List<CheckoutId> checkouts = new ArrayList<>();
        killAtEveryStatement(() -> {
            CouponRecord coupon = given.coupon(UsageLimits.total(1));
            CheckoutId checkout = CheckoutId.of("co-" + coupon.id());
            checkouts.add(checkout);
            given.lock(coupon, "alice", checkout.value(), T0);
            return () -> assertThat(storage.ledger().redeem(checkout, OrderId.of("o-1"), T0.plusSeconds(1), ACTOR).status())
                    .isEqualTo(RedeemResult.Status.REDEEMED);
        }, () -> {
            CheckoutId checkout = checkouts.get(checkouts.size() - 1);
            assertThat(storage.ledger().usagesOf(checkout)).extracting(u -> u.status()).containsExactly(UsageStatus.LOCKED);
            assertThat(storage.ledger().redeem(checkout, OrderId.of("o-1"), T0.plusSeconds(1), ACTOR).status())
                    .isEqualTo(RedeemResult.Status.REDEEMED);
        });
    }

    @Test
    void aReleaseCutAtAnyStatementLeavesTheLockAndARetryRestoresTheCountOnce() {
        List<CouponRecord> coupons = new ArrayList<>();
        killAtEveryStatement(() -> {
            CouponRecord coupon = given.coupon(UsageLimits.total(1));
            coupons.add(coupon);
            given.lock(coupon, "alice", "co-" + coupon.id(), T0);
            return () -> assertThat(storage.ledger().release(CheckoutId.of("co-" + coupon.id()), "payment failed",
                    T0.plusSeconds(1), ACTOR).status()).isEqualTo(ReleaseResult.Status.RELEASED);
        }, () -> {
            CouponRecord coupon = coupons.get(coupons.size() - 1);
            assertThat(storage.ledger().count(coupon.id(), UserId.of("alice")).total()).isEqualTo(1);
            storage.ledger().release(CheckoutId.of("co-" + coupon.id()), "payment failed", T0.plusSeconds(1), ACTOR);
            storage.ledger().release(CheckoutId.of("co-" + coupon.id()), "payment failed", T0.plusSeconds(2), ACTOR);
            assertThat(storage.ledger().count(coupon.id(), UserId.of("alice")).total()).isZero();
        });
    }

    @Test
    void aSweepCutAtAnyStatementReleasesNothingAndTheNextReleasesEachLockOnce() {
        killAtEveryStatement(() -> {
            CouponRecord coupon = given.coupon(UsageLimits.total(2));
            given.lock(coupon, "alice", "a-" + coupon.id(), T0);
            given.lock(coupon, "bob", "b-" + coupon.id(), T0);
            return () -> assertThat(storage.ledger().expireLocks(T0.plus(Duration.ofHours(1)), 100, ACTOR)).hasSize(2);
        }, () -> assertThat(storage.ledger().expireLocks(T0.plus(Duration.ofHours(1)), 100, ACTOR)).hasSize(2));
    }

    @Test
    void aDisableCutAtAnyStatementLeavesTheCouponActive() {
        List<CouponRecord> coupons = new ArrayList<>();
        killAtEveryStatement(() -> {
            CouponRecord coupon = given.coupon(UsageLimits.total(2));
            coupons.add(coupon);
            return () -> given.disable(coupon, T0.plusSeconds(1));
        }, () -> {
            CouponRecord coupon = coupons.get(coupons.size() - 1);
            assertThat(storage.coupons().findById(coupon.id())).get().extracting(CouponRecord::status)
                    .isEqualTo(CouponStatus.ACTIVE);
            assertThat(storage.readModels().activeByCode(coupon.definition().code())).isPresent();
            given.disable(coupon, T0.plusSeconds(1));
            assertThat(storage.readModels().activeByCode(coupon.definition().code())).isEmpty();
        });
    }

    @Test
    void aStatementTimeOutRollsTheLockBackAndNothingIsLeftBehind() throws Exception {
        JdbcCouponStorage impatient = JdbcCouponStorage.builder(real).statementTimeout(Duration.ofSeconds(1)).build();
        StorageFixture withTimeout = new StorageFixture(impatient);
        CouponRecord coupon = withTimeout.coupon(UsageLimits.total(1));
        try (Connection blocker = real.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement ps = blocker.prepareStatement("SELECT used FROM coupon_counter WHERE coupon_id = ? FOR UPDATE")) {
                ps.setString(1, coupon.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }

            assertThatThrownBy(() -> withTimeout.lock(coupon, "alice", "co-1", T0))
                    .isInstanceOf(StorageException.class).hasMessageContaining("statement timeout of 1 s");

            blocker.rollback();
        }
        assertConsistent();
        assertThat(impatient.ledger().usagesOf(CheckoutId.of("co-1"))).isEmpty();
        assertThat(withTimeout.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(withTimeout.lock(coupon, "bob", "co-2", T0).reason()).contains(RejectionReason.TOTAL_LIMIT_REACHED);
        assertConsistent();
    }

    /**
     * Four relays on four "nodes" (storages with their own connections) drain the outbox while one of
     * them is cut after publishing, before marking, again and again: every event arrives, duplicates
     * carry the same id, and a consumer that deduplicates on it sees each event once, each coupon's in
     * the order they were stored.
     */
    @Test
    void relaysCutBetweenPublishAndMarkLoseNothingAndDuplicatesDeduplicate() throws Exception {
        List<CouponRecord> coupons = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            coupons.add(given.coupon(UsageLimits.unlimited()));
        }
        for (int i = 0; i < 60; i++) {
            given.lock(coupons.get(i % 6), "user-" + i, "relay-co-" + i, T0);
        }
        List<EventEnvelope> expected = storage.outbox().pending(1000);
        List<EventEnvelope> delivered = Collections.synchronizedList(new ArrayList<>());
        FaultyDataSource flaky = new FaultyDataSource(real);
        JdbcCouponStorage flakyNode = JdbcCouponStorage.on(flaky);
        int[] published = {0};
        EventPublisher cutAfterEveryThirdEvent = e -> {
            delivered.add(e);
            if (++published[0] % 3 == 0) {
                flaky.killAll(); // the node dies after the broker took the event, before the mark
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> relays = new ArrayList<>();
        try {
            relays.add(pool.submit(() -> {
                for (int attempt = 0; attempt < 30; attempt++) {
                    try {
                        flakyNode.outbox().relay(cutAfterEveryThirdEvent, 10);
                    } catch (StorageException cut) {
                        // the node restarts and relays again
                    }
                }
            }));
            for (int node = 0; node < 3; node++) {
                JdbcCouponStorage healthy = JdbcCouponStorage.on(real);
                relays.add(pool.submit(() -> {
                    for (int round = 0; round < 200 && !healthy.outbox().pending(1).isEmpty(); round++) {
                        healthy.outbox().relay(delivered::add, 5);
                    }
                }));
            }
            for (Future<?> f : relays) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        storage.outbox().relay(delivered::add, 1000);

        assertThat(flaky.kills()).isPositive();
        assertThat(storage.outbox().pending(1000)).isEmpty();
        Map<String, EventEnvelope> firstDelivery = new java.util.LinkedHashMap<>();
        Map<CouponId, List<Long>> orderSeen = new HashMap<>();
        for (EventEnvelope e : new ArrayList<>(delivered)) {
            if (firstDelivery.putIfAbsent(e.eventId(), e) == null) {
                orderSeen.computeIfAbsent(e.event().couponId(), k -> new ArrayList<>()).add(e.sequence());
            }
        }
        assertThat(firstDelivery.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(EventEnvelope::eventId).toList());
        Set<String> duplicates = new HashSet<>();
        for (EventEnvelope e : delivered) {
            if (delivered.stream().filter(d -> d.eventId().equals(e.eventId())).count() > 1) {
                duplicates.add(e.eventId());
            }
        }
        assertThat(duplicates).as("a cut between publish and mark redelivers").isNotEmpty();
        orderSeen.forEach((coupon, sequences) -> assertThat(sequences).as("order of %s", coupon).isSorted());
        assertConsistent();
    }
}
