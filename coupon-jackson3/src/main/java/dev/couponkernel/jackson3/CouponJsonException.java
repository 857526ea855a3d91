package dev.couponkernel.jackson3;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/**
 * JSON that does not describe a valid kernel value: a missing required field, a value of the wrong
 * type, money with a fraction its currency does not have or given as a number, an unknown currency,
 * a malformed coupon code, an unknown event type, an unknown field where none is allowed, or (from
 * {@link CouponJson}) text that is not JSON at all. The message says what is wrong and
 * {@link #jsonPath()} where, as a JSONPath such as {@code $.cart.lines[2].unitPrice.amount}.
 *
 * <p>It is the only exception the module's readers throw for bad input; nothing half-built is
 * returned. It extends Jackson's {@link DatabindException} (unchecked in Jackson 3), so a mapper
 * passes it through unchanged. Immutable.
 */
public final class CouponJsonException extends DatabindException {

    private static final long serialVersionUID = 1L;

    /** Where in the document the problem is, as a JSONPath. */
    private final String jsonPath;
    /** What is wrong, as a sentence without the path. */
    private final String problem;

    /**
     * @param parser the parser that read the input, for its location; may be null
     * @param jsonPath where in the document the problem is
     * @param problem what is wrong, as a sentence without the path
     * @param cause the underlying failure, or null
     */
    public CouponJsonException(JsonParser parser, String jsonPath, String problem, Throwable cause) {
        super(parser, jsonPath + ": " + problem, cause);
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    /**
     * Returns where the problem is.
     *
     * @return a JSONPath from the document's root ({@code $}), for example {@code $.lines[0].quantity}
     */
    public String jsonPath() {
        return jsonPath;
    }

    /**
     * Returns what is wrong, without the path.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
