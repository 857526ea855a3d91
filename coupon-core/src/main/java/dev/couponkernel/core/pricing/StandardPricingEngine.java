package dev.couponkernel.core.pricing;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.eligibility.Candidate;
import dev.couponkernel.core.eligibility.EligibilityContext;
import dev.couponkernel.core.eligibility.EligibilityOutcome;
import dev.couponkernel.core.eligibility.EligibilityPolicies;
import dev.couponkernel.core.eligibility.EligibilityPolicy;
import dev.couponkernel.core.internal.DiscountMath;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * The pricing algorithm of {@code docs/discount_rules.md}:
 *
 * <ol>
 *   <li>each requested coupon is judged by the eligibility policy; a code requested twice counts once;
 *   <li>the eligible coupons are <em>selected</em> in order of priority (highest first), then stacking
 *       class (PRODUCT, ORDER, SHIPPING), then code: a coupon is taken if the request has room and it
 *       combines with every coupon already taken;
 *   <li>the selected coupons are <em>applied</em> in order of stacking class, then priority, then
 *       code, each on the amounts the ones before it left;
 *   <li>a selected coupon that takes nothing off is rejected (NOTHING_TO_DISCOUNT) and the selection
 *       is made again without it, so that it blocks no other coupon.
 * </ol>
 *
 * Immutable and thread-safe.
 */
final class StandardPricingEngine implements PricingEngine {

    /** The engine with the standard policy. */
    static final StandardPricingEngine STANDARD = new StandardPricingEngine(EligibilityPolicies.standard());

    private static final Comparator<Coupon> BY_CODE_THEN_ID =
            Comparator.comparing(Coupon::code).thenComparing(Coupon::id);

    private static final Comparator<Candidate> SELECTION_ORDER = Comparator
            .comparingInt((Candidate c) -> -c.coupon().definition().stacking().priority())
            .thenComparing(c -> c.coupon().definition().stacking().stackingClass())
            .thenComparing(c -> c.coupon().code());

    private static final Comparator<Candidate> APPLICATION_ORDER = Comparator
            .comparing((Candidate c) -> c.coupon().definition().stacking().stackingClass())
            .thenComparingInt(c -> -c.coupon().definition().stacking().priority())
            .thenComparing(c -> c.coupon().code());

    private final EligibilityPolicy policy;

    /**
     * Creates an engine.
     *
     * @param policy the complete eligibility policy, standard policies included
     */
    StandardPricingEngine(EligibilityPolicy policy) {
        this.policy = Checks.notNull(policy, "policy");
    }

    @Override
    public PricingDecision price(PricingRequest request) {
        Checks.notNull(request, "request");
        EligibilityContext context = request.context();
        List<Coupon> coupons = new ArrayList<>(request.coupons());
        coupons.sort(BY_CODE_THEN_ID);

        List<RejectedCoupon> rejected = new ArrayList<>();
        java.util.Set<CouponCode> seenUnknown = new java.util.HashSet<>();
        for (CouponCode code : request.unknownCodes()) {
            rejected.add(seenUnknown.add(code)
                    ? new RejectedCoupon(code, RejectionReason.UNKNOWN_CODE, "no coupon has code " + code)
                    : new RejectedCoupon(code, RejectionReason.DUPLICATE_CODE, "requested more than once"));
        }
        List<Candidate> eligible = new ArrayList<>(coupons.size());
        Coupon previous = null;
        for (Coupon coupon : coupons) {
            if (previous != null && previous.code().equals(coupon.code())) {
                rejected.add(new RejectedCoupon(coupon.code(), RejectionReason.DUPLICATE_CODE, "requested more than once"));
                continue;
            }
            previous = coupon;
            Candidate candidate = new Candidate(coupon, context);
            EligibilityOutcome outcome = policy.evaluate(candidate);
            if (outcome.isEligible()) {
                eligible.add(candidate);
            } else {
                rejected.add(new RejectedCoupon(coupon.code(), outcome.reason().orElseThrow(), outcome.message().orElseThrow()));
            }
        }
        eligible.sort(SELECTION_ORDER);

        Cart cart = context.cart();
        Run run = new Run(cart);
        while (true) {
            List<Candidate> selected = new ArrayList<>(Math.min(eligible.size(), request.maxCoupons()));
            List<RejectedCoupon> conflicts = new ArrayList<>();
            select(eligible, request.maxCoupons(), selected, conflicts);
            selected.sort(APPLICATION_ORDER);
            run.reset();
            long[] amounts = new long[selected.size()];
            List<Candidate> empty = null;
            for (int k = 0; k < selected.size(); k++) {
                amounts[k] = run.apply(k, selected.get(k));
                if (amounts[k] == 0) {
                    if (empty == null) {
                        empty = new ArrayList<>();
                    }
                    empty.add(selected.get(k));
                }
            }
            if (empty == null) {
                rejected.addAll(conflicts);
                return run.decision(selected, amounts, rejected);
            }
            for (Candidate c : empty) {
                rejected.add(new RejectedCoupon(
                        c.coupon().code(), RejectionReason.NOTHING_TO_DISCOUNT,
                        "the coupons applied before it left nothing in its scope to discount"));
                eligible.remove(c);
            }
        }
    }

