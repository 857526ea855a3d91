package dev.couponkernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The host's extra policies add up instead of replacing each other, asked in the order added. */
class ExtraPoliciesTest {

    @Test
    void everyExtraPolicyIsAskedAndTheFirstRefusalIsTheReason() {
        List<String> asked = new CopyOnWriteArrayList<>();
        CouponKernel kernel = CouponKernel.builder().storage(InMemoryCouponStorage.create())
                .carts(id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
                        CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3)))
                .extraPolicy(c -> {
                    asked.add("first " + c.coupon().definition().code().value());
                    return c.coupon().definition().code().value().startsWith("B2B")
                            ? EligibilityOutcome.rejected(RejectionReason.CUSTOMER_NOT_ELIGIBLE, "business customers only")
                            : EligibilityOutcome.eligible();
                })
                .extraPolicy(c -> {
                    asked.add("second " + c.coupon().definition().code().value());
                    return c.coupon().definition().code().value().endsWith("APP")
                            ? EligibilityOutcome.rejected(RejectionReason.CHANNEL_NOT_ELIGIBLE, "in the app only")
                            : EligibilityOutcome.eligible();
                })
                .build();
        Actor staff = Actor.of("staff:test");
        for (String code : List.of("SAVE10", "B2B10", "SAVEAPP", "B2BAPP")) {
            CouponRecord c = kernel.create(CouponDefinition.builder(code).percentOff(10).build(), staff);
            kernel.activate(c.id(), staff);
        }

        assertThat(kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVE10")).applied()).hasSize(1);
        assertThat(asked).containsExactly("first SAVE10", "second SAVE10");
        assertThat(reason(kernel.validate(ValidateRequest.of("u-1", "cart-1", "B2B10")))).isEqualTo(RejectionReason.CUSTOMER_NOT_ELIGIBLE);
        assertThat(reason(kernel.validate(ValidateRequest.of("u-1", "cart-1", "SAVEAPP")))).isEqualTo(RejectionReason.CHANNEL_NOT_ELIGIBLE);
        asked.clear();
        assertThat(reason(kernel.validate(ValidateRequest.of("u-1", "cart-1", "B2BAPP"))))
                .as("the first refusal wins").isEqualTo(RejectionReason.CUSTOMER_NOT_ELIGIBLE);
        assertThat(asked).containsExactly("first B2BAPP");
    }

    private static RejectionReason reason(PricingDecision d) {
        return d.rejected().stream().map(RejectedCoupon::reason).findFirst().orElse(null);
    }
}
