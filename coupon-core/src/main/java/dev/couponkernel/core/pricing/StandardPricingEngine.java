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
import dev.couponkernel.core.eligibility.EligibilityCondition;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.HostCondition;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.error.UnknownKindException;
import dev.couponkernel.spi.coupon.Discount;
import dev.couponkernel.spi.coupon.DiscountType;
import dev.couponkernel.spi.coupon.FixedDiscount;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.OrderAndShippingDiscount;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.PercentDiscount;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.ShippingDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * With {@link StackingSelection#BEST_FOR_CUSTOMER}, the priority order's choice is compared with each
 * exclusive coupon alone and with the stackable coupons together, and the one that takes the most off
 * wins.
 *
 * Immutable and thread-safe.
 */
final class StandardPricingEngine implements PricingEngine {

    /** The engine with the standard policy. */
    static final StandardPricingEngine STANDARD = new StandardPricingEngine(List.of(), java.util.Map.of(), java.util.Map.of());

    private static final Comparator<Coupon> BY_CODE_THEN_ID = (a, b) -> {
        int byCode = a.code().compareTo(b.code());
        return byCode != 0 ? byCode : a.id().compareTo(b.id());
    };

    /** Priority (highest first), then stacking class, then code. */
    private static final Comparator<Candidate> SELECTION_ORDER = (a, b) -> {
        StackingRule ra = a.coupon().definition().stacking();
        StackingRule rb = b.coupon().definition().stacking();
        int c = Integer.compare(rb.priority(), ra.priority());
        if (c == 0) {
            c = ra.stackingClass().compareTo(rb.stackingClass());
        }
        return c != 0 ? c : a.coupon().code().compareTo(b.coupon().code());
    };

    /** Stacking class, then priority (highest first), then code. */
    private static final Comparator<Candidate> APPLICATION_ORDER = (a, b) -> {
        StackingRule ra = a.coupon().definition().stacking();
        StackingRule rb = b.coupon().definition().stacking();
        int c = ra.stackingClass().compareTo(rb.stackingClass());
        if (c == 0) {
            c = Integer.compare(rb.priority(), ra.priority());
        }
        return c != 0 ? c : a.coupon().code().compareTo(b.coupon().code());
    };

    private static final Comparator<RejectedCoupon> REJECTION_ORDER = (a, b) -> {
        int c = a.code().compareTo(b.code());
        return c != 0 ? c : a.reason().compareTo(b.reason());
    };

    private static final EligibilityPolicy STANDARD_POLICY = EligibilityPolicies.standard();

    private final EligibilityPolicy extra;
    private final java.util.Map<String, DiscountKind> kinds;
    private final java.util.Map<String, EligibilityCondition> conditions;

    /**
     * Creates an engine.
     *
     * @param hostPolicies the host's policies, asked in this order after the standard ones and the coupons' host conditions
     * @param kinds the host's discount kinds by name
     * @param conditions the host's eligibility conditions by name
     */
    StandardPricingEngine(List<EligibilityPolicy> hostPolicies, java.util.Map<String, DiscountKind> kinds,
            java.util.Map<String, EligibilityCondition> conditions) {
        this.kinds = java.util.Map.copyOf(kinds);
        this.conditions = java.util.Map.copyOf(conditions);
        this.extra = hostPolicies.isEmpty() ? null : EligibilityPolicy.allOf(hostPolicies);
    }

    /**
     * The built-in rules, then the coupon's host conditions (a coupon whose condition is not
     * registered fails instead of passing unjudged), then the host's extra policies; direct calls, so
     * that a coupon without conditions costs one list test.
     */
    private EligibilityOutcome judge(Candidate candidate) {
        EligibilityOutcome outcome = STANDARD_POLICY.evaluate(candidate);
        if (outcome.isEligible() && !candidate.coupon().definition().eligibility().conditions().isEmpty()) {
            outcome = checkConditions(candidate);
        }
        if (outcome.isEligible() && extra != null) {
            outcome = extra.evaluate(candidate);
        }
        return outcome;
    }

    private EligibilityOutcome checkConditions(Candidate candidate) {
        for (HostCondition hostCondition : candidate.coupon().definition().eligibility().conditions()) {
            EligibilityCondition condition = conditions.get(hostCondition.kind());
            if (condition == null) {
                throw unknown(candidate, "eligibility condition", hostCondition.kind(), conditions.keySet());
            }
            EligibilityOutcome outcome;
            try {
                outcome = condition.evaluate(hostCondition, candidate);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the eligibility condition " + hostCondition.kind() + " failed on coupon "
                        + candidate.coupon().code() + ": " + e.getMessage(), e);
            }
            if (outcome == null) {
                throw new IllegalStateException("the eligibility condition " + hostCondition.kind() + " answered null for coupon "
                        + candidate.coupon().code());
            }
            if (!outcome.isEligible()) {
                return outcome;
            }
        }
        return EligibilityOutcome.eligible();
    }

    private static UnknownKindException unknown(Candidate candidate, String what, String kind, Set<String> known) {
        return new UnknownKindException(kind, "coupon " + candidate.coupon().code() + " uses the " + what + " " + kind
                + ", which this kernel does not register (it registers " + new java.util.TreeSet<>(known)
                + "); register it again or disable the coupon");
    }

    @Override
    public void check(CouponDefinition definition) {
        Checks.notNull(definition, "definition");
        if (definition.discount().type() == DiscountType.HOST) {
            HostDiscount discount = (HostDiscount) definition.discount();
            DiscountKind kind = kinds.get(discount.kind());
            if (kind == null) {
                throw new InvalidInputException("discount.kind", "'" + discount.kind()
                        + "' is not a discount kind this kernel registers (it registers " + new java.util.TreeSet<>(kinds.keySet()) + ")");
            }
            validated(() -> kind.validate(discount), "discount.");
        }
        List<HostCondition> hostConditions = definition.eligibility().conditions();
        for (int i = 0; i < hostConditions.size(); i++) {
            HostCondition hostCondition = hostConditions.get(i);
            EligibilityCondition condition = conditions.get(hostCondition.kind());
            String field = "eligibility.conditions[" + i + "]";
            if (condition == null) {
                throw new InvalidInputException(field + ".kind", "'" + hostCondition.kind()
                        + "' is not an eligibility condition this kernel registers (it registers "
                        + new java.util.TreeSet<>(conditions.keySet()) + ")");
            }
            validated(() -> condition.validate(hostCondition), field + ".");
        }
    }

    /** Runs a host's validation; its errors name the field under the coupon's definition. */
    private static void validated(Runnable validation, String prefix) {
        try {
            validation.run();
        } catch (InvalidInputException e) {
            throw e.field().startsWith(prefix) ? e : new InvalidInputException(prefix + e.field(), e.problem());
        }
    }

    @Override
    public PricingDecision price(PricingRequest request) {
        Checks.notNull(request, "request");
        EligibilityContext context = request.context();
        List<RejectedCoupon> rejected = new ArrayList<>(4);
        rejectUnknown(request.unknownCodes(), rejected);

        Coupon[] coupons = request.coupons().toArray(new Coupon[0]);
        sort(coupons, BY_CODE_THEN_ID);
        Candidate[] eligible = new Candidate[coupons.length];
        int eligibleCount = 0;
        for (int i = 0; i < coupons.length; i++) {
            Coupon coupon = coupons[i];
            if (i > 0 && coupons[i - 1].code().equals(coupon.code())) {
                rejected.add(new RejectedCoupon(coupon.code(), RejectionReason.DUPLICATE_CODE, "requested more than once"));
                continue;
            }
            Candidate candidate = new Candidate(coupon, context);
            EligibilityOutcome outcome = judge(candidate);
            if (outcome.isEligible()) {
                eligible[eligibleCount++] = candidate;
            } else {
                rejected.add(RejectedCoupon.of(coupon.code(), outcome));
            }
        }
        sort(eligible, eligibleCount, SELECTION_ORDER);

        Run run = new Run(context.cart(), kinds);
        PricingDecision byPriority = priced(eligible, eligibleCount, request.maxCoupons(), run, rejected);
        if (request.selection() == StackingSelection.PRIORITY || eligibleCount < 2) {
            return byPriority;
        }
        return bestForCustomer(byPriority, eligible, eligibleCount, request.maxCoupons(), run, rejected);
    }

    /**
     * Selects and applies among the eligible coupons (in selection order) by priority, removing a
     * selected coupon that takes nothing off and selecting again; the decision's rejections are the
     * given ones, the conflicts and the empty coupons.
     */
    private static PricingDecision priced(Candidate[] candidates, int count, int maxCoupons, Run run, List<RejectedCoupon> before) {
        Candidate[] eligible = java.util.Arrays.copyOf(candidates, count);
        int eligibleCount = count;
        List<RejectedCoupon> rejected = new ArrayList<>(before);
        while (true) {
            Candidate[] selected = new Candidate[Math.min(eligibleCount, maxCoupons)];
            List<RejectedCoupon> conflicts = new ArrayList<>(0);
            int selectedCount = select(eligible, eligibleCount, selected, conflicts);
            sort(selected, selectedCount, APPLICATION_ORDER);
            run.reset(selectedCount);
            int emptyCount = 0;
            for (int k = 0; k < selectedCount; k++) {
                if (run.apply(k, selected[k]) == 0) {
                    rejected.add(new RejectedCoupon(
                            selected[k].coupon().code(), RejectionReason.NOTHING_TO_DISCOUNT,
                            "the coupons applied before it left nothing in its scope to discount"));
                    eligibleCount = remove(eligible, eligibleCount, selected[k]);
                    emptyCount++;
                }
            }
            if (emptyCount == 0) {
                rejected.addAll(conflicts);
                rejected.sort(REJECTION_ORDER);
                return run.decision(rejected);
            }
        }
    }

    /**
     * Best for the customer: besides the priority order's choice, each exclusive coupon alone and the
     * stackable coupons together (selected among themselves by priority) are priced; the choice that
     * takes the most off (merchandise and shipping) wins, a tie going to the earlier of: the priority
     * order's choice, then the exclusive coupons in selection order, then the stackable ones. The
     * coupons outside the winning choice are rejected as not combinable with it.
     */
    private static PricingDecision bestForCustomer(PricingDecision byPriority, Candidate[] eligible, int eligibleCount,
            int maxCoupons, Run run, List<RejectedCoupon> before) {
        PricingDecision best = byPriority;
        Candidate[] members = null;
        Candidate[] stackable = new Candidate[eligibleCount];
        int stackableCount = 0;
        for (int i = 0; i < eligibleCount; i++) {
            if (!eligible[i].coupon().definition().stacking().exclusive()) {
                stackable[stackableCount++] = eligible[i];
            }
        }
        if (stackableCount == eligibleCount) {
            return byPriority; // nothing is exclusive: the priority order already stacks all it can
        }
        for (int i = 0; i <= eligibleCount; i++) {
            Candidate[] option;
            if (i < eligibleCount) {
                if (!eligible[i].coupon().definition().stacking().exclusive()) {
                    continue;
                }
                option = new Candidate[] {eligible[i]};
            } else if (stackableCount > 0) {
                option = java.util.Arrays.copyOf(stackable, stackableCount);
            } else {
                break;
            }
            PricingDecision decision = priced(option, option.length, maxCoupons, run, List.of());
            if (decision.totalDiscount().compareTo(best.totalDiscount()) > 0) {
                best = decision;
                members = option;
            }
        }
        if (members == null) {
            return byPriority;
        }
        // the winner's own rejections, the ones before selection, and every coupon outside the winner
        List<RejectedCoupon> rejected = new ArrayList<>(before);
        rejected.addAll(best.rejected());
        String winner = best.applied().get(0).code().value();
        Money off = best.totalDiscount();
        for (int i = 0; i < eligibleCount; i++) {
            boolean member = false;
            for (Candidate m : members) {
                member |= m == eligible[i];
            }
            if (!member) {
                rejected.add(new RejectedCoupon(eligible[i].coupon().code(), RejectionReason.NOT_COMBINABLE,
                        "does not combine with " + winner + ", the choice best for the customer (" + off + " off)"));
            }
        }
        rejected.sort(REJECTION_ORDER);
        return new PricingDecision(best.cart(), best.applied(), rejected, best.merchandiseDiscount(), best.shippingDiscount());
    }

    /** Insertion sort: a request holds a handful of coupons, where it beats a general sort. */
    private static <T> void sort(T[] items, int count, Comparator<? super T> order) {
        for (int i = 1; i < count; i++) {
            T item = items[i];
            int j = i;
            while (j > 0 && order.compare(item, items[j - 1]) < 0) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = item;
        }
    }

    private static <T> void sort(T[] items, Comparator<? super T> order) {
        sort(items, items.length, order);
    }

    /** Removes one item, keeping the order of the rest; returns the new count. */
    private static int remove(Candidate[] items, int count, Candidate item) {
        for (int i = 0; i < count; i++) {
            if (items[i] == item) {
                System.arraycopy(items, i + 1, items, i, count - i - 1);
                items[count - 1] = null;
                return count - 1;
            }
        }
        return count;
    }

    private static void rejectUnknown(List<CouponCode> unknownCodes, List<RejectedCoupon> rejected) {
        if (unknownCodes.isEmpty()) {
            return;
        }
        Set<CouponCode> seen = new HashSet<>();
        for (CouponCode code : unknownCodes) {
            rejected.add(seen.add(code)
                    ? new RejectedCoupon(code, RejectionReason.UNKNOWN_CODE, "no coupon has code " + code)
                    : new RejectedCoupon(code, RejectionReason.DUPLICATE_CODE, "requested more than once"));
        }
    }

    /**
     * Takes coupons in selection order while there is room and each combines with all taken; the rest
     * become conflicts. Returns how many were taken.
     */
    private static int select(Candidate[] eligible, int eligibleCount, Candidate[] selected, List<RejectedCoupon> conflicts) {
        int taken = 0;
        for (int i = 0; i < eligibleCount; i++) {
            Candidate candidate = eligible[i];
            if (taken >= selected.length) {
                conflicts.add(new RejectedCoupon(candidate.coupon().code(), RejectionReason.MAX_COUPONS_EXCEEDED,
                        "the request applies at most " + selected.length + " coupons"));
                continue;
            }
            StackingRule rule = candidate.coupon().definition().stacking();
            Candidate blocker = null;
            for (int j = 0; j < taken && blocker == null; j++) {
                if (!selected[j].coupon().definition().stacking().combinesWith(rule)) {
                    blocker = selected[j];
                }
            }
            if (blocker == null) {
                selected[taken++] = candidate;
            } else {
                conflicts.add(new RejectedCoupon(candidate.coupon().code(), RejectionReason.NOT_COMBINABLE,
                        "does not combine with " + blocker.coupon().code() + ", which takes precedence"));
            }
        }
        return taken;
    }

    /** The mutable state of one pricing pass. Not thread-safe; lives for one call. */
    private static final class Run {
        private final Cart cart;
        private final Currency currency;
        private final Money zero;
        private final CartLine[] lines;
        private final long[] remaining;
        private final long[] weights;
        private final long[] shares;
        private final long[] remainders;
        private long shippingRemaining;
        private AppliedCoupon[] applied;
        private int[] eligible;
        private final DiscountMath.TieBreak byLineId;
        private final java.util.Map<String, DiscountKind> kinds;

        Run(Cart cart, java.util.Map<String, DiscountKind> kinds) {
            this.kinds = kinds;
            this.cart = cart;
            this.currency = cart.currency();
            this.zero = Money.zero(currency);
            this.lines = cart.lines().toArray(CartLine[]::new);
            this.remaining = new long[lines.length];
            this.weights = new long[lines.length];
            this.shares = new long[lines.length];
            this.remainders = new long[lines.length];
            // equal remainders go to the line with the smaller id first, whatever the order of the cart
            this.byLineId = (a, b) -> lines[eligible[a]].id().compareTo(lines[eligible[b]].id());
        }

        void reset(int coupons) {
            for (int i = 0; i < lines.length; i++) {
                remaining[i] = lines[i].unitPrice().minorUnits() * lines[i].quantity();
            }
            shippingRemaining = cart.shipping().minorUnits();
            applied = new AppliedCoupon[coupons];
        }

        /** Applies the k-th coupon on what is left; returns what it took off. */
        long apply(int k, Candidate candidate) {
            Discount discount = candidate.coupon().definition().discount();
            if (discount.type() == DiscountType.SHIPPING) {
                ShippingDiscount shipping = (ShippingDiscount) discount;
                long off = shipping.percent() != null
                        ? DiscountMath.percentOf(shippingRemaining, shipping.percent().basisPoints())
                        : Math.min(amountIn(shipping.amounts().in(currency).orElse(null)), shippingRemaining);
                shippingRemaining -= off;
                Money amount = money(off);
                applied[k] = applied(candidate.coupon(), amount, List.of(), amount);
                return off;
            }
            eligible = candidate.eligibleLineIndexes();
            if (discount.type() == DiscountType.PER_UNIT) {
                return applyPerUnit(k, candidate, (PerUnitDiscount) discount);
            }
            if (discount.type() == DiscountType.BUY_X_GET_Y) {
                return applyBuyXGetY(k, candidate, (BuyXGetYDiscount) discount);
            }
            if (discount.type() == DiscountType.HOST) {
                return applyHost(k, candidate, (HostDiscount) discount);
            }
            if (discount.type() == DiscountType.ORDER_AND_SHIPPING) {
                return applyOrderAndShipping(k, candidate, (OrderAndShippingDiscount) discount);
            }
            if (discount.type() == DiscountType.FIXED_PRICE && ((FixedPriceDiscount) discount).units() > 0) {
                return applyFixedPriceSets(k, candidate, (FixedPriceDiscount) discount);
            }
            int n = eligible.length;
            long base = 0;
            for (int j = 0; j < n; j++) {
                weights[j] = remaining[eligible[j]];
                base += weights[j];
            }
            long off = switch (discount.type()) {
                case PERCENT -> {
                    PercentDiscount percent = (PercentDiscount) discount;
                    long p = DiscountMath.percentOf(base, percent.percent().basisPoints());
                    yield percent.caps().isEmpty() ? p : Math.min(p, amountIn(percent.caps().in(currency).orElse(null)));
                }
                case FIXED -> Math.min(amountIn(((FixedDiscount) discount).amounts().in(currency).orElse(null)), base);
                case TIERED -> {
                    // the tier by the eligible lines before any coupon; eligibility refused the coupon below the first
                    TieredDiscount.Tier tier = ((TieredDiscount) discount)
                            .tierFor(candidate.eligibleSubtotal(), candidate.eligibleQuantity()).orElse(null);
                    if (tier == null) {
                        yield 0;
                    }
                    yield tier.percent().isPresent()
                            ? DiscountMath.percentOf(base, tier.percent().get().basisPoints())
                            : Math.min(amountIn(tier.amounts().in(currency).orElse(null)), base);
                }
                case SHIPPING -> throw new IllegalStateException("a shipping discount is applied to shipping above");
                case PER_UNIT -> throw new IllegalStateException("a per-unit discount is applied unit by unit above");
                case BUY_X_GET_Y -> throw new IllegalStateException("a buy-X-get-Y discount is applied unit by unit above");
                case ORDER_AND_SHIPPING -> throw new IllegalStateException("an order-and-shipping discount is applied above");
                case HOST -> throw new IllegalStateException("a host discount is applied by its kind above");
                // the eligible items for one price (sets of units are applied above)
                case FIXED_PRICE -> Math.max(0, base - amountIn(((FixedPriceDiscount) discount).prices().in(currency).orElse(null)));
            };
            DiscountMath.allocate(off, weights, n, byLineId, shares, remainders);
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (shares[j] > 0) {
                    count++;
                }
            }
            LineAllocation[] allocations = new LineAllocation[count];
            for (int j = 0, a = 0; j < n; j++) {
                if (shares[j] > 0) {
                    int line = eligible[j];
                    remaining[line] -= shares[j];
                    allocations[a++] = new LineAllocation(lines[line].id(), money(shares[j]));
                }
            }
            applied[k] = applied(candidate.coupon(), money(off), List.of(allocations), zero);
            return off;
        }

        /**
         * A per-unit discount: the units in order (cheapest or most expensive first by list price, ties
         * by line id), at most the maximum; each line's share is the percentage of, or the amount per
         * unit up to, what is left of the line for the units taken, and goes to that line.
         */
        private long applyPerUnit(int k, Candidate candidate, PerUnitDiscount discount) {
            int n = eligible.length;
            Integer[] order = eligibleByListPrice(discount.order() == PerUnitDiscount.UnitOrder.CHEAPEST_FIRST);
            long unitsLeft = discount.maxUnits().isPresent() ? discount.maxUnits().getAsInt() : Long.MAX_VALUE;
            long perUnit = discount.percent().isPresent() ? 0 : amountIn(discount.amounts().in(currency).orElse(null));
            long[] share = new long[lines.length];
            long off = 0;
            for (int line : order) {
                if (unitsLeft == 0) {
                    break;
                }
                long quantity = lines[line].quantity();
                long taken = Math.min(quantity, unitsLeft);
                unitsLeft -= taken;
                // what is left of the line for the units taken, never more than the line
                long s = unitsShare(line, taken, discount.percent(), perUnit);
                share[line] = s;
                off += s;
            }
            List<LineAllocation> allocations = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int line = eligible[j];
                if (share[line] > 0) {
                    remaining[line] -= share[line];
                    allocations.add(new LineAllocation(lines[line].id(), money(share[line])));
                }
            }
            applied[k] = applied(candidate.coupon(), money(off), List.copyOf(allocations), zero);
            return off;
        }

        /**
         * Buy X get Y: the rewarded units ({@link BuyXGetYDiscount#rewardedUnits}, on list prices) get
         * the percentage of, or the amount per unit up to, what is left of their line for them.
         */
        private long applyBuyXGetY(int k, Candidate candidate, BuyXGetYDiscount discount) {
            boolean[] qualifying = new boolean[lines.length];
            for (int line : eligible) {
                qualifying[line] = true;
            }
            long[] units = discount.rewardedUnits(cart.lines(), qualifying);
            long perUnit = discount.percent().isPresent() ? 0 : amountIn(discount.amounts().in(currency).orElse(null));
            List<LineAllocation> allocations = new ArrayList<>();
            long off = 0;
            for (int line = 0; line < lines.length; line++) {
                if (units[line] == 0) {
                    continue;
                }
                long s = unitsShare(line, units[line], discount.percent(), perUnit);
                if (s > 0) {
                    remaining[line] -= s;
                    off += s;
                    allocations.add(new LineAllocation(lines[line].id(), money(s)));
                }
            }
            applied[k] = applied(candidate.coupon(), money(off), List.copyOf(allocations), zero);
            return off;
        }

        /**
         * Sets of N units for a price: the eligible units cheapest first by list price (ties by line
         * id) in sets of N; each set takes off what it costs at list price above the price; the total
         * is at most what is left of the covered units, and is spread over them by what is left.
         */
        private long applyFixedPriceSets(int k, Candidate candidate, FixedPriceDiscount discount) {
            int n = eligible.length;
            Integer[] order = eligibleByListPrice(true);
            long totalUnits = 0;
            for (int j = 0; j < n; j++) {
                totalUnits += lines[eligible[j]].quantity();
            }
            long setSize = discount.units();
            long price = amountIn(discount.prices().in(currency).orElse(null));
            long covered = (totalUnits / setSize) * setSize;
            long off = 0;
            long inSet = 0;
            long setCost = 0;
            long counted = 0;
            long[] coveredUnits = new long[lines.length];
            for (int line : order) {
                long unit = lines[line].unitPrice().minorUnits();
                for (long u = 0; u < lines[line].quantity() && counted < covered; u++, counted++) {
                    coveredUnits[line]++;
                    setCost += unit;
                    if (++inSet == setSize) {
                        off += Math.max(0, setCost - price);
                        inSet = 0;
                        setCost = 0;
                    }
                }
            }
            int m = 0;
            long left = 0;
            int[] coveredLines = new int[n];
            for (int j = 0; j < n; j++) {
                int line = eligible[j];
                if (coveredUnits[line] > 0) {
                    long l = leftFor(line, coveredUnits[line]);
                    weights[m] = l;
                    coveredLines[m++] = line;
                    left += l;
                }
            }
            off = Math.min(off, left);
            DiscountMath.allocate(off, weights, m, (a, b) -> lines[coveredLines[a]].id().compareTo(lines[coveredLines[b]].id()),
                    shares, remainders);
            List<LineAllocation> allocations = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (shares[j] > 0) {
                    remaining[coveredLines[j]] -= shares[j];
                    allocations.add(new LineAllocation(lines[coveredLines[j]].id(), money(shares[j])));
                }
            }
            applied[k] = applied(candidate.coupon(), money(off), List.copyOf(allocations), zero);
            return off;
        }

        /**
         * Order and shipping: the base is what is left of the eligible lines plus what is left of
         * shipping; the percentage of it or the amount (at most it) is allocated over the lines and
         * shipping by what is left of each, shipping's share going to the coupon's shipping discount.
         */
        private long applyOrderAndShipping(int k, Candidate candidate, OrderAndShippingDiscount discount) {
            int n = eligible.length;
            long base = 0;
            for (int j = 0; j < n; j++) {
                weights[j] = remaining[eligible[j]];
                base += weights[j];
            }
            long[] all = java.util.Arrays.copyOf(weights, n + 1);
            all[n] = shippingRemaining;
            base += shippingRemaining;
            long off = discount.percent().isPresent()
                    ? DiscountMath.percentOf(base, discount.percent().get().basisPoints())
                    : Math.min(amountIn(discount.amounts().in(currency).orElse(null)), base);
            long[] parts = new long[n + 1];
            long[] rests = new long[n + 1];
            // ties go to the line with the smaller id; shipping, last in the array, after every line
            DiscountMath.allocate(off, all, n + 1, (a, b) -> a == n ? 1 : b == n ? -1 : byLineId.compare(a, b), parts, rests);
            List<LineAllocation> allocations = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (parts[j] > 0) {
                    remaining[eligible[j]] -= parts[j];
                    allocations.add(new LineAllocation(lines[eligible[j]].id(), money(parts[j])));
                }
            }
            shippingRemaining -= parts[n];
            applied[k] = applied(candidate.coupon(), money(off), List.copyOf(allocations), money(parts[n]));
            return off;
        }

        /**
         * A host's kind: it asks on a {@link DiscountSpace} what to take off which lines and shipping;
         * each line gets at most what is left of it, shipping at most what is left of it, and the
         * coupon's amount is what was granted.
         */
        private long applyHost(int k, Candidate candidate, HostDiscount discount) {
            DiscountKind kind = kinds.get(discount.kind());
            if (kind == null) {
                throw unknown(candidate, "discount kind", discount.kind(), kinds.keySet());
            }
            int n = eligible.length;
            CartLine[] scope = new CartLine[n];
            long[] left = new long[n];
            for (int j = 0; j < n; j++) {
                scope[j] = lines[eligible[j]];
                left[j] = remaining[eligible[j]];
            }
            DiscountSpace space = new DiscountSpace(candidate, discount, scope, left, shippingRemaining);
            try {
                kind.apply(discount, space);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the discount kind " + discount.kind() + " failed on coupon "
                        + candidate.coupon().code() + ": " + e.getMessage(), e);
            }
            long[] asked = space.asked();
            List<LineAllocation> allocations = new ArrayList<>();
            long off = 0;
            for (int j = 0; j < n; j++) {
                long granted = Math.min(asked[j], left[j]);
                if (granted > 0) {
                    remaining[eligible[j]] -= granted;
                    off += granted;
                    allocations.add(new LineAllocation(scope[j].id(), money(granted)));
                }
            }
            long shipping = Math.min(space.shippingAsked(), shippingRemaining);
            shippingRemaining -= shipping;
            off += shipping;
            applied[k] = applied(candidate.coupon(), money(off), List.copyOf(allocations), money(shipping));
            return off;
        }

        /**
         * @param cheapestFirst the order of unit prices
         * @return the eligible lines by list unit price in that order, ties by line id (the order of
         *     every kind that picks units)
         */
        private Integer[] eligibleByListPrice(boolean cheapestFirst) {
            Integer[] order = new Integer[eligible.length];
            for (int j = 0; j < eligible.length; j++) {
                order[j] = eligible[j];
            }
            java.util.Comparator<CartLine> byPrice = CartLine.byUnitPrice(cheapestFirst);
            java.util.Arrays.sort(order, (a, b) -> byPrice.compare(lines[a], lines[b]));
            return order;
        }

        /**
         * @param line a line
         * @param units some of its units
         * @return what is left of the line for those units: {@code remaining × units / quantity}, rounded down
         */
        private long leftFor(int line, long units) {
            long quantity = lines[line].quantity();
            return units == quantity ? remaining[line]
                    : java.math.BigInteger.valueOf(remaining[line]).multiply(java.math.BigInteger.valueOf(units))
                            .divide(java.math.BigInteger.valueOf(quantity)).longValueExact();
        }

        /**
         * @param line a line
         * @param units some of its units
         * @param percent the percentage off them, if the discount is one
         * @param perUnit else the amount off each, in minor units
         * @return the line's share: the percentage of, or the amount per unit up to, what is left of the line for the units
         */
        private long unitsShare(int line, long units, java.util.Optional<dev.couponkernel.spi.value.Percentage> percent, long perUnit) {
            long left = leftFor(line, units);
            return percent.isPresent()
                    ? DiscountMath.percentOf(left, percent.get().basisPoints())
                    : Math.min(saturatedProduct(perUnit, units), left);
        }

        private static long saturatedProduct(long a, long b) {
            long high = Math.multiplyHigh(a, b);
            long low = a * b;
            return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
        }

        private Money money(long minor) {
            return minor == 0 ? zero : Money.ofMinor(minor, currency);
        }

        private static AppliedCoupon applied(Coupon coupon, Money amount, List<LineAllocation> allocations, Money shipping) {
            return new AppliedCoupon(coupon.id(), coupon.code(), coupon.definition().discount().type(),
                    coupon.definition().stacking().stackingClass(), amount, allocations, shipping);
        }

        /** A coupon with money settings but none in the cart's currency gives nothing: it never converts. */
        private static long amountIn(Money money) {
            return money == null ? 0 : money.minorUnits();
        }

        PricingDecision decision(List<RejectedCoupon> rejected) {
            long merchandiseDiscount = 0;
            for (int i = 0; i < lines.length; i++) {
                merchandiseDiscount += lines[i].unitPrice().minorUnits() * lines[i].quantity() - remaining[i];
            }
            return new PricingDecision(
                    cart,
                    List.of(applied),
                    List.copyOf(rejected),
                    money(merchandiseDiscount),
                    money(cart.shipping().minorUnits() - shippingRemaining));
        }
    }
}
