package dev.couponkernel.core.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.KernelHarness;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.AuditAction;
import dev.couponkernel.spi.store.AuditEntry;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any delivery of the saga's messages (duplicated, reordered, interleaved with clock advances and
 * sweeps, cancelled orders included) keeps the limits, ends every checkout in one defined state, and audits every transition.
 */
class SagaReorderingProperties {

    private static final int CHECKOUTS = 6;
    private static final int LIMIT = 3;

    /** One delivery: a message for a checkout, or the clock moving, or a sweep. */
    record Step(int kind, int checkout) {
        @Override
        public String toString() {
            return switch (kind) {
                case 0 -> "started(co-" + checkout + ")";
                case 1 -> "order(co-" + checkout + ")";
                case 2 -> "failed(co-" + checkout + ")";
                case 3 -> "advance 10 min";
                case 4 -> "cancelled(co-" + checkout + ")";
                default -> "sweep";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> deliveries() {
        Arbitrary<Step> step = Arbitraries.integers().between(0, 5)
                .flatMap(kind -> Arbitraries.integers().between(0, CHECKOUTS - 1).map(c -> new Step(kind, c)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 200)
    void anyDeliveryKeepsTheGuarantees(@ForAll("deliveries") List<Step> steps) {
        KernelHarness h = new KernelHarness();
        CheckoutSaga saga = new CheckoutSaga(h.kernel);
        CouponRecord coupon = h.active(CouponDefinition.builder("TENOFF").percentOff(10).limits(UsageLimits.total(LIMIT))
                .reinstatePolicy(dev.couponkernel.spi.coupon.ReinstatePolicy.ON_CANCELLED_ORDER).build());

        for (Step s : steps) {
            CheckoutId checkout = CheckoutId.of("co-" + s.checkout());
            switch (s.kind()) {
                case 0 -> saga.handle(new CheckoutMessage.CheckoutStarted(checkout, UserId.of("u-" + s.checkout()),
                        CartId.of("cart-1"), List.of("TENOFF"), null));
                case 1 -> saga.handle(new CheckoutMessage.OrderCreated(checkout, OrderId.of("order-" + s.checkout())));
                case 2 -> saga.handle(new CheckoutMessage.CheckoutFailed(checkout, "failed"));
                case 3 -> h.clock.advance(Duration.ofMinutes(10));
                case 4 -> saga.handle(new CheckoutMessage.OrderCancelled(checkout, OrderId.of("order-" + s.checkout()), "cancelled"));
                default -> saga.sweep(1_000);
            }
            List<UsageRecord> usages = new ArrayList<>();
            for (int i = 0; i < CHECKOUTS; i++) {
                List<UsageRecord> mine = h.storage.ledger().usagesOf(CheckoutId.of("co-" + i));
                assertThat(mine).hasSizeLessThanOrEqualTo(1);
                usages.addAll(mine);
            }
            long counting = usages.stream().filter(UsageRecord::counts).count();
            assertThat(counting).isLessThanOrEqualTo(LIMIT);
            assertThat(h.storage.ledger().count(coupon.id(), UserId.of("u-0")).total()).isEqualTo(counting);
            for (UsageRecord u : usages) {
                List<AuditAction> history = h.storage.audit().byUsage(u.id()).stream().map(AuditEntry::action).toList();
                assertThat(history).first().isEqualTo(AuditAction.USAGE_LOCKED);
                assertThat(history).hasSize(switch (u.status()) {
                    case LOCKED -> 1;
                    case REDEEMED, RELEASED -> 2;
                    case REINSTATED -> 3;
                });
            }
        }
        h.kernel.publishPendingEvents();
        assertThat(h.storage.outbox().pending(10_000)).as("every event was published").isEmpty();
        long usageEntries = h.storage.audit().byCoupon(coupon.id()).stream().filter(e -> e.usage().isPresent()).count();
        assertThat(h.published.stream().filter(e -> !(e.event() instanceof dev.couponkernel.spi.event.CouponCreated)
                && !(e.event() instanceof dev.couponkernel.spi.event.CouponActivated))).hasSize((int) usageEntries);
    }
}
