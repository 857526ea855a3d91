package dev.couponkernel.spi.coupon;

/**
 * Why a coupon was not applied, machine-readable. Each reason has a default message a host can show
 * or replace with its own wording.
 */
public enum RejectionReason {
    /** No coupon has this code. */
    UNKNOWN_CODE("This code does not exist."),
    /** The same code was requested twice; the second is ignored. */
    DUPLICATE_CODE("This code was already entered."),
    /** The coupon is still a draft. */
    NOT_ACTIVE("This coupon is not active yet."),
    /** The coupon is suspended (the fraud guard saw an attack on it) until staff lift the suspension. */
    SUSPENDED("This coupon is paused right now; please try again later."),
    /** The coupon was disabled. */
    DISABLED("This coupon has been disabled."),
    /** The validity period has not started. */
    NOT_YET_VALID("This coupon is not valid yet."),
    /** The validity period has ended. */
    EXPIRED("This coupon has expired."),
    /** Every use of the coupon is taken. */
    TOTAL_LIMIT_REACHED("This coupon has been used up."),
    /** The code, one of a campaign's unique codes, has been used as often as its per-code limit allows. */
    CODE_USED_UP("This code has already been used."),
    /** The code, one of a campaign's unique codes, was voided. */
    CODE_VOIDED("This code is no longer valid."),
    /**
     * The coupon's money budget cannot cover this discount: the discounts of its locked and redeemed
     * uses would add up to more than the budget in the cart's currency (or it has none in it).
     */
    BUDGET_EXHAUSTED("This coupon's budget has been used up."),
    /** The customer has used the coupon as often as allowed. */
    USER_LIMIT_REACHED("You have already used this coupon as often as allowed."),
    /** The coupon defines no amount in the cart's currency. */
    CURRENCY_NOT_SUPPORTED("This coupon cannot be used in this currency."),
    /** No line of the cart is in the coupon's scope (sellers, products, categories). */
    NO_ELIGIBLE_LINES("No item in the cart qualifies for this coupon."),
    /** The eligible lines add up to less than the minimum order amount. */
    MIN_ORDER_AMOUNT_NOT_MET("The qualifying items do not reach the minimum order amount."),
    /** The eligible lines hold fewer items than the minimum quantity. */
    MIN_QUANTITY_NOT_MET("The cart does not hold enough qualifying items."),
    /** The coupon is for a customer's first order only. */
    FIRST_ORDER_ONLY("This coupon is for a first order only."),
    /** The customer is in none of the coupon's segments. */
    CUSTOMER_NOT_ELIGIBLE("This coupon is not available for your account."),
    /**
     * A condition the host registered refused the coupon; {@code RejectedCoupon.hostReason()} holds
     * the condition's own reason code and the message its explanation.
     */
    CONDITION_NOT_MET("This coupon's conditions are not met."),
    /** The coupon is not offered in this sales channel. */
    CHANNEL_NOT_ELIGIBLE("This coupon cannot be used here."),
    /** An applied coupon with priority does not combine with this one. */
    NOT_COMBINABLE("This coupon cannot be combined with another coupon in the cart."),
    /** The request already holds the most coupons allowed. */
    MAX_COUPONS_EXCEEDED("No more coupons can be added to this cart."),
    /** Coupons applied before this one left nothing for it to take off. */
    NOTHING_TO_DISCOUNT("There is nothing left for this coupon to discount."),
    /** The checkout already ended (redeemed, released, or its lock expired); a new checkout is needed. */
    CHECKOUT_CLOSED("This checkout has ended; please start again."),
    /**
     * The checkout belongs to the customer who first locked a use on it; nobody else can apply,
     * redeem or release on it. The message does not say who that is.
     */
    CHECKOUT_OF_ANOTHER_CUSTOMER("This checkout belongs to another account."),
    /**
     * The fraud guard blocked the attempt. The message says nothing about why, so that an abuser
     * learns nothing; the evidence is in the audit trail, the event and the attempt log.
     */
    SUSPECTED_FRAUD("This code cannot be used right now.");

    private final String defaultMessage;

    RejectionReason(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** @return a message a host can show a customer */
    public String defaultMessage() {
        return defaultMessage;
    }
}