    private static void select(
            List<Candidate> eligible, int maxCoupons, List<Candidate> selected, List<RejectedCoupon> conflicts) {
        for (Candidate candidate : eligible) {
            if (selected.size() >= maxCoupons) {
                conflicts.add(new RejectedCoupon(
                        candidate.coupon().code(), RejectionReason.MAX_COUPONS_EXCEEDED,
                        "the request applies at most " + maxCoupons + " coupons"));
                continue;
            }
            StackingRule rule = candidate.coupon().definition().stacking();
            Candidate blocker = null;
            for (Candidate taken : selected) {
                if (!taken.coupon().definition().stacking().combinesWith(rule)) {
                    blocker = taken;
                    break;
                }
            }
            if (blocker == null) {
                selected.add(candidate);
            } else {
                conflicts.add(new RejectedCoupon(
                        candidate.coupon().code(), RejectionReason.NOT_COMBINABLE,
                        "does not combine with " + blocker.coupon().code() + ", which takes precedence"));
            }
        }
    }

    /** The mutable state of one pricing pass. Not thread-safe; lives for one call. */
    private static final class Run {
        private final Cart cart;
        private final Currency currency;
        private final long[] lineAmounts;
        private final long[] remaining;
        private long shippingRemaining;
        private int[] idRank;
        private long[][] shares;
        private int[][] shareLines;
        private long[] shippingShares;

        Run(Cart cart) {
            this.cart = cart;
            this.currency = cart.currency();
            List<CartLine> lines = cart.lines();
            lineAmounts = new long[lines.size()];
            for (int i = 0; i < lineAmounts.length; i++) {
                CartLine line = lines.get(i);
                lineAmounts[i] = line.unitPrice().minorUnits() * line.quantity();
            }
            remaining = new long[lineAmounts.length];
        }

        void reset() {
            System.arraycopy(lineAmounts, 0, remaining, 0, lineAmounts.length);
            shippingRemaining = cart.shipping().minorUnits();
        }

