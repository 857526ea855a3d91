package dev.couponkernel.core;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.internal.Checks;
import java.util.List;

/** Checks shared by the request types. Stateless. */
final class Requests {

    private Requests() {}

    /**
     * Copies a request's codes, refusing a null list, a null code and more than {@link
     * CouponKernel#MAX_CODES_PER_REQUEST} codes before anything is read.
     */
    static List<String> codes(List<String> codes) {
        Checks.notNull(codes, "codes");
        if (codes.size() > CouponKernel.MAX_CODES_PER_REQUEST) {
            throw new InvalidInputException("codes", "holds " + codes.size() + " codes; a request carries at most "
                    + CouponKernel.MAX_CODES_PER_REQUEST);
        }
        for (String code : codes) {
            Checks.notNull(code, "codes element");
        }
        return List.copyOf(codes);
    }
}
