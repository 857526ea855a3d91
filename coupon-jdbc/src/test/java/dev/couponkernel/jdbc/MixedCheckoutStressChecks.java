package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The unusual cases racing: 32 threads lock two coupons on a small shared pool of checkouts (so
 * checkouts get both coupons, locks are replayed, the same checkout arrives twice at once), and
 * redeem and release checkouts at random, some already closed. Whatever runs combined or alone:
 * the limits hold counted from the rows, every checkout ends in one consistent state, and the
 * consistency check (counters equal rows, every transition audited and evented, chains intact,
 * read models equal their rebuild) finds nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class MixedCheckoutStressChecks {

    abstract DataSource database();

    @ParameterizedTest(name = "writes combined up to {0} per transaction")
    @ValueSource(ints = {1, 32})
    void replaysSharedCheckoutsAndClosedCheckoutsStayConsistent(int combined) throws Exception {
        JdbcCouponStorage storage = JdbcCouponStorage.builder(database()).combineConcurrentWrites(combined).build();
        StorageFixture given = new StorageFixture(storage);
        List<CouponRecord> coupons = List.of(given.coupon(UsageLimits.of(60, 3)), given.coupon(UsageLimits.of(40, 2)));
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = 1000L + t;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                start.await();
                for (int i = 0; i < 40; i++) {
                    CheckoutId checkout = CheckoutId.of("mixed-" + coupons.get(0).id() + "-" + random.nextInt(120));
                    int dice = random.nextInt(10);
                    if (dice < 6) {
                        CouponRecord coupon = coupons.get(random.nextInt(2));
                        // a checkout is always one customer's
                        UserId user = UserId.of("u" + Math.floorMod(checkout.value().hashCode(), 25));
                        storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(), user, checkout,
                                coupon.definition().limits(), T0, T0.plusSeconds(900), ACTOR));
                    } else if (dice < 9) {
                        try {
                            storage.ledger().redeem(checkout, OrderId.of("o-" + checkout.value()), T0.plusSeconds(1), ACTOR);
                        } catch (ConflictException expected) {
                            // redeeming a released checkout is refused; that is its answer
                        }
                    } else {
                        storage.ledger().release(checkout, "payment failed", T0.plusSeconds(1), ACTOR);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(4, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(storage.consistency().problems()).isEmpty();
        if (combined > 1) {
            assertThat(storage.ledger().combiningStats().transactions()).as("transactions that combined operations").isPositive();
        }
        for (CouponRecord coupon : coupons) {
            List<UsageRecord> usages = new ArrayList<>();
            for (int c = 0; c < 120; c++) {
                usages.addAll(storage.ledger().usagesOf(CheckoutId.of("mixed-" + coupons.get(0).id() + "-" + c)).stream()
                        .filter(u -> u.couponId().equals(coupon.id())).toList());
            }
            List<UsageRecord> counting = usages.stream().filter(u -> u.status() != UsageStatus.RELEASED).toList();
            assertThat((long) counting.size()).as("uses of %s", coupon.id())
                    .isLessThanOrEqualTo(coupon.definition().limits().maxTotalUses().getAsLong());
            Map<UserId, Long> perUser = counting.stream().collect(Collectors.groupingBy(UsageRecord::userId, Collectors.counting()));
            assertThat(perUser.values()).allSatisfy(n ->
                    assertThat(n).isLessThanOrEqualTo(coupon.definition().limits().maxUsesPerUser().getAsLong()));
            assertThat(storage.ledger().count(coupon.id(), UserId.of("nobody")).total()).isEqualTo((long) counting.size());
        }
    }
}
