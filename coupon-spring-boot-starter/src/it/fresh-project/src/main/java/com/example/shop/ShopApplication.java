package com.example.shop;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.port.CartSource;
import dev.couponkernel.spi.port.CustomerDirectory;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A shop's application: its carts and customers, and the kernel from the starter. */
// tag::spring-shop[]
@SpringBootApplication
public class ShopApplication {

    @Bean
    CartSource carts() {                 // the shop's carts, priced by the kernel, never a client's total
        return id -> Optional.of(Cart.of(Money.of("4.90", "EUR"),
                CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes")));
    }

    @Bean
    CustomerDirectory customers() {      // the shop's customers, for eligibility and the fraud guard
        return id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 3));
    }
    // end::spring-shop[]

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = SpringApplication.run(ShopApplication.class, args)) {
            // tag::spring-use[]
            CouponKernel kernel = context.getBean(CouponKernel.class);   // or inject it
            Actor staff = Actor.of("staff:ana");
            CouponRecord coupon = kernel.create(CouponDefinition.builder("WELCOME10").percentOff(10)
                    .limits(UsageLimits.of(1_000, 1)).build(), staff);
            kernel.activate(coupon.id(), staff);

            PricingDecision priced = kernel.validate(ValidateRequest.of("u-1", "cart-1", "WELCOME10"));
            check(priced.totalDiscount().equals(Money.of("6.00", "EUR")), "priced " + priced.totalDiscount());
            ApplyResult applied = kernel.apply(ApplyRequest.of("checkout-1", "u-1", "cart-1", "WELCOME10"));
            check(applied.usages().size() == 1, "locked " + applied.usages());
            RedeemResult redeemed = kernel.redeem(CheckoutId.of("checkout-1"), UserId.of("u-1"), OrderId.of("order-1"), staff);
            check(redeemed.status() == RedeemResult.Status.REDEEMED, "redeemed " + redeemed.status());
            // end::spring-use[]
            check(kernel.verifyAuditTrail(coupon.id()).isIntact(), "audit trail intact");
            System.out.println("fresh project: priced " + priced.totalDiscount() + " off, locked, redeemed, audit intact");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the fresh project's kernel failed: " + what);
        }
    }
}
