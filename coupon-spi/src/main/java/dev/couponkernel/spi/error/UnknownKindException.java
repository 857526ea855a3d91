package dev.couponkernel.spi.error;

/**
 * A stored or received coupon uses a host-defined discount kind or eligibility condition that this
 * kernel does not register, for example after the host removed a kind while coupons of it remain.
 * The kernel never guesses what such a coupon gives: pricing it fails naming the kind, and the
 * host either registers the kind again or disables the coupon. Nothing was written.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UnknownKindException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /** The kind's name. */
    private final String kind;

    /**
     * Creates the exception.
     *
     * @param kind the kind's name
     * @param message which coupon uses it and what the kernel knows
     */
    public UnknownKindException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @return the kind's name */
    public String kind() {
        return kind;
    }
}