        long apply(int k, Candidate candidate) {
            if (k == 0) {
                shares = new long[8][];
                shareLines = new int[8][];
                shippingShares = new long[8];
            }
            if (k >= shares.length) {
                shares = java.util.Arrays.copyOf(shares, k * 2);
                shareLines = java.util.Arrays.copyOf(shareLines, k * 2);
                shippingShares = java.util.Arrays.copyOf(shippingShares, k * 2);
            }
            Discount discount = candidate.coupon().definition().discount();
            if (discount instanceof ShippingDiscount shipping) {
                long off = shipping.percent() != null
                        ? DiscountMath.percentOf(shippingRemaining, shipping.percent().basisPoints())
                        : Math.min(amountIn(shipping.amounts().in(currency).orElse(null)), shippingRemaining);
                shippingRemaining -= off;
                shippingShares[k] = off;
                shares[k] = new long[0];
                shareLines[k] = new int[0];
                return off;
            }
            int[] lines = candidate.eligibleLineIndexes();
            long[] weights = new long[lines.length];
            long base = 0;
            for (int j = 0; j < lines.length; j++) {
                weights[j] = remaining[lines[j]];
                base += weights[j];
            }
            long off;
            if (discount instanceof PercentDiscount percent) {
                off = DiscountMath.percentOf(base, percent.percent().basisPoints());
                if (!percent.caps().isEmpty()) {
                    off = Math.min(off, amountIn(percent.caps().in(currency).orElse(null)));
                }
            } else {
                off = Math.min(amountIn(((FixedDiscount) discount).amounts().in(currency).orElse(null)), base);
            }
            long[] lineShares = DiscountMath.allocate(off, weights, tieOrder(lines));
            for (int j = 0; j < lines.length; j++) {
                remaining[lines[j]] -= lineShares[j];
            }
            shares[k] = lineShares;
            shareLines[k] = lines;
            shippingShares[k] = 0;
            return off;
        }

        /** A coupon with money settings but none in the cart's currency gives nothing: it never converts. */
        private static long amountIn(Money money) {
            return money == null ? 0 : money.minorUnits();
        }

        private int[] tieOrder(int[] lines) {
            if (idRank == null) {
                List<CartLine> cartLines = cart.lines();
                Integer[] order = new Integer[cartLines.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, Comparator.comparing(i -> cartLines.get(i).id()));
                idRank = new int[order.length];
                for (int r = 0; r < order.length; r++) {
                    idRank[order[r]] = r;
                }
            }
            int[] ranks = new int[lines.length];
            for (int j = 0; j < lines.length; j++) {
                ranks[j] = idRank[lines[j]];
            }
            return ranks;
        }

        PricingDecision decision(List<Candidate> applied, long[] amounts, List<RejectedCoupon> rejected) {
            List<CartLine> lines = cart.lines();
            List<AppliedCoupon> appliedCoupons = new ArrayList<>(applied.size());
            Money zero = Money.zero(currency);
            for (int k = 0; k < applied.size(); k++) {
                Coupon coupon = applied.get(k).coupon();
                long[] lineShares = shares[k];
                int[] lineIndexes = shareLines[k];
                List<LineAllocation> allocations = new ArrayList<>(lineShares.length);
                for (int j = 0; j < lineShares.length; j++) {
                    if (lineShares[j] > 0) {
                        allocations.add(new LineAllocation(
                                lines.get(lineIndexes[j]).id(), Money.ofMinor(lineShares[j], currency)));
                    }
                }
                appliedCoupons.add(new AppliedCoupon(
                        coupon.id(),
                        coupon.code(),
                        coupon.definition().discount().type(),
                        coupon.definition().stacking().stackingClass(),
                        Money.ofMinor(amounts[k], currency),
                        allocations,
                        shippingShares[k] == 0 ? zero : Money.ofMinor(shippingShares[k], currency)));
            }
            List<LinePrice> linePrices = new ArrayList<>(lines.size());
            long subtotal = 0;
            long merchandiseDiscount = 0;
            for (int i = 0; i < lineAmounts.length; i++) {
                long before = lineAmounts[i];
                long after = remaining[i];
                subtotal += before;
                merchandiseDiscount += before - after;
                linePrices.add(new LinePrice(
                        lines.get(i).id(),
                        Money.ofMinor(before, currency),
                        before == after ? zero : Money.ofMinor(before - after, currency),
                        Money.ofMinor(after, currency)));
            }
            rejected.sort(Comparator.comparing(RejectedCoupon::code).thenComparing(RejectedCoupon::reason));
            long shipping = cart.shipping().minorUnits();
            return new PricingDecision(
                    currency,
                    linePrices,
                    appliedCoupons,
                    rejected,
                    Money.ofMinor(subtotal, currency),
                    cart.shipping(),
                    Money.ofMinor(merchandiseDiscount, currency),
                    Money.ofMinor(shipping - shippingRemaining, currency));
        }
    }
}
