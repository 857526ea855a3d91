package dev.couponkernel.spi.ledger;

import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.internal.Checks;
import java.util.List;

/**
 * What {@link LedgerRules#decide} decided for commands taken in arrival order: each command's
 * outcome (or the error it answers with) and the changes a store writes for all of them together.
 * Immutable and thread-safe.
 *
 * @param outcomes each command's outcome, in the order of the commands
 * @param changes what to write
 */
public record LedgerDecision(List<Outcome> outcomes, LedgerChanges changes) {

    /**
     * Copies the parts.
     *
     * @param outcomes each command's outcome, in the order of the commands
     * @param changes what to write
     */
    public LedgerDecision {
        outcomes = List.copyOf(Checks.notNull(outcomes, "outcomes"));
        Checks.notNull(changes, "changes");
    }

    /**
     * One command's answer: a value of the type its {@link LedgerOp} names, or an error the command
     * throws to its caller (another customer's checkout, a redeem for another order) while the other
     * commands decided with it still take effect.
     *
     * @param value the outcome, or null when the command fails
     * @param failure the error, or null when it succeeds
     */
    public record Outcome(Object value, CouponKernelException failure) {

        /**
         * Validates that exactly one part is there.
         *
         * @param value the outcome, or null when the command fails
         * @param failure the error, or null when it succeeds
         */
        public Outcome {
            if ((value == null) == (failure == null)) {
                throw new IllegalArgumentException("an outcome has a value or a failure");
            }
        }

        /**
         * @param type the outcome's type
         * @param <T> the type
         * @return the value
         * @throws CouponKernelException the command's error, if it failed
         */
        public <T> T get(Class<T> type) {
            if (failure != null) {
                throw failure;
            }
            return type.cast(value);
        }
    }

    /**
     * The outcome of the only command of a decision.
     *
     * @param type the outcome's type
     * @param <T> the type
     * @return the value
     * @throws CouponKernelException the command's error, if it failed
     */
    public <T> T single(Class<T> type) {
        if (outcomes.size() != 1) {
            throw new IllegalStateException("the decision has " + outcomes.size() + " outcomes");
        }
        return outcomes.get(0).get(type);
    }
}
