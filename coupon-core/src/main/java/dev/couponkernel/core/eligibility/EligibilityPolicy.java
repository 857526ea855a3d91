package dev.couponkernel.core.eligibility;

import dev.couponkernel.spi.internal.Checks;
import java.util.List;

/**
 * One rule of eligibility, as a value: given a candidate it answers eligible or rejected with a reason.
 * Policies compose with {@link #allOf(List)}: the first rejection wins. The built-in policies are in
 * {@link EligibilityPolicies}; a host adds its own the same way.
 *
 * <p>Implementations must be stateless or thread-safe: one policy judges many requests at once.
 */
@FunctionalInterface
public interface EligibilityPolicy {

    /**
     * Judges a candidate.
     *
     * @param candidate the coupon in its context
     * @return eligible, or rejected with a reason
     */
    EligibilityOutcome evaluate(Candidate candidate);

    /**
     * Returns a policy that applies these in order and answers with the first rejection.
     *
     * @param policies the policies, in the order they are asked
     * @return the composite policy
     */
    static EligibilityPolicy allOf(List<EligibilityPolicy> policies) {
        EligibilityPolicy[] array = List.copyOf(Checks.notNull(policies, "policies")).toArray(EligibilityPolicy[]::new);
        return candidate -> {
            for (EligibilityPolicy policy : array) {
                EligibilityOutcome outcome = policy.evaluate(candidate);
                if (!outcome.isEligible()) {
                    return outcome;
                }
            }
            return EligibilityOutcome.eligible();
        };
    }

    /**
     * Returns a policy that asks this one, then the other if this one finds the coupon eligible.
     *
     * @param next the policy asked second
     * @return the composite policy
     */
    default EligibilityPolicy and(EligibilityPolicy next) {
        return allOf(List.of(this, Checks.notNull(next, "next")));
    }
}
