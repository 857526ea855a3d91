package dev.couponkernel.spi.store;

import dev.couponkernel.spi.internal.Checks;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;

/**
 * A batch of unique codes added to a coupon at once: generated or imported. Its id makes adding it
 * idempotent: a batch id already stored answers the stored batch and adds nothing. Immutable and
 * thread-safe.
 *
 * @param batchId the batch's id, chosen by the caller
 * @param couponId the coupon it added codes to
 * @param added how many codes it added
 * @param createdAt when it was stored
 * @param replayed whether this answer is of a batch stored before (nothing was added by this call)
 */
public record CodeBatch(String batchId, CouponId couponId, long added, Instant createdAt, boolean replayed) {

    /** The most codes one batch adds. */
    public static final int MAX_CODES = 1_000_000;

    /** The most characters of a batch id. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Validates the parts.
     *
     * @param batchId the batch's id
     * @param couponId the coupon
     * @param added how many codes it added
     * @param createdAt when it was stored
     * @param replayed whether it was stored before
     */
    public CodeBatch {
        checkId(batchId);
        Checks.notNull(couponId, "couponId");
        Checks.nonNegative(added, "added");
        Checks.notNull(createdAt, "createdAt");
    }

    /**
     * @param batchId a batch id as a caller gives it
     * @return it, checked: 1 to {@value #MAX_ID_LENGTH} printable characters
     * @throws dev.couponkernel.spi.error.InvalidInputException naming {@code batchId} otherwise
     */
    public static String checkId(String batchId) {
        return Checks.text(batchId, "batchId", MAX_ID_LENGTH);
    }

    /** @return this batch as a replay: stored before, nothing added now */
    public CodeBatch asReplay() {
        return new CodeBatch(batchId, couponId, added, createdAt, true);
    }
}
