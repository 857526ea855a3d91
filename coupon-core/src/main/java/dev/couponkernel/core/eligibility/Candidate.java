package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.value.UsageCount;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One coupon being judged in one context, with the facts policies share computed once: the cart
 * lines in the coupon's scope, their subtotal at list price and their item count.
 *
 * <p>Not thread-safe: a candidate lives for one evaluation on one thread.
 */
public final class Candidate {

    private final Coupon coupon;
    private final EligibilityContext context;
    private int[] eligibleLineIndexes;
    private long eligibleSubtotal;
    private long eligibleQuantity;

    /**
     * Creates a candidate.
     *
     * @param coupon the coupon
     * @param context the context
     */
    public Candidate(Coupon coupon, EligibilityContext context) {
        this.coupon = Checks.notNull(coupon, "coupon");
        this.context = Checks.notNull(context, "context");
    }

    /** @return the coupon */
    public Coupon coupon() {
        return coupon;
    }

    /** @return the context */
    public EligibilityContext context() {
        return context;
    }

    /** @return the coupon's usage counts in this context */
    public UsageCount usage() {
        return context.usage().of(coupon.id());
    }

    /**
     * Returns the positions in the cart's line list of the lines in the coupon's scope, in cart order.
     * The array is shared: do not modify it.
     *
     * @return the positions
     */
    public int[] eligibleLineIndexes() {
        if (eligibleLineIndexes == null && coupon.definition().eligibility().scope().isAll()) {
            EligibilityContext.CartFacts facts = context.facts();
            eligibleSubtotal = facts.subtotal;
            eligibleQuantity = facts.quantity;
            eligibleLineIndexes = facts.allLineIndexes;
        }
        if (eligibleLineIndexes == null) {
            List<CartLine> lines = context.cart().lines();
            ProductScope scope = coupon.definition().eligibility().scope();
            int[] indexes = new int[lines.size()];
            int n = 0;
            long subtotal = 0;
            long quantity = 0;
            for (int i = 0; i < indexes.length; i++) {
                CartLine line = lines.get(i);
                if (scope.includes(line.seller(), line.sku(), line.categories())) {
                    indexes[n++] = i;
                    subtotal += line.unitPrice().minorUnits() * line.quantity();
                    quantity += line.quantity();
                }
            }
            eligibleSubtotal = subtotal;
            eligibleQuantity = quantity;
            eligibleLineIndexes = n == indexes.length ? indexes : java.util.Arrays.copyOf(indexes, n);
        }
        return eligibleLineIndexes;
    }

    /** @return the lines in the coupon's scope, in cart order */
    public List<CartLine> eligibleLines() {
        int[] indexes = eligibleLineIndexes();
        List<CartLine> lines = context.cart().lines();
        List<CartLine> result = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            result.add(lines.get(i));
        }
        return Collections.unmodifiableList(result);
    }

    /** @return the subtotal of the lines in scope, at list price (before any coupon) */
    public Money eligibleSubtotal() {
        eligibleLineIndexes();
        return Money.ofMinor(eligibleSubtotal, context.cart().currency());
    }

    /** @return the number of items over the lines in scope */
    public long eligibleQuantity() {
        eligibleLineIndexes();
        return eligibleQuantity;
    }
}
