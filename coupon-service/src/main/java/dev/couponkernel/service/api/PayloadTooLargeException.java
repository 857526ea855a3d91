package dev.couponkernel.service.api;

import java.io.IOException;

/** A request body longer than its endpoint takes; thrown while the body is read, so nothing is done. */
public final class PayloadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param limit the endpoint's limit in bytes */
    public PayloadTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
