package dev.couponkernel.spi.store;

/**
 * Where a usage is: locked during checkout, then redeemed or released; a redeemed usage may later be
 * reinstated when its order is cancelled or refunded. RELEASED and REINSTATED are final. A usage
 * counts against the limits while LOCKED or REDEEMED.
 */
public enum UsageStatus {
    /** Reserved for a checkout and counted against the limits until it is redeemed, released or expires. */
    LOCKED,
    /** The order exists; the usage counts until it is reinstated, if ever. */
    REDEEMED,
    /** The checkout failed or its lock expired; the usage no longer counts. */
    RELEASED,
    /**
     * The order it was redeemed for was cancelled or refunded and the use was given back: the usage
     * no longer counts, keeps its order id, and stays in the ledger as history.
     */
    REINSTATED;

    /** @return whether a usage in this status counts against the limits: LOCKED or REDEEMED */
    public boolean counts() {
        return switch (this) {
            case LOCKED, REDEEMED -> true;
            case RELEASED, REINSTATED -> false;
        };
    }
}
