package dev.couponkernel.testkit;

import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.event.CouponDisabled;
import dev.couponkernel.spi.store.CouponStorage;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared set-up for the contracts: a fixed start instant, and coupons stored through the storage's
 * own repository so that stores with foreign keys from usages to coupons work. Not thread-safe
 * except {@link #lock}, which only reads its fields.
 */
public final class StorageFixture {

    /** The instant contract tests start at. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The time-to-live of locks in the contracts. */
    public static final Duration TTL = Duration.ofMinutes(15);
    /** The actor of contract operations. */
    public static final Actor ACTOR = Actor.of("test:contract");

    private static final AtomicInteger COUPONS = new AtomicInteger();

    private final CouponStorage storage;

    /**
     * @param storage the storage under test
     */
    public StorageFixture(CouponStorage storage) {
        this.storage = storage;
    }

    /** @return the storage under test */
    public CouponStorage storage() {
        return storage;
    }

    /**
     * Stores a new coupon with these limits and returns its record.
     *
     * @param limits the limits
     * @return the stored record
     */
    public CouponRecord coupon(UsageLimits limits) {
        return coupon(limits, CouponStatus.ACTIVE);
    }

    /**
     * Stores a new coupon with these limits in this status and returns its record.
     *
     * @param limits the limits
     * @param status DRAFT, ACTIVE or DISABLED
     * @return the stored record
     */
    public CouponRecord coupon(UsageLimits limits, CouponStatus status) {
        int n = COUPONS.incrementAndGet();
        CouponDefinition definition = CouponDefinition.builder("TK" + n + "X" + Long.toString(System.nanoTime(), 36))
                .percentOff(10).limits(limits).build();
        CouponRecord record = new CouponRecord(CouponId.of("tk-coupon-" + n + "-" + System.nanoTime()), definition,
                status, 0, T0, T0);
        return storage.coupons().save(record, new CouponCreated(record.id(), definition.code(), T0, ACTOR));
    }

    /**
     * Disables a stored coupon through the repository.
     *
     * @param coupon the coupon as last stored
     * @param at when
     * @return the stored record
     */
    public CouponRecord disable(CouponRecord coupon, Instant at) {
        CouponRecord disabled = new CouponRecord(coupon.id(), coupon.definition(), CouponStatus.DISABLED, coupon.version(),
                coupon.createdAt(), at);
        return storage.coupons().save(disabled, new CouponDisabled(coupon.id(), coupon.definition().code(), at, ACTOR,
                "campaign stopped"));
    }

    /**
     * Locks a coupon for a checkout at an instant, with the coupon's own limits and {@link #TTL}.
     *
     * @param coupon the coupon
     * @param user the customer
     * @param checkout the checkout
     * @param at the instant
     * @return the outcome
     */
    public LockOutcome lock(CouponRecord coupon, String user, String checkout, Instant at) {
        return storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(), UserId.of(user),
                CheckoutId.of(checkout), coupon.definition().limits(), at, at.plus(TTL), ACTOR));
    }

    /**
     * Locks a coupon for a checkout at an instant, saying the discount the use takes (what a budget
     * reserves), with the coupon's own limits and {@link #TTL}.
     *
     * @param coupon the coupon
     * @param user the customer
     * @param checkout the checkout
     * @param at the instant
     * @param discount the discount, as {@code "6.00 EUR"}
     * @return the outcome
     */
    public LockOutcome lock(CouponRecord coupon, String user, String checkout, Instant at, String discount) {
        String[] parts = discount.split(" ");
        return storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(), UserId.of(user),
                CheckoutId.of(checkout), coupon.definition().limits(), at, at.plus(TTL), ACTOR,
                dev.couponkernel.spi.value.Money.of(parts[0], parts[1])));
    }

    /**
     * Stores a new active campaign (a coupon of unique codes) with these limits.
     *
     * @param limits the limits (a per-code limit among them)
     * @return the stored record
     */
    public CouponRecord campaign(UsageLimits limits) {
        int n = COUPONS.incrementAndGet();
        CouponDefinition definition = CouponDefinition.builder("TKC" + n + "X" + Long.toString(System.nanoTime(), 36))
                .percentOff(10).limits(limits).codes(dev.couponkernel.spi.coupon.CodeMode.UNIQUE).build();
        CouponRecord record = new CouponRecord(CouponId.of("tk-campaign-" + n + "-" + System.nanoTime()), definition,
                CouponStatus.ACTIVE, 0, T0, T0);
        return storage.coupons().save(record, new CouponCreated(record.id(), definition.code(), T0, ACTOR));
    }

    /**
     * Adds codes to a campaign as one batch; the codes the store holds already are skipped.
     *
     * @param campaign the campaign
     * @param batchId the batch's id
     * @param codes the codes
     * @return the batch
     */
    public dev.couponkernel.spi.store.CodeBatch addCodes(CouponRecord campaign, String batchId, String... codes) {
        return addCodes(campaign, batchId, java.util.Arrays.stream(codes).map(dev.couponkernel.spi.value.CouponCode::parse)
                .iterator(), new java.util.ArrayList<>());
    }

    /**
     * Adds codes to a campaign as one batch, collecting those the store holds already.
     *
     * @param campaign the campaign
     * @param batchId the batch's id
     * @param codes the codes
     * @param taken collects the codes reported taken
     * @return the batch
     */
    public dev.couponkernel.spi.store.CodeBatch addCodes(CouponRecord campaign, String batchId,
            java.util.Iterator<dev.couponkernel.spi.value.CouponCode> codes, java.util.List<dev.couponkernel.spi.value.CouponCode> taken) {
        return storage.codes().addCodes(campaign.id(), batchId, new dev.couponkernel.spi.store.CodeSource() {
            @Override
            public java.util.Optional<dev.couponkernel.spi.value.CouponCode> next() {
                return codes.hasNext() ? java.util.Optional.of(codes.next()) : java.util.Optional.empty();
            }

            @Override
            public void taken(dev.couponkernel.spi.value.CouponCode code) {
                taken.add(code);
            }
        }, T0, ACTOR);
    }

    /**
     * Locks one of a campaign's codes for a checkout, with the campaign's own limits and {@link #TTL}.
     *
     * @param campaign the campaign
     * @param code the code typed
     * @param user the customer
     * @param checkout the checkout
     * @param at the instant
     * @return the outcome
     */
    public LockOutcome lockCode(CouponRecord campaign, String code, String user, String checkout, Instant at) {
        return storage.ledger().lock(new LockRequest(campaign.id(), dev.couponkernel.spi.value.CouponCode.parse(code),
                UserId.of(user), CheckoutId.of(checkout), campaign.definition().limits(), at, at.plus(TTL), ACTOR));
    }
}
