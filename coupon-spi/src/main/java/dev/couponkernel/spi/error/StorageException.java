package dev.couponkernel.spi.error;

/**
 * A store failed for a reason outside the library's rules: a lost connection, a timeout, a constraint the database enforced. The atomic unit the store was running was rolled back; retrying the command with the same idempotency key is safe.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StorageException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the subject
     */
    public StorageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened, naming the subject
     * @param cause the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
