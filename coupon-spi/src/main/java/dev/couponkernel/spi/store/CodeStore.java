package dev.couponkernel.spi.store;

import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.CouponId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The unique codes of coupons that are campaigns ({@link dev.couponkernel.spi.coupon.CodeMode#UNIQUE}).
 * Every code a customer can type, a shared coupon's code or a campaign's unique code, is stored once
 * in one namespace (a unique index), so a code belongs to exactly one coupon. A code's counts change
 * only through the {@link UsageLedger}, under its coupon's counter lock; voiding a code takes that
 * lock too, so a void and a lock are ordered.
 *
 * <p>Implementations must be thread-safe.
 */
public interface CodeStore {

    /**
     * Adds a batch of codes to a campaign, in one transaction: every code the source gives that no
     * coupon holds yet, the batch row, a {@code CODES_ADDED} audit entry and a
     * {@link dev.couponkernel.spi.event.CouponCodesAdded} event. Codes the store holds already are
     * reported to the source ({@link CodeSource#taken}) and not stored. Memory stays flat in the count:
     * codes are taken and written in chunks.
     *
     * @param couponId a coupon of unique codes
     * @param batchId the batch's id: a batch id stored already answers that batch (replayed) and takes
     *     nothing from the source; one of another coupon is a conflict
     * @param source the codes
     * @param at when
     * @param actor who
     * @return the batch stored
     * @throws dev.couponkernel.spi.error.NotFoundException if the coupon is not stored
     * @throws dev.couponkernel.spi.error.InvalidInputException naming {@code couponId} if the coupon has
     *     one shared code, or {@code codes} if the source gives more than {@link CodeBatch#MAX_CODES}
     * @throws dev.couponkernel.spi.error.ConflictException if the batch id is another coupon's, or the
     *     source refused a taken code; nothing is stored
     */
    CodeBatch addCodes(CouponId couponId, String batchId, CodeSource source, Instant at, Actor actor);

    /**
     * @param batchId a batch id
     * @return the batch stored under it, as stored (not replayed)
     */
    Optional<CodeBatch> batch(String batchId);

    /**
     * @param code a code
     * @return its row, when it is one of a campaign's unique codes (a shared code has none)
     */
    Optional<CodeRecord> find(CouponCode code);

    /**
     * @param codes up to 1,000 codes
     * @return those of them that are stored: any coupon's shared code or any campaign's unique code
     */
    Set<CouponCode> taken(Collection<CouponCode> codes);

    /**
     * Voids one of a campaign's codes: no lock can take it again; its usages stay as they are (a
     * locked one may still be redeemed or released). Audited ({@code CODE_VOIDED}) with a
     * {@link dev.couponkernel.spi.event.CouponCodeVoided} event in the same transaction. Voiding a
     * voided code changes nothing and answers it as it is.
     *
     * @param code the code
     * @param reason why, for the audit trail
     * @param at when
     * @param actor who
     * @return the code as it is now
     * @throws dev.couponkernel.spi.error.NotFoundException if no campaign holds the code
     */
    CodeRecord voidCode(CouponCode code, String reason, Instant at, Actor actor);

    /**
     * Streams a campaign's codes in the order they were added (batch after batch, each batch in its
     * source's order) to a consumer, reading them in chunks (memory flat in the count). The rows are
     * read in one snapshot where the store has one.
     *
     * @param couponId the coupon
     * @param sink takes each code
     * @return how many codes were given to the sink
     */
    long export(CouponId couponId, Consumer<CodeRecord> sink);

    /**
     * @param couponId a coupon
     * @return how many unique codes it holds
     */
    long count(CouponId couponId);
}
