package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a ledger operation is three round trips: one script that locks and reads every row
 * it needs, one that writes what the rules decided, and the commit. Counted at the driver: each
 * execution of a statement (a script of several statements is one execution, one network round
 * trip). A refusal is the read and the rollback.
 */
class PostgresRoundTripsTest {

    private FaultyDataSource counted;
    private StorageFixture given;
    private JdbcCouponStorage storage;

    @BeforeEach
    void storage() {
        counted = new FaultyDataSource(Databases.postgres());
        storage = JdbcCouponStorage.builder(counted).validationCacheTtl(Duration.ZERO).build();
        given = new StorageFixture(storage);
    }

    @Test
    void aLockARedeemAndAReleaseEachExecuteTwoStatementsBeforeTheCommit() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 2));
        given.lock(coupon, "alice", "warm-up", T0);

        counted.countFromNow();
        assertThat(given.lock(coupon, "alice", "co-1", T0).isLocked()).isTrue();
        assertThat(counted.executions()).as("lock").isEqualTo(2);

        counted.countFromNow();
        assertThat(storage.ledger().redeem(CheckoutId.of("co-1"), OrderId.of("o-1"), T0.plusSeconds(1), ACTOR).status())
                .isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(counted.executions()).as("redeem").isEqualTo(2);

        given.lock(coupon, "bob", "co-2", T0);
        counted.countFromNow();
        assertThat(storage.ledger().release(CheckoutId.of("co-2"), "payment failed", T0.plusSeconds(2), ACTOR).status())
                .isEqualTo(ReleaseResult.Status.RELEASED);
        assertThat(counted.executions()).as("release").isEqualTo(2);
    }

    @Test
    void aRefusedLockReadsOnceAndWritesNothing() {
        CouponRecord coupon = given.coupon(UsageLimits.of(10, 1));
        given.lock(coupon, "alice", "co-1", T0);
        counted.countFromNow();
        assertThat(given.lock(coupon, "alice", "co-2", T0).reason()).contains(RejectionReason.USER_LIMIT_REACHED);
        assertThat(counted.executions()).isEqualTo(1);
        assertThat(storage.ledger().usagesOf(CheckoutId.of("co-2"))).isEmpty();
    }
}
