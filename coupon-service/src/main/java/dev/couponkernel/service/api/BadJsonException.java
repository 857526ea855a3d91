package dev.couponkernel.service.api;

/** A request body that does not read: where (a JSON path from the body's root) and what is wrong. */
public final class BadJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String jsonPath;
    private final String problem;

    /**
     * @param jsonPath where, from the body's root ({@code $.discount.percent})
     * @param problem what is wrong there
     */
    public BadJsonException(String jsonPath, String problem) {
        super(jsonPath + ": " + problem);
        this.jsonPath = jsonPath;
        this.problem = problem;
    }

    /** @return where, from the body's root */
    public String jsonPath() {
        return jsonPath;
    }

    /** @return what is wrong there */
    public String problem() {
        return problem;
    }
}
