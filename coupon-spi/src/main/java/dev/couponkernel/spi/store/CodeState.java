package dev.couponkernel.spi.store;

/**
 * Where one of a campaign's unique codes stands, as an export shows it.
 */
public enum CodeState {
    /** Never used, or every use was released or reinstated. */
    UNUSED,
    /** A checkout holds a lock on it (for a multi-use code: at least one more than it has redeemed). */
    LOCKED,
    /** Its uses are redeemed (none is locked). */
    REDEEMED,
    /** Voided: no checkout can use it again, whatever its uses. */
    VOIDED
}
