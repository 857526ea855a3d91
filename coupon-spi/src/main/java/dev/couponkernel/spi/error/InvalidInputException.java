package dev.couponkernel.spi.error;

/**
 * Bad input: a value that can never be valid, such as a negative price, a malformed coupon code,
 * mixed currencies in one cart or limits that contradict each other. Nothing was written.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class InvalidInputException extends CouponKernelException {

    private static final long serialVersionUID = 1L;

    /** The field the input is wrong in. */
    private final String field;

    /** What is wrong with it. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param field the name of the offending field or argument, for example {@code "cart.lines[2].quantity"}
     * @param message what is wrong with it
     */
    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.problem = message;
    }

    /**
     * Returns the name of the offending field or argument.
     *
     * @return the field name, never null
     */
    public String field() {
        return field;
    }

    /**
     * Returns what is wrong, without the field's name (the message is {@code field + ": " + problem}).
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
