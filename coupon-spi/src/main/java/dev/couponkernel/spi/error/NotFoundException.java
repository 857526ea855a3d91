package dev.couponkernel.spi.error;

/**
 * A command named something that does not exist, such as an unknown coupon id. Nothing was written.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NotFoundException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the subject
     */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the subject
     * @param cause the underlying failure
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
