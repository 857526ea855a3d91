package dev.couponkernel.spi.store;

import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.error.ConflictException;
import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.util.Collection;

/**
 * The rules every {@link CodeStore} applies, written once. Stateless and thread-safe.
 */
public final class CodeRules {

    /** The most codes one {@link CodeStore#taken} call asks about, and the chunk a store takes from a source. */
    public static final int CHUNK = 1_000;

    private CodeRules() {}

    /**
     * @param coupon the coupon codes are added to
     * @throws InvalidInputException naming {@code couponId} if it has one shared code
     */
    public static void requireCampaign(CouponRecord coupon) {
        Checks.notNull(coupon, "coupon");
        requireCampaign(coupon.id(), coupon.definition().code(), coupon.definition().codes());
    }

    /**
     * @param couponId the coupon codes are added to
     * @param code its own code
     * @param mode its code mode
     * @throws InvalidInputException naming {@code couponId} if it has one shared code
     */
    public static void requireCampaign(CouponId couponId, CouponCode code, CodeMode mode) {
        if (mode != CodeMode.UNIQUE) {
            throw new InvalidInputException("couponId", "coupon " + couponId + " has one shared code (" + code
                    + "); unique codes are added to a coupon whose codes are UNIQUE");
        }
    }

    /**
     * The answer to a batch id stored already.
     *
     * @param stored the batch stored under the id
     * @param couponId the coupon the caller adds codes to
     * @return the stored batch, replayed
     * @throws ConflictException if the batch is another coupon's
     */
    public static CodeBatch replay(CodeBatch stored, CouponId couponId) {
        if (!stored.couponId().equals(couponId)) {
            throw new ConflictException("batch " + stored.batchId() + " added codes to coupon " + stored.couponId() + ", not "
                    + couponId);
        }
        return stored.asReplay();
    }

    /**
     * Takes the next chunk of a batch from its source: up to {@link #CHUNK} distinct codes, a code the
     * source gives twice within the chunk reported to it as taken (by the first); empty when the
     * source has no more. Every store takes a batch's codes this way.
     *
     * @param source the batch's codes
     * @return the chunk, in the source's order
     */
    public static java.util.List<CouponCode> nextChunk(CodeSource source) {
        java.util.LinkedHashSet<CouponCode> distinct = new java.util.LinkedHashSet<>();
        while (distinct.size() < CHUNK) {
            java.util.Optional<CouponCode> next = source.next();
            if (next.isEmpty()) {
                break;
            }
            if (!distinct.add(next.get())) {
                source.taken(next.get());
            }
        }
        return java.util.List.copyOf(distinct);
    }

    /**
     * @param count how many codes a batch would store
     * @throws InvalidInputException naming {@code codes} if it is more than {@link CodeBatch#MAX_CODES}
     */
    public static void checkCount(long count) {
        if (count > CodeBatch.MAX_CODES) {
            throw new InvalidInputException("codes", "a batch adds at most " + CodeBatch.MAX_CODES + " codes");
        }
    }

    /**
     * @param asked the codes a {@link CodeStore#taken} call asks about
     * @throws InvalidInputException naming {@code codes} if there are more than {@link #CHUNK}
     */
    public static void checkAsked(Collection<CouponCode> asked) {
        Checks.notNull(asked, "codes");
        if (asked.size() > CHUNK) {
            throw new InvalidInputException("codes", "ask about at most " + CHUNK + " codes at once, not " + asked.size());
        }
    }
}
