package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.CheckoutOwnershipException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.event.AlertLevel;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's edges under attack: requests with many codes, checkouts of other customers, extreme settings. */
class HardeningTest {

    private static final ClientInfo BOT = ClientInfo.of("bot-device", "203.0.113.7", null);

    private static CouponDefinition coupon(String code) {
        return CouponDefinition.builder(code).percentOff(10).limits(UsageLimits.of(1000, 1)).build();
    }

    private static List<String> codes(String prefix, int n) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(prefix + i);
        }
        return codes;
    }

    private static RejectionReason reasonOf(PricingDecision d, String code) {
        return d.rejected().stream().filter(r -> r.code().value().equals(code)).map(RejectedCoupon::reason).findFirst()
                .orElse(null);
    }

    // ---- item 1: code guessing by the request's shape ----

    @Test
    void aRequestWithMoreCodesThanTheKernelTakesIsRefusedBeforeAnyLookup() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        h.active(coupon("SECRET1"));
        List<String> thousand = codes("GUESS", 999);
        thousand.add("SECRET1");

        assertThatThrownBy(() -> h.kernel.apply(new ApplyRequest(CheckoutId.of("chk-1"), UserId.of("u-1"),
                dev.couponkernel.spi.value.CartId.of("no-such-cart"), List.of("A1", "A2", "A3", "A4", "A5", "A6"), null)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("codes"))
                .hasMessageContaining("at most 5");
        assertThatThrownBy(() -> ApplyRequest.of("chk-1", "u-1", "cart-1", thousand.toArray(String[]::new)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> h.kernel.validate(new ValidateRequest(UserId.of("u-1"),
                dev.couponkernel.spi.value.CartId.of("cart-1"), thousand.subList(0, 100), null)))
                .isInstanceOf(InvalidInputException.class);
        // nothing was looked up or recorded: the attempt log is empty and nothing is locked
        assertThat(h.attempts.count(AttemptQuery.where(AttemptField.USER, "u-1", Instant.EPOCH))).isZero();
        assertThat(h.storage.ledger().usagesOf(CheckoutId.of("chk-1"))).isEmpty();
    }

    @Test
    void theMostCodesPerRequestIsConfigurableAndBounded() {
        assertThatThrownBy(() -> CouponKernel.builder().maxCodesPerRequest(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CouponKernel.builder().maxCodesPerRequest(101)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CouponKernel.builder().maxCouponsPerCheckout(101)).isInstanceOf(InvalidInputException.class);
    }

    /** Each code of one request counts as an attempt of its own: five guesses in one request trip the device rule at the fifth. */
    @Test
    void everyCodeOfARequestCountsTowardTheEnumerationSignals() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        h.active(coupon("SECRET1"));

        PricingDecision d = h.kernel.validate(new ValidateRequest(UserId.of("u-1"),
                dev.couponkernel.spi.value.CartId.of("cart-1"), codes("GUESS", 5), null, BOT));
        assertThat(reasonOf(d, "GUESS3")).isEqualTo(RejectionReason.UNKNOWN_CODE);
        assertThat(reasonOf(d, "GUESS4")).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
        assertThat(h.attempts.count(AttemptQuery.where(AttemptField.DEVICE, "bot-device", Instant.EPOCH))).isEqualTo(5);

        // the valid code, hidden among guesses of the next request, is refused too
        List<String> next = new ArrayList<>(codes("MORE", 4));
        next.add("SECRET1");
        ApplyResult r = h.kernel.apply(new ApplyRequest(CheckoutId.of("chk-bot"), UserId.of("u-2"),
                dev.couponkernel.spi.value.CartId.of("cart-1"), next, null, BOT));
        assertThat(r.usages()).isEmpty();
        assertThat(reasonOf(r.decision(), "SECRET1")).isEqualTo(RejectionReason.SUSPECTED_FRAUD);
    }

    // ---- item 5: a checkout belongs to its customer ----

    @Test
    void anotherCustomersApplyRedeemAndReleaseOnALockedCheckoutAreRefusedAndAudited() {
        KernelHarness h = new KernelHarness();
        CouponRecord save = h.active(coupon("SAVE10"));
        CouponRecord more = h.active(CouponDefinition.builder("MORE10").percentOff(5).limits(UsageLimits.of(1000, 1))
                .build());
        ApplyResult alices = h.kernel.apply(ApplyRequest.of("chk-a", "u-1", "cart-1", "SAVE10"));
        UsageRecord lock = alices.usages().get(0);

        for (String[] codes : new String[][] {{"SAVE10"}, {"MORE10"}, {}}) {
            assertThatThrownBy(() -> h.kernel.apply(ApplyRequest.of("chk-a", "u-2", "cart-1", codes)))
                    .isInstanceOf(CheckoutOwnershipException.class).hasMessageContaining("chk-a").hasMessageNotContaining("u-1");
        }
        assertThatThrownBy(() -> h.kernel.redeem(CheckoutId.of("chk-a"), UserId.of("u-2"), OrderId.of("order-of-u-2"),
                KernelHarness.STAFF)).isInstanceOf(CheckoutOwnershipException.class);
        assertThatThrownBy(() -> h.kernel.release(CheckoutId.of("chk-a"), UserId.of("u-2"), "spite", KernelHarness.STAFF))
                .isInstanceOf(CheckoutOwnershipException.class);

        // nothing changed: Alice's lock is hers and still locked, the intruder has no use
        assertThat(h.storage.ledger().usagesOf(CheckoutId.of("chk-a"))).containsExactly(lock);
        assertThat(h.storage.ledger().count(save.id(), UserId.of("u-2"))).isEqualTo(new UsageCount(1, 0));
        assertThat(h.storage.ledger().count(more.id(), UserId.of("u-2"))).isEqualTo(new UsageCount(0, 0));
        // every attempt is audited on the checkout's coupon and published as an alert
        List<SecurityAlertRaised> alerts = h.publishedEvents().stream().filter(SecurityAlertRaised.class::isInstance)
                .map(SecurityAlertRaised.class::cast).toList();
        assertThat(alerts).hasSize(5).allSatisfy(a -> {
            assertThat(a.level()).isEqualTo(AlertLevel.BLOCK);
            assertThat(a.userId()).isEqualTo(UserId.of("u-2"));
            assertThat(a.couponId()).isEqualTo(save.id());
            assertThat(a.signals()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("checkout-of-another-customer"));
        });
        assertThat(h.kernel.auditTrail(save.id())).filteredOn(e -> e.action() == AuditAction.SECURITY_ALERT).hasSize(5);
        assertThat(h.kernel.verifyAuditTrail(save.id()).isIntact()).isTrue();

        // the owner redeems her checkout for her order
        RedeemResult redeemed = h.kernel.redeem(CheckoutId.of("chk-a"), UserId.of("u-1"), OrderId.of("order-1"),
                KernelHarness.STAFF);
        assertThat(redeemed.status()).isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(redeemed.usages()).singleElement().satisfies(u -> {
            assertThat(u.status()).isEqualTo(UsageStatus.REDEEMED);
            assertThat(u.userId()).isEqualTo(UserId.of("u-1"));
        });
    }

    /**
     * Before this rule, a customer who had never used the coupon got "usage.byUser: must not be
     * negative, was -1" from another customer's checkout; now the specific error, with the fraud guard
     * on as well.
     */
    @Test
    void anIntruderWithoutAUseOfTheCouponGetsTheSpecificError() {
        KernelHarness h = new KernelHarness(FraudGuard::standard);
        h.active(coupon("SAVE10"));
        h.kernel.apply(ApplyRequest.of("chk-a", "u-1", "cart-1", "SAVE10"));

        assertThatThrownBy(() -> h.kernel.apply(ApplyRequest.of("chk-a", "u-3", "cart-1", "SAVE10")))
                .isInstanceOf(CheckoutOwnershipException.class);
        assertThat(h.kernel.validate(ValidateRequest.of("u-3", "cart-1", "SAVE10")).appliedCodes()).hasSize(1);
    }

    // ---- item 9: settings with a documented bound ----

    @Test
    void aLockTtlBeyondThirtyDaysIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> CouponKernel.builder().lockTtl(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 30 days");
        assertThatThrownBy(() -> CouponKernel.builder().lockTtl(Duration.ofDays(31))).isInstanceOf(InvalidInputException.class);
        assertThat(CouponKernel.builder().lockTtl(CouponKernel.MAX_LOCK_TTL)).isNotNull();
    }
}
