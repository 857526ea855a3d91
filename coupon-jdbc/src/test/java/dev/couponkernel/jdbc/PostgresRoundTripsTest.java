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

    /**
     * The fraud guard's cost in statements: every provider's questions about the attempt in one, the
     * attempt's append in another (ADR 23), whatever the attempt carries (a device, an IP and a
     * payment fingerprint here, so every standard question is asked).
     */
    @Test
    void theFraudGuardAddsTwoStatementsToAValidate() {
        JdbcCouponStorage plain = JdbcCouponStorage.builder(counted).build();
        dev.couponkernel.spi.cart.Cart cart = dev.couponkernel.spi.cart.Cart.of(dev.couponkernel.spi.value.Money.of("4.90", "EUR"),
                dev.couponkernel.spi.cart.CartLine.of("L1", "SHOE-1", "acme", dev.couponkernel.spi.value.Money.of("30.00", "EUR"), 2,
                        "shoes"));
        java.util.function.Function<Boolean, dev.couponkernel.core.CouponKernel> kernel = guarded -> {
            dev.couponkernel.core.CouponKernel.Builder b = dev.couponkernel.core.CouponKernel.builder().storage(plain)
                    .carts(id -> java.util.Optional.of(cart))
                    // a new account: the new-account and lock-hoarding providers ask as well
                    .customers(id -> java.util.Optional.of(dev.couponkernel.spi.cart.Customer.of(id.value(),
                            java.time.Instant.now().minusSeconds(3_600), 0)));
            if (guarded) {
                b.fraudGuard(dev.couponkernel.core.fraud.FraudGuard.builder(plain.attempts()).standardProviders()
                        .provider(dev.couponkernel.core.fraud.LeakedCodeSignal.defaults().privateCode("RT-VIP", 5)).build());
            }
            return b.build();
        };
        dev.couponkernel.core.CouponKernel off = kernel.apply(false);
        dev.couponkernel.core.CouponKernel on = kernel.apply(true);
        dev.couponkernel.spi.value.Actor staff = dev.couponkernel.spi.value.Actor.of("staff:test");
        off.activate(off.create(dev.couponkernel.spi.coupon.CouponDefinition.builder("RT-VIP").percentOff(10).build(), staff).id(),
                staff);
        dev.couponkernel.spi.fraud.ClientInfo client = dev.couponkernel.spi.fraud.ClientInfo.of("device-1", "203.0.113.5", "card-1");
        java.util.function.Function<dev.couponkernel.core.CouponKernel, Integer> validate = k -> {
            k.validate(dev.couponkernel.core.ValidateRequest.of("alice", "cart-1", "RT-VIP").withClient(client));
            counted.countFromNow();
            k.validate(dev.couponkernel.core.ValidateRequest.of("alice", "cart-1", "RT-VIP").withClient(client));
            return counted.executions();
        };
        int without = validate.apply(off);
        int with = validate.apply(on);
        assertThat(with - without).as("statements the guard adds (%d without it, %d with it)", without, with).isEqualTo(2);
    }

    /**
     * The relay reads a batch's events together with the audit entries that vouch for them: its
     * statements do not grow with the batch (before, one more read per event).
     */
    @Test
    void theRelayReadsABatchAndItsAuditEntriesInOneStatement() {
        CouponRecord coupon = given.coupon(UsageLimits.of(100, 100));
        storage.outbox().relay(e -> { }, 10_000);
        for (int i = 0; i < 30; i++) {
            given.lock(coupon, "user-" + i, "relay-" + i, T0);
        }
        java.util.List<String> published = new java.util.ArrayList<>();
        counted.countFromNow();
        assertThat(storage.outbox().relay(e -> published.add(e.eventId()), 10_000).published()).isEqualTo(30);
        assertThat(published).doesNotHaveDuplicates().hasSize(30);
        // the claim, the batch with its audit entries, the marking, then the look for another
        // partition and a second round finding none
        assertThat(counted.executions()).as("statements to relay 30 events").isLessThanOrEqualTo(6);
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
