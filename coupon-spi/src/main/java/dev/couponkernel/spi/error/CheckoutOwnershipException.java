package dev.couponkernel.spi.error;

/**
 * A customer acted on a checkout that belongs to another customer: a checkout belongs to the
 * customer who first locked a use on it, and nobody else can apply, redeem or release on it. Nothing
 * was written by the refused command; the kernel audits the attempt on the checkout's coupons and
 * raises a security alert. The message names the checkout, never its owner.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckoutOwnershipException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /** The checkout, as text. */
    private final String checkoutId;

    /**
     * Creates the exception.
     *
     * @param checkoutId the checkout, as text
     */
    public CheckoutOwnershipException(String checkoutId) {
        super("checkout " + checkoutId + " belongs to another customer");
        this.checkoutId = checkoutId;
    }

    /** @return the checkout the customer tried to use, as text */
    public String checkoutId() {
        return checkoutId;
    }
}
