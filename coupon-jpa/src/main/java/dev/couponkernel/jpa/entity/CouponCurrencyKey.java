package dev.couponkernel.jpa.entity;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a coupon's budget row (coupon and currency), for the persistence provider. Not thread-safe. */
public class CouponCurrencyKey implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Column {@code coupon_id}. */
    private String couponId;
    /** Column {@code currency}. */
    private String currency;

    /** For the persistence provider. */
    public CouponCurrencyKey() {}

    /**
     * @param couponId the first key column
     * @param currency the second key column
     */
    public CouponCurrencyKey(String couponId, String currency) {
        this.couponId = couponId;
        this.currency = currency;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CouponCurrencyKey k && Objects.equals(couponId, k.couponId) && Objects.equals(currency, k.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(couponId, currency);
    }
}
