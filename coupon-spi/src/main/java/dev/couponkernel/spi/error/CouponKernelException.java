package dev.couponkernel.spi.error;

/**
 * The root of every exception the library throws.
 *
 * <p>Exceptions are for bad input, broken invariants and infrastructure failures. Business outcomes
 * (an ineligible coupon, a limit reached, a fraud block) are never exceptions: they are values with
 * a reason code.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract class CouponKernelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, specific enough to act on
     */
    protected CouponKernelException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, specific enough to act on
     * @param cause the underlying failure
     */
    protected CouponKernelException(String message, Throwable cause) {
        super(message, cause);
    }
}
