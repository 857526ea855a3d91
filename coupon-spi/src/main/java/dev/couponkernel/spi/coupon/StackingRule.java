package dev.couponkernel.spi.coupon;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a coupon combines with others in one request. An exclusive coupon combines with none. A
 * stackable coupon names the classes it combines with; two coupons combine only if each names the
 * other's class. The priority decides which coupon wins when requested coupons conflict: higher first.
 * Immutable and thread-safe.
 *
 * @param stackingClass what part of the price the coupon discounts
 * @param exclusive whether the coupon refuses every other coupon
 * @param combinesWith the classes of coupons this one combines with; empty when exclusive
 * @param priority higher wins a conflict; any int
 */
public record StackingRule(StackingClass stackingClass, boolean exclusive, Set<StackingClass> combinesWith, int priority) {

    /**
     * Validates the parts and that an exclusive coupon names no class to combine with.
     *
     * @param stackingClass what part of the price the coupon discounts
     * @param exclusive whether the coupon refuses every other coupon
     * @param combinesWith the classes of coupons this one combines with; empty when exclusive
     * @param priority higher wins a conflict; any int
     */
    public StackingRule {
        Checks.notNull(stackingClass, "stacking.stackingClass");
        Checks.copyOf(combinesWith, "stacking.combinesWith");
        // an EnumSet answers contains() with a bit test; the view keeps it immutable
        combinesWith = combinesWith.isEmpty()
                ? Set.of()
                : java.util.Collections.unmodifiableSet(EnumSet.copyOf(combinesWith));
        if (exclusive && !combinesWith.isEmpty()) {
            throw new InvalidInputException(
                    "stacking.combinesWith", "an exclusive coupon combines with no other, but names " + combinesWith);
        }
    }

    /**
     * Returns an exclusive rule.
     *
     * @param stackingClass what part of the price the coupon discounts
     * @param priority higher wins a conflict
     * @return the rule
     */
    public static StackingRule exclusive(StackingClass stackingClass, int priority) {
        return new StackingRule(stackingClass, true, Set.of(), priority);
    }

    /**
     * Returns a stackable rule.
     *
     * @param stackingClass what part of the price the coupon discounts
     * @param priority higher wins a conflict
     * @param combinesWith the classes it combines with, at least one
     * @return the rule
     */
    public static StackingRule stackable(StackingClass stackingClass, int priority, StackingClass... combinesWith) {
        Checks.notNull(combinesWith, "stacking.combinesWith");
        if (combinesWith.length == 0) {
            throw new InvalidInputException(
                    "stacking.combinesWith", "a stackable coupon names at least one class; use exclusive(...) otherwise");
        }
        EnumSet<StackingClass> set = EnumSet.noneOf(StackingClass.class);
        for (StackingClass c : combinesWith) {
            set.add(Checks.notNull(c, "stacking.combinesWith element"));
        }
        return new StackingRule(stackingClass, false, set, priority);
    }

    /**
     * Returns a stackable rule that combines with every class.
     *
     * @param stackingClass what part of the price the coupon discounts
     * @param priority higher wins a conflict
     * @return the rule
     */
    public static StackingRule stackableWithAll(StackingClass stackingClass, int priority) {
        return stackable(stackingClass, priority, StackingClass.values());
    }

    /**
     * Tells whether two coupons may apply together: neither is exclusive and each names the other's class.
     *
     * @param other the other coupon's rule
     * @return true if both allow it
     */
    public boolean combinesWith(StackingRule other) {
        return !exclusive
                && !other.exclusive
                && combinesWith.contains(other.stackingClass)
                && other.combinesWith.contains(stackingClass);
    }
}
