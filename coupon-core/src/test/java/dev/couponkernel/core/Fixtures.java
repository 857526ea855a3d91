package dev.couponkernel.core;

import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import java.time.Instant;

/** Shared test data: the example cart of docs/discount_rules.md and helpers to make coupons. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    public static final Actor STAFF = Actor.of("staff:test");

    private Fixtures() {}

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    /** The example cart: shoes 2 x 30.00, socks 3 x 5.00, a hat 1 x 25.00; shipping 4.90. */
    public static Cart exampleCart() {
        return Cart.of(
                eur("4.90"),
                CartLine.of("L1", "SHOE-1", "acme", eur("30.00"), 2, "shoes"),
                CartLine.of("L2", "SOCK-1", "acme", eur("5.00"), 3, "socks"),
                CartLine.of("L3", "HAT-1", "hatco", eur("25.00"), 1, "hats"));
    }

    public static Customer regular() {
        return Customer.of("u-1", NOW.minusSeconds(86_400L * 365), 4, "regular");
    }

    public static Coupon active(CouponDefinition definition) {
        return draft(definition).activate(NOW.minusSeconds(3600), STAFF).coupon();
    }

    public static Coupon draft(CouponDefinition definition) {
        return Coupon.create(CouponId.of("c-" + definition.code().value()), definition, NOW.minusSeconds(7200), STAFF)
                .coupon();
    }
}
