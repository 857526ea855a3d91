package dev.couponkernel.core.internal.wire;

/**
 * JSON that does not describe a valid kernel value, at a JSONPath. The JSON modules turn it into
 * their own public exception, with the parser's location. Immutable.
 */
public final class WireReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jsonPath;
    private final String problem;

    /**
     * @param jsonPath where in the document the problem is
     * @param problem what is wrong, as a sentence without the path
     * @param cause the underlying failure, or null
     */
    public WireReadException(String jsonPath, String problem, Throwable cause) {
        super(jsonPath + ": " + problem, cause);
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    /** @return where the problem is, a JSONPath from {@code $} */
    public String jsonPath() {
        return jsonPath;
    }

    /** @return what is wrong, without the path */
    public String problem() {
        return problem;
    }
}
