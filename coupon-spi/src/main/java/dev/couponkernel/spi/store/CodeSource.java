package dev.couponkernel.spi.store;

import dev.couponkernel.spi.value.CouponCode;
import java.util.Optional;

/**
 * The codes a {@link CodeStore#addCodes} call stores, taken one at a time. A store takes codes in
 * chunks, looks up which of a chunk are stored already (by any coupon, as a shared or a unique code)
 * and tells the source of each through {@link #taken}; it stores the others. A generator answers a
 * taken code with one more code; an import fails. Not thread-safe: one call uses it.
 */
public interface CodeSource {

    /**
     * @return the next code, distinct from every code this source gave before; empty when there are no
     *     more
     */
    Optional<CouponCode> next();

    /**
     * Hears that a code it gave is stored already; the store does not store it. The source may throw
     * (a {@link dev.couponkernel.spi.error.ConflictException}) to fail the whole call, which then
     * stores nothing.
     *
     * @param code the code
     */
    void taken(CouponCode code);
}
