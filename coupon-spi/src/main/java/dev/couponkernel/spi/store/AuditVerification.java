package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verdict of checking a coupon's audit hash chain ({@link AuditTrail#verify}). Immutable and
 * thread-safe.
 *
 * @param couponId the coupon checked
 * @param entriesChecked how many entries were read
 * @param intactEntries how many entries, from the oldest, are intact (all of them when intact)
 * @param firstBrokenSequence the sequence of the first entry that breaks the chain, if one does (an
 *     entry missing at the end has none)
 * @param problem what is wrong, empty when the chain is intact
 */
public record AuditVerification(
        CouponId couponId, int entriesChecked, int intactEntries, OptionalLong firstBrokenSequence, Optional<String> problem) {

    /**
     * Validates the parts.
     *
     * @param couponId the coupon checked
     * @param entriesChecked how many entries were read
     * @param intactEntries how many entries, from the oldest, are intact (all of them when intact)
     * @param firstBrokenSequence the sequence of the first entry that breaks the chain, if one does (an entry missing at the end has none)
     * @param problem what is wrong, empty when the chain is intact
     */
    public AuditVerification {
        Checks.notNull(couponId, "couponId");
        Checks.nonNegative(entriesChecked, "entriesChecked");
        Checks.nonNegative(intactEntries, "intactEntries");
        Checks.notNull(firstBrokenSequence, "firstBrokenSequence");
        Checks.notNull(problem, "problem");
    }

    /** @return whether every entry is there and unchanged */
    public boolean isIntact() {
        return problem.isEmpty();
    }

    /**
     * @param couponId the coupon
     * @param entries how many entries were checked
     * @return an intact verdict
     */
    public static AuditVerification intact(CouponId couponId, int entries) {
        return new AuditVerification(couponId, entries, entries, OptionalLong.empty(), Optional.empty());
    }

    /**
     * @param couponId the coupon
     * @param intactEntries how many entries before the broken one are intact
     * @param sequence the broken entry's sequence
     * @param problem what is wrong
     * @return a broken verdict
     */
    public static AuditVerification broken(CouponId couponId, int intactEntries, long sequence, String problem) {
        return new AuditVerification(couponId, intactEntries + 1, intactEntries, OptionalLong.of(sequence),
                Optional.of(problem));
    }

    /**
     * @param couponId the coupon
     * @param entries how many entries were found, all intact
     * @param problem what is missing
     * @return a verdict for entries missing after the last one found
     */
    public static AuditVerification truncated(CouponId couponId, int entries, String problem) {
        return new AuditVerification(couponId, entries, entries, OptionalLong.empty(), Optional.of(problem));
    }
}
