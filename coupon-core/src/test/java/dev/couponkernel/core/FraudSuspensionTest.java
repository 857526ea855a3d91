package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.CouponFraudRules;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.CouponSuspended;
import dev.couponkernel.spi.event.CouponSuspensionLifted;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Auto-suspension counts distinct abusive subjects, not one subject's repeats, and what it does to
 * a coupon is a suspension that staff lift, never the final disable.
 */
class FraudSuspensionTest {

    private static final String POPULAR = "POPULAR";

    private static KernelHarness harness() {
        KernelHarness h = new KernelHarness(log -> FraudGuard.builder(log).standardProviders()
                .couponRules(POPULAR, CouponFraudRules.NONE.withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 10, 50)))
                .build());
        for (int i = 300; i < 700; i++) {
            h.customers.put(UserId.of("u-" + i), Customer.of("u-" + i, Fixtures.NOW.minusSeconds(86_400L * 90), 2));
        }
        return h;
    }

    private static RejectionReason reasonOf(PricingDecision d, String code) {
        return d.rejected().stream().filter(r -> r.code().value().equals(code)).map(RejectedCoupon::reason).findFirst()
                .orElse(null);
    }

    private static CouponDefinition popular() {
        return CouponDefinition.builder(POPULAR).percentOff(10).limits(UsageLimits.of(100_000, 1)).build();
    }

    /**
     * One device sends 5 garbage codes, then repeats the popular coupon's valid code 300 times within
     * 30 s while 150 honest customers use the coupon: the device is blocked every time, the coupon
     * stays ACTIVE and every honest customer gets it. (Before, the coupon ended DISABLED.)
     */
    @Test
    void oneDeviceRepeatingAValidCodeCannotTakeTheCouponAwayFromTheShop() {
        KernelHarness h = harness();
        CouponRecord coupon = h.active(popular());
        ClientInfo troll = ClientInfo.of("troll-device", "203.0.113.66", null);
        for (int i = 1; i <= 5; i++) {
            h.kernel.validate(ValidateRequest.of("u-1", "cart-1", "GARBAGE" + i).withClient(troll));
        }
        int honestServed = 0;
        int trollBlocked = 0;
        for (int i = 0; i < 300; i++) {
            PricingDecision d = h.kernel.validate(ValidateRequest.of("u-1", "cart-1", POPULAR).withClient(troll));
            if (reasonOf(d, POPULAR) == RejectionReason.SUSPECTED_FRAUD) {
                trollBlocked++;
            }
            if (i % 2 == 0) {
                int n = 300 + i / 2;
                ApplyResult r = h.kernel.apply(ApplyRequest.of("chk-" + n, "u-" + n, "cart-1", POPULAR)
                        .withClient(ClientInfo.of("phone-" + n, "198.51." + (n / 250) + "." + (n % 250), null)));
                honestServed += r.usages().size();
            }
            h.clock.advance(Duration.ofMillis(100));
        }
        assertThat(trollBlocked).isEqualTo(300);
        assertThat(honestServed).isEqualTo(150);
        assertThat(h.kernel.findByCode(POPULAR).orElseThrow().status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(h.publishedEvents()).noneMatch(CouponSuspended.class::isInstance);
        assertThat(h.kernel.verifyAuditTrail(coupon.id()).isIntact()).isTrue();
    }

    /**
     * A botnet: bots on their own accounts, devices and addresses, each guessing until blocked and
     * then trying the valid code. At the tenth distinct blocked subject the coupon is SUSPENDED (not
     * disabled), audited and published; staff lift it and it works again.
     */
    @Test
    void manyDistinctAbusersSuspendTheCouponUntilStaffLiftIt() {
        KernelHarness h = harness();
        CouponRecord coupon = h.active(popular());
        int suspendedAt = -1;
        for (int bot = 1; bot <= 12 && suspendedAt < 0; bot++) {
            ClientInfo client = ClientInfo.of("bot-" + bot, "203.0.113." + bot, null);
            String user = "u-" + (400 + bot);
            for (int g = 1; g <= 5; g++) {
                h.kernel.validate(ValidateRequest.of(user, "cart-1", "GUESS" + bot + "X" + g).withClient(client));
            }
            PricingDecision d = h.kernel.validate(ValidateRequest.of(user, "cart-1", POPULAR).withClient(client));
            assertThat(reasonOf(d, POPULAR)).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
            if (h.kernel.findByCode(POPULAR).orElseThrow().status() == CouponStatus.SUSPENDED) {
                suspendedAt = bot;
            }
            h.clock.advance(Duration.ofSeconds(10));
        }
        assertThat(suspendedAt).isEqualTo(10);
        CouponSuspended suspended = h.publishedEvents().stream().filter(CouponSuspended.class::isInstance)
                .map(CouponSuspended.class::cast).findFirst().orElseThrow();
        assertThat(suspended.actor()).isEqualTo(Actor.FRAUD_GUARD);
        assertThat(suspended.reason()).startsWith("10 of 10 subjects");
        assertThat(h.publishedEvents()).filteredOn(SecurityAlertRaised.class::isInstance)
                .map(e -> ((SecurityAlertRaised) e).level()).contains(AlertLevel.SUSPENDED);

        // an honest customer meanwhile: refused with SUSPENDED, nothing locked
        ApplyResult refused = h.kernel.apply(ApplyRequest.of("chk-honest", "u-500", "cart-1", POPULAR)
                .withClient(ClientInfo.of("phone-500", "192.0.2.50", null)));
        assertThat(refused.usages()).isEmpty();
        assertThat(reasonOf(refused.decision(), POPULAR)).isEqualTo(RejectionReason.SUSPENDED);

        // staff lift it: audited, published, usable again
        CouponRecord lifted = h.kernel.liftSuspension(coupon.id(), KernelHarness.STAFF, "bots blocked at the edge");
        assertThat(lifted.status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(h.publishedEvents()).filteredOn(CouponSuspensionLifted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((CouponSuspensionLifted) e).actor()).isEqualTo(KernelHarness.STAFF));
        assertThat(h.kernel.auditTrail(coupon.id())).extracting(e -> e.action())
                .contains(AuditAction.COUPON_SUSPENDED, AuditAction.COUPON_SUSPENSION_LIFTED);
        h.clock.advance(Duration.ofMinutes(1));
        ApplyResult served = h.kernel.apply(ApplyRequest.of("chk-honest-2", "u-501", "cart-1", POPULAR)
                .withClient(ClientInfo.of("phone-501", "192.0.2.51", null)));
        assertThat(served.usages()).hasSize(1);
        assertThat(h.kernel.verifyAuditTrail(coupon.id()).isIntact()).isTrue();
    }

    @Test
    void suspensionIsAStateOfItsOwn() {
        KernelHarness h = new KernelHarness();
        CouponRecord coupon = h.active(popular());
        assertThatThrownBy(() -> h.kernel.liftSuspension(coupon.id(), KernelHarness.STAFF, "nothing to lift"))
                .isInstanceOf(IllegalCouponStateException.class);
        CouponRecord suspended = h.kernel.suspend(coupon.id(), KernelHarness.STAFF, "looks leaked");
        assertThat(suspended.status()).isEqualTo(CouponStatus.SUSPENDED);
        assertThat(h.storage.ledger().lock(new dev.couponkernel.spi.store.LockRequest(coupon.id(), coupon.definition().code(),
                UserId.of("u-1"), dev.couponkernel.spi.value.CheckoutId.of("chk-x"), UsageLimits.unlimited(), Fixtures.NOW,
                Fixtures.NOW.plusSeconds(60), Actor.CHECKOUT)).reason()).contains(RejectionReason.SUSPENDED);
        assertThatThrownBy(() -> h.kernel.suspend(coupon.id(), KernelHarness.STAFF, "again"))
                .isInstanceOf(IllegalCouponStateException.class);
        assertThat(h.kernel.disable(coupon.id(), KernelHarness.STAFF, "leaked for good").status())
                .isEqualTo(CouponStatus.DISABLED);
        assertThatThrownBy(() -> h.kernel.liftSuspension(coupon.id(), KernelHarness.STAFF, "undo"))
                .isInstanceOf(IllegalCouponStateException.class);
    }
}
