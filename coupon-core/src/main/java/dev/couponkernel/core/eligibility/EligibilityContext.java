package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Channel;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything eligibility is judged on, apart from the coupon: the customer, the cart (its lines, its
 * shipping amount and its currency), the sales channel, the instant and the current usage counts.
 * Immutable and thread-safe.
 */
public final class EligibilityContext {

    private final Cart cart;
    private final Customer customer;
    private final Channel channel;
    private final Instant at;
    private final UsageCounts usage;
    private final CartFacts facts;

    private EligibilityContext(Cart cart, Customer customer, Channel channel, Instant at, UsageCounts usage) {
        this.cart = Checks.notNull(cart, "cart");
        this.customer = Checks.notNull(customer, "customer");
        this.channel = channel;
        this.at = Checks.notNull(at, "at");
        this.usage = Checks.notNull(usage, "usage");
        this.facts = new CartFacts(cart);
    }

    /**
     * What every coupon open to the whole cart shares, computed once per context. Final fields make
     * the arrays safely visible to every thread that sees the context.
     */
    static final class CartFacts {
        final int[] allLineIndexes;
        final long subtotal;
        final long quantity;

        CartFacts(Cart cart) {
            int n = cart.lines().size();
            int[] indexes = new int[n];
            long sum = 0;
            long items = 0;
            for (int i = 0; i < n; i++) {
                var line = cart.lines().get(i);
                indexes[i] = i;
                sum += line.unitPrice().minorUnits() * line.quantity();
                items += line.quantity();
            }
            this.allLineIndexes = indexes;
            this.subtotal = sum;
            this.quantity = items;
        }
    }

    CartFacts facts() {
        return facts;
    }

    /**
     * Returns a context.
     *
     * @param cart the authoritative cart
     * @param customer the customer
     * @param channel the sales channel, or null when the host does not distinguish channels
     * @param at the instant the coupons would be used
     * @param usage the current usage counts
     * @return the context
     */
    public static EligibilityContext of(Cart cart, Customer customer, Channel channel, Instant at, UsageCounts usage) {
        return new EligibilityContext(cart, customer, channel, at, usage);
    }

    /** @return the cart */
    public Cart cart() {
        return cart;
    }

    /** @return the customer */
    public Customer customer() {
        return customer;
    }

    /** @return the sales channel, if the host named one */
    public Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    /** @return the instant the coupons would be used */
    public Instant at() {
        return at;
    }

    /** @return the current usage counts */
    public UsageCounts usage() {
        return usage;
    }
}
