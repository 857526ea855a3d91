package dev.couponkernel.service.api;

/** A query parameter or path segment that is wrong: which, and why. */
public final class BadParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter's name
     * @param problem what is wrong with it
     */
    public BadParameterException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    /** @return the parameter's name */
    public String parameter() {
        return parameter;
    }
}
