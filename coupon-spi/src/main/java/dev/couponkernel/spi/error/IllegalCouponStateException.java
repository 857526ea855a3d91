package dev.couponkernel.spi.error;

/**
 * A command that is not allowed in the current state of a coupon or a usage, for example activating
 * a disabled coupon or redeeming a usage that was already released. Nothing was written.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IllegalCouponStateException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /** What is in the wrong state. */
    private final String subject;
    /** The state it is in. */
    private final String currentState;

    /**
     * Creates the exception.
     *
     * @param subject what the command was about, for example a coupon id or a checkout id
     * @param currentState the state the subject is in
     * @param message why the command is not allowed in that state
     */
    public IllegalCouponStateException(String subject, String currentState, String message) {
        super(subject + " is " + currentState + ": " + message);
        this.subject = subject;
        this.currentState = currentState;
    }

    /**
     * Returns what the command was about.
     *
     * @return the subject, for example a coupon id or a checkout id
     */
    public String subject() {
        return subject;
    }

    /**
     * Returns the state the subject was in when the command was refused.
     *
     * @return the current state
     */
    public String currentState() {
        return currentState;
    }
}
