package dev.couponkernel.core;

import static dev.couponkernel.core.KernelHarness.STAFF;
import static dev.couponkernel.core.KernelHarness.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.IllegalCouponStateException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.NotFoundException;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponApplied;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.event.CouponLimitsChanged;
import dev.couponkernel.spi.event.CouponRedeemed;
import dev.couponkernel.spi.event.CouponReleased;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageCount;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CouponKernelTest {

    private final KernelHarness h = new KernelHarness();
    private final CouponKernel kernel = h.kernel;

    private CouponRecord tenPercent(UsageLimits limits) {
        return h.active(CouponDefinition.builder("TENOFF").percentOff(10).limits(limits).build());
    }

    private UsageCount count(CouponRecord coupon, String user) {
        return h.storage.ledger().count(coupon.id(), UserId.of(user));
    }

    @Test
    void couponLifecycleIsAuditedAndPublished() {
        CouponRecord created = kernel.create(CouponDefinition.builder("SPRING").percentOff(10).build(), STAFF);
        assertThat(created.status()).isEqualTo(CouponStatus.DRAFT);
        assertThat(created.id()).isEqualTo(CouponId.of("coupon-1"));
        kernel.activate(created.id(), STAFF);
        CouponRecord disabled = kernel.disable(created.id(), STAFF, "campaign over");

        assertThat(disabled.status()).isEqualTo(CouponStatus.DISABLED);
        assertThat(disabled.version()).isEqualTo(3);
        assertThat(kernel.auditTrail(created.id())).extracting(AuditEntry::action, AuditEntry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditAction.COUPON_CREATED, null),
                org.assertj.core.groups.Tuple.tuple(AuditAction.COUPON_ACTIVATED, null),
                org.assertj.core.groups.Tuple.tuple(AuditAction.COUPON_DISABLED, "campaign over"));
        assertThat(h.publishedTypes()).containsExactly(CouponCreated.class, CouponActivated.class, CouponDisabled.class);
        assertThat(kernel.findByCode(" spring ")).contains(disabled);
    }

    @Test
    void validateIsADryRun() {
        CouponRecord coupon = tenPercent(UsageLimits.total(1));
        int auditBefore = kernel.auditTrail(coupon.id()).size();

        PricingDecision decision = kernel.validate(ValidateRequest.of("u-1", "cart-1", "tenoff", "NOPE1"));

        assertThat(decision.appliedCodes()).extracting(Object::toString).containsExactly("TENOFF");
        assertThat(decision.totalDiscount()).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(decision.rejected()).extracting(RejectedCoupon::reason).containsExactly(RejectionReason.UNKNOWN_CODE);
        assertThat(count(coupon, "u-1")).isEqualTo(UsageCount.NONE);
        assertThat(kernel.auditTrail(coupon.id())).hasSize(auditBefore);
    }

    @Test
    void applyLocksOneUsePerAppliedCouponWithTheTtl() {
        CouponRecord ten = tenPercent(UsageLimits.of(10, 1));
        CouponRecord ship = h.active(CouponDefinition.builder("FREESHIP").freeShipping().build());

        ApplyResult result = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF", "FREESHIP"));

        assertThat(result.decision().appliedCodes()).extracting(Object::toString).containsExactly("TENOFF", "FREESHIP");
        assertThat(result.usages()).hasSize(2).allSatisfy(u -> {
            assertThat(u.status()).isEqualTo(UsageStatus.LOCKED);
            assertThat(u.expiresAt()).isEqualTo(h.clock.instant().plus(TTL));
        });
        assertThat(count(ten, "u-1")).isEqualTo(new UsageCount(1, 1));
        assertThat(count(ship, "u-1")).isEqualTo(new UsageCount(1, 1));
        assertThat(h.publishedTypes()).filteredOn(CouponApplied.class::equals).hasSize(2);
    }

    @Test
    void applyIsIdempotentByCheckout() {
        CouponRecord coupon = tenPercent(UsageLimits.of(1, 1));

        ApplyResult first = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        ApplyResult again = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));

        assertThat(again.usages()).isEqualTo(first.usages());
        assertThat(again.decision().appliedCodes()).isEqualTo(first.decision().appliedCodes())
                .as("its own lock does not count against the replay").isNotEmpty();
        assertThat(count(coupon, "u-1")).isEqualTo(new UsageCount(1, 1));
    }

    @Test
    void applyingOtherCodesReleasesTheCouponsNoLongerApplied() {
        CouponRecord ten = tenPercent(UsageLimits.total(5));
        h.active(CouponDefinition.builder("FREESHIP").freeShipping().build());
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF", "FREESHIP"));

        ApplyResult result = kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "FREESHIP"));

        assertThat(result.usages()).extracting(UsageRecord::code).extracting(Object::toString).containsExactly("FREESHIP");
        assertThat(count(ten, "u-1").total()).isZero();
        assertThat(kernel.auditTrail(ten.id())).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.USAGE_RELEASED);
            assertThat(e.reason()).isEqualTo(StandardCouponKernel.NO_LONGER_APPLIED);
        });
        assertThat(kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1")).usages()).isEmpty();
    }

    @Test
    void theLastUseGoesToOneCheckoutOnly() {
        tenPercent(UsageLimits.total(1));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));

        ApplyResult second = kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-1", "TENOFF"));

        assertThat(second.usages()).isEmpty();
        assertThat(second.decision().rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.TOTAL_LIMIT_REACHED));
        assertThat(second.decision().totalDiscount().isZero()).isTrue();
    }

    /**
     * 64 checkouts apply a coupon with 10 uses at once: exactly 10 get it, the others are told why,
     * and every applied coupon in a result has its lock.
     *
     * @throws Exception if a thread fails
     */
    @Test
    void concurrentAppliesNeverOversell() throws Exception {
        CouponRecord coupon = tenPercent(UsageLimits.total(10));
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<ApplyResult> results = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ApplyResult>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return kernel.apply(ApplyRequest.of("co-" + n, "u-" + n, "cart-1", "TENOFF"));
                }));
            }
            start.countDown();
            for (Future<ApplyResult> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(results.stream().filter(r -> !r.usages().isEmpty())).hasSize(10);
        assertThat(results).allSatisfy(r -> {
            assertThat(r.usages()).hasSameSizeAs(r.decision().applied());
            if (r.usages().isEmpty()) {
                assertThat(r.decision().rejected()).singleElement()
                        .satisfies(x -> assertThat(x.reason()).isEqualTo(RejectionReason.TOTAL_LIMIT_REACHED));
            }
        });
        assertThat(count(coupon, "u-0").total()).isEqualTo(10);
    }

    @Test
    void redeemAndReleaseFinishTheCheckout() {
        CouponRecord coupon = tenPercent(UsageLimits.total(5));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-1", "TENOFF"));

        RedeemResult redeemed = kernel.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), STAFF);
        ReleaseResult released = kernel.release(CheckoutId.of("co-2"), "payment declined", STAFF);

        assertThat(redeemed.status()).isEqualTo(RedeemResult.Status.REDEEMED);
        assertThat(released.status()).isEqualTo(ReleaseResult.Status.RELEASED);
        assertThat(count(coupon, "u-1").total()).as("one redeemed, one restored").isEqualTo(1);
        assertThat(h.publishedTypes()).containsSubsequence(CouponApplied.class, CouponApplied.class,
                CouponRedeemed.class, CouponReleased.class);
    }

    @Test
    void theSweepReleasesExpiredLocks() {
        CouponRecord coupon = tenPercent(UsageLimits.total(5));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        h.clock.advance(TTL.minusSeconds(1));
        assertThat(kernel.expireLocks(100)).isZero();

        h.clock.advance(Duration.ofSeconds(1));

        assertThat(kernel.expireLocks(100)).isEqualTo(1);
        assertThat(count(coupon, "u-1").total()).isZero();
        assertThat(h.publishedEvents()).last().isInstanceOfSatisfying(CouponReleased.class,
                e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void eventsThatFailToPublishStayPendingAndArePublishedLater() {
        h.publisherFails = true;
        CouponRecord coupon = tenPercent(UsageLimits.total(5));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        assertThat(h.published).isEmpty();
        assertThat(h.storage.outbox().pending(100)).hasSize(3);

        h.publisherFails = false;
        int published = kernel.publishPendingEvents();

        assertThat(published).isEqualTo(3);
        assertThat(h.publishedTypes()).containsExactly(CouponCreated.class, CouponActivated.class, CouponApplied.class);
        assertThat(h.storage.outbox().pending(100)).isEmpty();
        assertThat(count(coupon, "u-1").total()).isEqualTo(1);
    }

    @Test
    void changingLimitsIsAuditedAndHeldByTheLedger() {
        CouponRecord coupon = tenPercent(UsageLimits.total(100));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));

        CouponRecord changed = kernel.changeLimits(coupon.id(), UsageLimits.of(2, 1), STAFF);
        kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-1", "TENOFF"));
        ApplyResult third = kernel.apply(ApplyRequest.of("co-3", "u-3", "cart-1", "TENOFF"));

        assertThat(changed.definition().limits()).isEqualTo(UsageLimits.of(2, 1));
        assertThat(third.usages()).isEmpty();
        assertThat(kernel.auditTrail(coupon.id())).extracting(AuditEntry::action).contains(AuditAction.COUPON_LIMITS_CHANGED);
        assertThat(h.publishedTypes()).contains(CouponLimitsChanged.class);
        assertThat(kernel.changeLimits(coupon.id(), UsageLimits.of(2, 1), STAFF)).as("the same limits again: no-op")
                .isEqualTo(changed);
    }

    // ---- bad input: a specific error and nothing written ----

    @Test
    void aLimitChangeBelowCurrentUsageIsRefused() {
        CouponRecord coupon = tenPercent(UsageLimits.total(100));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        kernel.apply(ApplyRequest.of("co-2", "u-2", "cart-1", "TENOFF"));
        int audit = kernel.auditTrail(coupon.id()).size();

        assertThatThrownBy(() -> kernel.changeLimits(coupon.id(), UsageLimits.total(1), STAFF))
                .isInstanceOf(ConflictException.class)
                .hasMessage("coupon TENOFF: 2 uses are counted now, more than the new total limit 1");
        assertThat(kernel.findByCode("TENOFF").orElseThrow().definition().limits()).isEqualTo(UsageLimits.total(100));
        assertThat(kernel.auditTrail(coupon.id())).hasSize(audit);
        assertThatThrownBy(() -> kernel.changeLimits(coupon.id(), UsageLimits.of(5, 6), STAFF))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds the total limit");
    }

    @Test
    void unknownCouponCheckoutCartAndCustomerAreSpecific() {
        tenPercent(UsageLimits.total(5));
        assertThatThrownBy(() -> kernel.activate(CouponId.of("nope"), STAFF))
                .isInstanceOf(NotFoundException.class).hasMessage("no coupon nope");
        assertThatThrownBy(() -> kernel.apply(ApplyRequest.of("co-1", "u-1", "no-cart", "TENOFF")))
                .isInstanceOf(NotFoundException.class).hasMessage("no cart no-cart");
        assertThatThrownBy(() -> kernel.apply(ApplyRequest.of("co-1", "nobody", "cart-1", "TENOFF")))
                .isInstanceOf(NotFoundException.class).hasMessage("no customer nobody");
        assertThat(kernel.redeem(CheckoutId.of("co-unknown"), OrderId.of("o-1"), STAFF).status())
                .isEqualTo(RedeemResult.Status.NOT_FOUND);
        assertThat(h.storage.ledger().usagesOf(CheckoutId.of("co-1"))).isEmpty();
    }

    @Test
    void malformedCodesWriteNothing() {
        CouponRecord coupon = tenPercent(UsageLimits.total(5));

        assertThatThrownBy(() -> kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF", "50%OFF")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'%' at position 3");
        assertThat(count(coupon, "u-1").total()).isZero();
    }

    @Test
    void redeemForAnotherOrderIsAConflictAndWritesNothing() {
        tenPercent(UsageLimits.total(5));
        kernel.apply(ApplyRequest.of("co-1", "u-1", "cart-1", "TENOFF"));
        kernel.redeem(CheckoutId.of("co-1"), OrderId.of("order-1"), STAFF);
        int events = h.published.size();

        assertThatThrownBy(() -> kernel.redeem(CheckoutId.of("co-1"), OrderId.of("order-2"), STAFF))
                .isInstanceOf(ConflictException.class)
                .hasMessage("checkout co-1 was redeemed for order order-1, not order-2");
        assertThat(h.published).hasSize(events);
    }

    @Test
    void illegalTransitionsAndBadSettingsAreRefused() {
        CouponRecord coupon = tenPercent(UsageLimits.total(5));
        assertThatThrownBy(() -> kernel.activate(coupon.id(), STAFF)).isInstanceOf(IllegalCouponStateException.class);
        assertThatThrownBy(() -> kernel.create(CouponDefinition.builder("TENOFF").percentOff(5).build(), STAFF))
                .isInstanceOf(ConflictException.class).hasMessageContaining("code TENOFF is taken");
        assertThatThrownBy(() -> CouponKernel.builder().lockTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class).hasMessage("lockTtl: must be positive and at most 30 days, was PT-1S");
        assertThatThrownBy(() -> CouponKernel.builder().lockTtl(Duration.ZERO)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CouponKernel.builder().storage(InMemoryCouponStorage.create()).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("carts: is required");
        assertThatThrownBy(() -> CouponKernel.builder().carts(id -> Optional.empty()).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("storage: is required");
    }
}
