package dev.couponkernel.core;

import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.fraud.FraudVerdict;
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
 * @param fraud the fraud guard's verdict on each distinct typed code, in typed order; empty without a
 *     guard. A code flagged {@code REVIEW} is applied; the host may hold the order for a person to look at.
 */
public record ApplyResult(CheckoutId checkoutId, PricingDecision decision, List<UsageRecord> usages,
        List<FraudVerdict> fraud) {

    /**
     * Validates the parts.
     *
     * @param checkoutId the checkout
     * @param decision the decision; every applied coupon has a LOCKED usage in {@code usages}
     * @param usages the LOCKED usages of the checkout, one per applied coupon
     * @param fraud the fraud guard's verdict on each distinct typed code, in typed order; empty without a guard. A code flagged {@code REVIEW} is applied; the host may hold the order for a person to look at.
     */
    public ApplyResult {
        Checks.notNull(checkoutId, "checkoutId");
        Checks.notNull(decision, "decision");
        usages = List.copyOf(Checks.notNull(usages, "usages"));
        fraud = List.copyOf(Checks.notNull(fraud, "fraud"));
    }

    /**
     * A result without fraud verdicts.
     *
     * @param checkoutId the checkout
     * @param decision the decision
     * @param usages the LOCKED usages
     */
    public ApplyResult(CheckoutId checkoutId, PricingDecision decision, List<UsageRecord> usages) {
        this(checkoutId, decision, usages, List.of());
    }

    /** @return whether the fraud guard flagged any code of this checkout for review */
    public boolean flaggedForReview() {
        return fraud.stream().anyMatch(v -> v.decision() == dev.couponkernel.spi.fraud.FraudDecision.REVIEW);
    }
}
