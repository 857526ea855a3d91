package dev.couponkernel.core.pricing;

import dev.couponkernel.core.eligibility.Candidate;
import dev.couponkernel.core.internal.DiscountMath;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.LineId;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The engine's view of the cart for one coupon of a host-defined {@link DiscountKind}: the lines in
 * the coupon's scope with what the coupons applied before it left of each, what is left of shipping,
 * and the coupon in its context; and where the kind says what it takes ({@link #take}, {@link
 * #takeFromShipping}, {@link #spread}). What a kind asks for adds up; the engine then takes at most
 * what is left of each line and of shipping, so no kind can discount a line below zero or the cart
 * below nothing, and the coupon's amount is exactly the sum of what was taken.
 *
 * <p>Not thread-safe: a space lives for one coupon in one pricing, on one thread.
 */
public final class DiscountSpace {

    /**
     * A line in the coupon's scope.
     *
     * @param cartLine the line as the cart holds it, with its list price
     * @param left what the coupons applied before this one left of it
     */
    public record Line(CartLine cartLine, Money left) {

        /**
         * Validates the parts.
         *
         * @param cartLine the line as the cart holds it
         * @param left what is left of it
         */
        public Line {
            Checks.notNull(cartLine, "cartLine");
            Checks.notNull(left, "left");
        }

        /** @return the line's id */
        public LineId id() {
            return cartLine.id();
        }
    }

    private final Candidate candidate;
    private final HostDiscount discount;
    private final Currency currency;
    private final CartLine[] lines;
    private final long[] left;
    private final long[] asked;
    private final long shippingLeft;
    private long shippingAsked;
    private List<Line> view;

    DiscountSpace(Candidate candidate, HostDiscount discount, CartLine[] lines, long[] left, long shippingLeft) {
        this.candidate = candidate;
        this.discount = discount;
        this.currency = candidate.context().cart().currency();
        this.lines = lines;
        this.left = left;
        this.asked = new long[lines.length];
        this.shippingLeft = shippingLeft;
    }

    /** @return the coupon in its context: customer, cart, channel, instant, subtotal and quantity of its scope at list price */
    public Candidate candidate() {
        return candidate;
    }

    /** @return the cart's currency; every amount taken must be in it */
    public Currency currency() {
        return currency;
    }

    /** @return the discount's amount in the cart's currency, if it defines one */
    public Optional<Money> amount() {
        return discount.amounts().in(currency);
    }

    /** @return the lines in the coupon's scope, in cart order, with what is left of each */
    public List<Line> lines() {
        if (view == null) {
            List<Line> list = new ArrayList<>(lines.length);
            for (int i = 0; i < lines.length; i++) {
                list.add(new Line(lines[i], Money.ofMinor(left[i], currency)));
            }
            view = Collections.unmodifiableList(list);
        }
        return view;
    }

    /** @return what the coupons applied before this one left of shipping */
    public Money shippingLeft() {
        return Money.ofMinor(shippingLeft, currency);
    }

    /**
     * Asks to take an amount off a line in the coupon's scope; asks add up, and the engine takes at
     * most what is left of the line.
     *
     * @param line a line in the coupon's scope
     * @param amount an amount in the cart's currency ({@link Money} is never negative)
     * @throws IllegalArgumentException if the line is not in the coupon's scope, or the amount is in another currency
     */
    public void take(LineId line, Money amount) {
        Checks.notNull(line, "line");
        long minor = minor(amount);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].id().equals(line)) {
                asked[i] = saturatedAdd(asked[i], minor);
                return;
            }
        }
        throw new IllegalArgumentException("line " + line + " is not in the scope of coupon " + candidate.coupon().code());
    }

    /**
     * Asks to take an amount off shipping; asks add up, and the engine takes at most what is left of it.
     *
     * @param amount an amount in the cart's currency
     * @throws IllegalArgumentException if the amount is in another currency
     */
    public void takeFromShipping(Money amount) {
        shippingAsked = saturatedAdd(shippingAsked, minor(amount));
    }

    /**
     * Asks to take an amount off the coupon's lines, spread over them by what is still left of each
     * after the asks so far (the largest-remainder rule of the built-in kinds, ties to the smaller
     * line id), at most all of it.
     *
     * @param amount an amount in the cart's currency
     * @throws IllegalArgumentException if the amount is in another currency
     */
    public void spread(Money amount) {
        long minor = minor(amount);
        int n = lines.length;
        long[] weights = new long[n];
        long open = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.max(0, left[i] - asked[i]);
            open += weights[i];
        }
        long[] shares = new long[n];
        DiscountMath.allocate(Math.min(minor, open), weights, n, (a, b) -> lines[a].id().compareTo(lines[b].id()),
                shares, new long[n]);
        for (int i = 0; i < n; i++) {
            asked[i] = saturatedAdd(asked[i], shares[i]);
        }
    }

    private long minor(Money amount) {
        Checks.notNull(amount, "amount");
        if (!amount.currency().equals(currency)) {
            throw new IllegalArgumentException("an amount in " + amount.currency().getCurrencyCode() + " for a cart in "
                    + currency.getCurrencyCode() + " (coupon " + candidate.coupon().code() + ")");
        }
        return amount.minorUnits();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** @return what is asked of each line, in the order of {@link #lines()}; the engine clamps it */
    long[] asked() {
        return asked;
    }

    /** @return what is asked of shipping; the engine clamps it */
    long shippingAsked() {
        return shippingAsked;
    }
}
