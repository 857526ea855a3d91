package dev.couponkernel.examples;

import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.coupon.Coupon;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.LineAllocation;
import dev.couponkernel.core.pricing.LinePrice;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.PricingEngine;
import dev.couponkernel.core.pricing.PricingRequest;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.core.storage.InMemoryCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.ValidityPeriod;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A walk through the library for a newcomer: defines coupons of each kind, prices a cart with some of
 * them and prints the decision line by line. Run it with the first command of the README.
 */
public final class Demo {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Actor STAFF = Actor.of("staff:demo");

    private Demo() {}

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the demo, printing to a stream.
     *
     * @param out where to print
     * @return the decision the demo printed
     */
    public static PricingDecision run(PrintStream out) {
        out.println("Coupon Kernel demo: pricing a cart with coupons");
        out.println();

        // tag::quickstart[]
        Cart cart = Cart.of(Money.of("4.90", "EUR"),
                CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"),
                CartLine.of("L2", "SOCK-1", "acme", Money.of("5.00", "EUR"), 3, "socks"),
                CartLine.of("L3", "HAT-1", "hatco", Money.of("25.00", "EUR"), 1, "hats"));
        Customer customer = Customer.of("u-42", Instant.parse("2025-01-10T09:00:00Z"), 3);

        Coupon shoes20 = activate(CouponDefinition.builder("SHOES20")
                .percentOff(Percentage.of(20), Money.of("15.00", "EUR"))
                .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 0))
                .build());
        Coupon freeShip = activate(CouponDefinition.builder("FREESHIP").freeShipping().build());

        PricingDecision decision = PricingEngine.standard().price(
                PricingRequest.builder(cart, customer).at(NOW).coupons(shoes20, freeShip).build());
        // end::quickstart[]

        Coupon fiveOff = activate(CouponDefinition.builder("FIVEOFF")
                .amountOff(Money.of("5.00", "EUR"), Money.of("6.00", "USD"))
                .eligibility(EligibilityRules.anyone().withMinOrderAmount(Money.of("50.00", "EUR"), Money.of("60.00", "USD")))
                .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0))
                .build());
        Coupon vip = activate(CouponDefinition.builder("VIP30")
                .percentOff(30)
                .stacking(StackingRule.exclusive(StackingClass.ORDER, -1))
                .build());
        Coupon autumn = activate(CouponDefinition.builder("AUTUMN")
                .percentOff(15)
                .validity(ValidityPeriod.between(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")))
                .build());
        Map<String, Coupon> catalog = List.of(shoes20, freeShip, fiveOff, vip, autumn).stream()
                .collect(Collectors.toMap(c -> c.code().value(), Function.identity()));

        List<String> typed = List.of("shoes20", "FREESHIP", "fiveoff", "VIP30", "autumn", "XMAS24");
        out.println("Customer " + customer.id() + " types: " + String.join(", ", typed));
        decision = PricingEngine.standard().price(PricingRequest.builder(cart, customer).at(NOW)
                .codes(typed, code -> Optional.ofNullable(catalog.get(code.value())))
                .build());
        print(decision, out);

        out.println();
        out.println("Checkout: apply locks one use of each applied coupon, redeem makes it final");
        checkout(cart, customer, out);
        return decision;
    }

    private static void checkout(Cart cart, Customer customer, PrintStream out) {
        // tag::checkout[]
        CouponKernel kernel = CouponKernel.builder()
                .storage(InMemoryCouponStorage.create())
                .carts(cartId -> Optional.of(cart))
                .customers(userId -> Optional.of(customer))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .lockTtl(Duration.ofMinutes(15))
                .build();
        CouponRecord coupon = kernel.create(CouponDefinition.builder("LAST1").percentOff(10)
                .limits(UsageLimits.total(1)).build(), STAFF);
        kernel.activate(coupon.id(), STAFF);

        ApplyResult first = kernel.apply(ApplyRequest.of("checkout-1", "u-42", "cart-7", "LAST1"));
        ApplyResult second = kernel.apply(ApplyRequest.of("checkout-2", "u-42", "cart-7", "LAST1"));
        RedeemResult redeemed = kernel.redeem(CheckoutId.of("checkout-1"), OrderId.of("order-1001"), STAFF);
        // end::checkout[]

        out.println("  checkout-1 locked " + first.usages().size() + " use(s), discount " + first.decision().totalDiscount());
        out.println("  checkout-2 locked " + second.usages().size() + " use(s): "
                + second.decision().rejected().get(0).reason());
        out.println("  checkout-1 redeem for order-1001: " + redeemed.status());
        for (var entry : kernel.auditTrail(coupon.id())) {
            out.printf("  audit #%d %-22s %-20s %s%n", entry.sequence(), entry.action(), entry.actor(), entry.detail());
        }
    }

    private static Coupon activate(CouponDefinition definition) {
        return Coupon.create(CouponId.of("c-" + definition.code()), definition, NOW.minusSeconds(86_400), STAFF)
                .coupon().activate(NOW.minusSeconds(86_400), STAFF).coupon();
    }

    private static void print(PricingDecision decision, PrintStream out) {
        out.println();
        out.println("Applied coupons, in the order they were applied:");
        for (AppliedCoupon a : decision.applied()) {
            out.printf("  %-9s %-8s %-8s %12s%n", a.code(), a.discountType(), a.stackingClass(), "-" + a.amount());
            for (LineAllocation allocation : a.allocations()) {
                out.printf("      line %-4s %12s%n", allocation.lineId(), "-" + allocation.amount());
            }
            if (!a.shippingDiscount().isZero()) {
                out.printf("      shipping  %12s%n", "-" + a.shippingDiscount());
            }
        }
        out.println();
        out.println("Rejected coupons:");
        for (RejectedCoupon r : decision.rejected()) {
            out.printf("  %-9s %-24s %s%n", r.code(), r.reason(), r.message());
        }
        out.println();
        out.println("Lines:");
        out.printf("  %-5s %12s %12s %12s%n", "line", "before", "discount", "after");
        for (LinePrice line : decision.lines()) {
            out.printf("  %-5s %12s %12s %12s%n", line.lineId(), line.before(), line.discount(), line.after());
        }
        out.printf("  %-5s %12s %12s %12s%n", "ship", decision.shipping(), decision.shippingDiscount(),
                decision.shipping().minus(decision.shippingDiscount()));
        out.println();
        out.printf("Total before %s, discount %s, customer pays %s%n",
                decision.totalBefore(), decision.totalDiscount(), decision.totalAfter());
    }
}
