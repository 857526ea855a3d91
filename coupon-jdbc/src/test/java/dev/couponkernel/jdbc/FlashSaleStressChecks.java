package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A flash sale on a real database: 64 threads run checkouts on one coupon with a total and a
 * per-customer limit (lock, then redeem or release, a release handing its use back), until every
 * lock is refused. Whatever the interleaving, for each way the ledger runs writes (each alone, or
 * combined per coupon): no oversell in total or per customer, counted from the usage rows; the
 * number of successful locks is exactly what the limits allow; every usage is audited and
 * evented; the consistency check finds nothing.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class FlashSaleStressChecks {

    static final int THREADS = 64;
    static final int TOTAL = 300;
    static final int PER_USER = 2;
    static final int USERS = 200;

    abstract DataSource database();

    @ParameterizedTest(name = "writes combined up to {0} per transaction")
    @ValueSource(ints = {1, 64})
    void sixtyFourThreadsNeverOversell(int combined) throws Exception {
        DataSource ds = database();
        JdbcCouponStorage storage = JdbcCouponStorage.builder(ds).combineConcurrentWrites(combined).build();
        CouponRecord coupon = new StorageFixture(storage).coupon(UsageLimits.of(TOTAL, PER_USER));
        AtomicInteger locked = new AtomicInteger();
        AtomicInteger redeemed = new AtomicInteger();
        AtomicInteger released = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                start.await();
                int refusedInARow = 0;
                for (int i = 0; refusedInARow < 10; i++) {
                    CheckoutId checkout = CheckoutId.of(coupon.id().value() + "-" + thread + "-" + i);
                    UserId user = UserId.of("user-" + ((thread * 31 + i * 7) % USERS));
                    LockOutcome outcome = storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(), user,
                            checkout, coupon.definition().limits(), T0, T0.plusSeconds(900), ACTOR));
                    if (!outcome.isLocked()) {
                        refusedInARow++;
                        continue;
                    }
                    refusedInARow = 0;
                    locked.incrementAndGet();
                    if (i % 4 == 3) {
                        assertThat(storage.ledger().release(checkout, "payment failed", T0.plusSeconds(1), ACTOR).status())
                                .isEqualTo(ReleaseResult.Status.RELEASED);
                        released.incrementAndGet();
                    } else {
                        assertThat(storage.ledger().redeem(checkout, OrderId.of("o-" + checkout.value()), T0.plusSeconds(1), ACTOR)
                                .status()).isEqualTo(RedeemResult.Status.REDEEMED);
                        redeemed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : clients) {
            f.get(4, TimeUnit.MINUTES);
        }
        pool.shutdown();

        try (Connection c = ds.getConnection()) {
            long counted = single(c, "SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = ? AND status IN ('LOCKED', 'REDEEMED')",
                    coupon.id().value());
            long overPerUser = single(c, "SELECT COUNT(*) FROM (SELECT user_id FROM coupon_usage WHERE coupon_id = ?"
                    + " AND status IN ('LOCKED', 'REDEEMED') GROUP BY user_id HAVING COUNT(*) > " + PER_USER + ") u", coupon.id().value());
            long rows = single(c, "SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = ?", coupon.id().value());
            assertThat(counted).as("uses counted from the rows").isLessThanOrEqualTo(TOTAL);
            assertThat(overPerUser).as("customers past their limit").isZero();
            assertThat(rows).as("one usage row per successful lock").isEqualTo(locked.get());
            assertThat(counted).as("redeemed uses").isEqualTo(redeemed.get());
            // every customer can use the coupon twice: 200 customers could take 400, the total stops at 300
            assertThat(redeemed.get()).as("the sale sold out").isEqualTo(TOTAL);
        }
        assertThat(storage.consistency().problems()).isEmpty();
        if (combined > 1) {
            JdbcUsageLedger.CombiningStats stats = storage.ledger().combiningStats();
            assertThat(stats.rollbacks()).as("combined transactions rolled back: %s", stats.lastRollback()).isZero();
            assertThat(stats.transactions()).as("transactions that combined operations").isPositive();
        }
    }

    private static long single(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
