package dev.couponkernel.core.pricing;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.EligibilityContext;
import dev.couponkernel.core.eligibility.UsageCounts;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.Channel;
import dev.couponkernel.spi.value.CouponCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request to price a cart for a customer with some coupons, at an instant. Build it with {@link
 * #builder(Cart, Customer)}. Immutable and thread-safe.
 */
public final class PricingRequest {

    /** How many coupons a request applies at most unless told otherwise. */
    public static final int DEFAULT_MAX_COUPONS = 5;

    private final EligibilityContext context;
    private final List<Coupon> coupons;
    private final List<CouponCode> unknownCodes;
    private final int maxCoupons;
    private final StackingSelection selection;

    private PricingRequest(Builder b) {
        this.context = EligibilityContext.of(b.cart, b.customer, b.channel, b.at, b.usage);
        this.coupons = List.copyOf(b.coupons);
        this.unknownCodes = List.copyOf(b.unknownCodes);
        this.maxCoupons = b.maxCoupons;
        this.selection = b.selection;
    }

    /**
     * Starts a request.
     *
     * @param cart the authoritative cart
     * @param customer the customer
     * @return a builder
     */
    public static Builder builder(Cart cart, Customer customer) {
        return new Builder(cart, customer);
    }

    /** @return the context coupons are judged in */
    public EligibilityContext context() {
        return context;
    }

    /** @return the requested coupons, in the order requested */
    public List<Coupon> coupons() {
        return coupons;
    }

    /** @return the requested codes no coupon has, in the order requested */
    public List<CouponCode> unknownCodes() {
        return unknownCodes;
    }

    /** @return the most coupons the decision may apply */
    public int maxCoupons() {
        return maxCoupons;
    }

    /** @return how coupons that do not combine are chosen among */
    public StackingSelection selection() {
        return selection;
    }

    /** Builds a {@link PricingRequest}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private final Cart cart;
        private final Customer customer;
        private Channel channel;
        private Instant at;
        private UsageCounts usage = UsageCounts.none();
        private final List<Coupon> coupons = new ArrayList<>();
        private final List<CouponCode> unknownCodes = new ArrayList<>();
        private int maxCoupons = DEFAULT_MAX_COUPONS;
        private StackingSelection selection = StackingSelection.PRIORITY;

        private Builder(Cart cart, Customer customer) {
            this.cart = Checks.notNull(cart, "cart");
            this.customer = Checks.notNull(customer, "customer");
        }

        /**
         * @param at the instant the coupons would be used (required)
         * @return this builder
         */
        public Builder at(Instant at) {
            this.at = Checks.notNull(at, "at");
            return this;
        }

        /**
         * @param channel the sales channel; without one, channel-limited coupons are rejected
         * @return this builder
         */
        public Builder channel(Channel channel) {
            this.channel = Checks.notNull(channel, "channel");
            return this;
        }

        /**
         * @param usage the current usage counts of the requested coupons; unused by default
         * @return this builder
         */
        public Builder usage(UsageCounts usage) {
            this.usage = Checks.notNull(usage, "usage");
            return this;
        }

        /**
         * @param coupons coupons to request, added to those already requested
         * @return this builder
         */
        public Builder coupons(Collection<Coupon> coupons) {
            for (Coupon c : Checks.notNull(coupons, "coupons")) {
                this.coupons.add(Checks.notNull(c, "coupons element"));
            }
            return this;
        }

        /**
         * @param coupons coupons to request, added to those already requested
         * @return this builder
         */
        public Builder coupons(Coupon... coupons) {
            return coupons(List.of(Checks.notNull(coupons, "coupons")));
        }

        /**
         * Requests coupons by the codes a customer typed, resolved through a lookup; a code the lookup
         * does not know is rejected in the decision with {@code UNKNOWN_CODE}.
         *
         * @param codes the codes as typed; each is normalized
         * @param lookup finds the coupon with a normalized code
         * @return this builder
         * @throws dev.couponkernel.spi.error.InvalidInputException if a code is malformed
         */
        public Builder codes(Collection<String> codes, Function<CouponCode, Optional<Coupon>> lookup) {
            Checks.notNull(codes, "codes");
            Checks.notNull(lookup, "lookup");
            for (String raw : codes) {
                CouponCode code = CouponCode.parse(raw);
                Optional<Coupon> coupon = Checks.notNull(lookup.apply(code), "lookup result");
                if (coupon.isPresent()) {
                    this.coupons.add(coupon.get());
                } else {
                    this.unknownCodes.add(code);
                }
            }
            return this;
        }

        /**
         * @param maxCoupons the most coupons to apply, at least 1
         * @return this builder
         */
        public Builder maxCoupons(int maxCoupons) {
            if (maxCoupons < 1) {
                throw new InvalidInputException("maxCoupons", "must be at least 1, was " + maxCoupons);
            }
            this.maxCoupons = maxCoupons;
            return this;
        }

        /**
         * @param selection how coupons that do not combine are chosen among; {@link StackingSelection#PRIORITY} by default
         * @return this builder
         */
        public Builder selection(StackingSelection selection) {
            this.selection = Checks.notNull(selection, "selection");
            return this;
        }

        /**
         * @return the request
         * @throws InvalidInputException if no instant was set
         */
        public PricingRequest build() {
            if (at == null) {
                throw new InvalidInputException("at", "is required: the instant the coupons would be used");
            }
            return new PricingRequest(this);
        }
    }
}
