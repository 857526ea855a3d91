package dev.couponkernel.spi.error;

/**
 * A write that conflicts with what is stored: a stale version (someone else changed the coupon since it was read), a code that another coupon already has, or a redeem naming another order than the one the usage was redeemed for. Nothing was written; re-read and decide.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConflictException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the subject
     */
    public ConflictException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the subject
     * @param cause the underlying failure
     */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
