package dev.couponkernel.core;

import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.value.CheckoutId;
import java.util.List;

/**
 * What applying coupons to a checkout did: the pricing decision for the coupons that are now locked
 * (its rejections include coupons the ledger refused, for example the last use taken by another
 * checkout a moment earlier), and the locked usages. Immutable and thread-safe.
 *
 * @param checkoutId the checkout
 * @param decision the decision; every applied coupon has a LOCKED usage in {@code usages}
 * @param usages the LOCKED usages of the checkout, one per applied coupon
 */
public record ApplyResult(CheckoutId checkoutId, PricingDecision decision, List<UsageRecord> usages) {

    /** Validates the parts. */
    public ApplyResult {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(decision, "decision");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
    }
}
