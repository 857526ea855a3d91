package dev.couponkernel.examples;

import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.csv.CampaignCsv;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.store.CodeBatch;
import dev.couponkernel.spi.store.CodeState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.couponkernel.core.ApplyRequest;
import dev.couponkernel.core.ApplyResult;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.ValidateRequest;
import dev.couponkernel.core.fraud.AutoSuspend;
import dev.couponkernel.core.fraud.CouponFraudRules;
import dev.couponkernel.core.fraud.FraudGuard;
import dev.couponkernel.core.pricing.AppliedCoupon;
import dev.couponkernel.core.pricing.LineAllocation;
import dev.couponkernel.core.pricing.LinePrice;
import dev.couponkernel.core.pricing.PricingDecision;
import dev.couponkernel.core.pricing.RejectedCoupon;
import dev.couponkernel.jdbc.H2Files;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.coupon.EligibilityRules;
import dev.couponkernel.spi.coupon.ProductScope;
import dev.couponkernel.spi.coupon.RejectionReason;
import dev.couponkernel.spi.coupon.StackingClass;
import dev.couponkernel.spi.coupon.StackingRule;
import dev.couponkernel.spi.coupon.BuyXGetYDiscount;
import dev.couponkernel.spi.coupon.FixedPriceDiscount;
import dev.couponkernel.spi.coupon.HostDiscount;
import dev.couponkernel.spi.coupon.HostParameters;
import dev.couponkernel.spi.coupon.OrderAndShippingDiscount;
import dev.couponkernel.spi.value.CurrencyAmounts;
import dev.couponkernel.spi.coupon.PerUnitDiscount;
import dev.couponkernel.spi.coupon.TieredDiscount;
import dev.couponkernel.spi.error.CouponKernelException;
import dev.couponkernel.spi.event.CouponEvent;
import dev.couponkernel.spi.event.SecurityAlertRaised;
import dev.couponkernel.spi.fraud.ClientInfo;
import dev.couponkernel.spi.store.AuditVerification;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CartId;
import dev.couponkernel.spi.value.Category;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.Percentage;
import dev.couponkernel.spi.value.SellerId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A walk through the library for a newcomer, on embedded H2 by default or on PostgreSQL with {@code
 * --jdbc-url}: coupons of each kind, pricing a cart, the checkout saga, a flash sale, a fraud attack
 * and the audit chain. Run it with the first command of the README; {@code --help} lists the options.
 */
public final class Demo {

    private static final Actor STAFF = Actor.of("staff:demo");

    private Demo() {}

    /**
     * Runs the walk-through and exits with its status: 0 when it ran, 2 on a bad argument, 3 when the
     * database cannot be reached, 1 on any other failure.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the walk-through.
     *
     * @param args the arguments
     * @param out where the walk-through is printed
     * @param err where errors are printed
     * @return the exit status: 0 ran, 2 bad argument, 3 database unreachable, 1 other failure
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return 0;
        }
        String url = options.jdbcUrl() != null ? options.jdbcUrl()
                : H2Files.inMemory("coupon-demo-" + System.nanoTime());
        try (Connection c = options.user() == null ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, options.user(), options.password())) {
            out.println("Coupon Kernel walk-through on " + c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            err.println("error: cannot reach the database at " + url + ": " + e.getMessage());
            return 3;
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(options.user());
        pool.setPassword(options.password());
        pool.setMaximumPoolSize(16);
        pool.setPoolName("coupon-demo");
        try (HikariDataSource db = new HikariDataSource(pool)) {
            new Demo.Walk(db, options, out, out == System.out && System.console() != null).all();
            return 0;
        } catch (CouponKernelException | SQLException | InterruptedException e) {
            err.println("error: " + e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }
    }

    /** The walk-through's state: one database, one kernel, the shop's carts and customers. */
    private static final class Walk {
        private final DataSource db;
        private final DemoOptions options;
        private final PrintStream out;
        private final boolean live;
        private final DemoClock clock = new DemoClock(Instant.parse("2026-11-24T12:00:00Z"));
        private final Map<CartId, Cart> carts = new ConcurrentHashMap<>();
        private final Map<UserId, Customer> customers = new ConcurrentHashMap<>();
        private final List<CouponEvent> events = new CopyOnWriteArrayList<>();
        private final JdbcCouponStorage storage;
        private final CouponKernel kernel;
        private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(java.util.Locale.ROOT);

        Walk(DataSource db, DemoOptions options, PrintStream out, boolean live) {
            this.db = db;
            this.options = options;
            this.out = out;
            this.live = live;
            SchemaInstaller.install(db);
            // tag::quickstart[]
            storage = JdbcCouponStorage.on(db);                 // H2 or PostgreSQL, schema installed
            kernel = CouponKernel.builder()
                    .storage(storage)
                    .carts(cartId -> Optional.ofNullable(carts.get(cartId)))          // the host's carts
                    .customers(userId -> Optional.ofNullable(customers.get(userId)))  // the host's customers
                    .events(envelope -> events.add(envelope.event()))                 // the host's broker
                    .fraudGuard(FraudGuard.builder(storage.attempts()).standardProviders()
                            .couponRules(code("WELCOME"), CouponFraudRules.NONE
                                    .withAutoSuspend(AutoSuspend.after(Duration.ofMinutes(10), 10, 50)))
                            .build())
                    .clock(clock)
                    .lockTtl(Duration.ofMinutes(15))
                    .discountKind(new SpendAndSave())                                   // a kind of the shop's own
                    .build();
            // end::quickstart[]
            carts.put(CartId.of("cart-7"), Cart.of(Money.of("4.90", "EUR"),
                    CartLine.of("L1", "SHOE-1", "acme", Money.of("30.00", "EUR"), 2, "shoes"),
                    CartLine.of("L2", "SOCK-1", "acme", Money.of("5.00", "EUR"), 3, "socks"),
                    CartLine.of("L3", "HAT-1", "hatco", Money.of("25.00", "EUR"), 1, "hats")));
            customers.put(UserId.of("u-42"), Customer.of("u-42", Instant.parse("2025-01-10T09:00:00Z"), 3));
        }

        /** A code unique to this run, so that runs on one PostgreSQL database do not collide. */
        private String code(String base) {
            return base + "-" + run;
        }

        void all() throws SQLException, InterruptedException {
            Map<String, CouponRecord> coupons = coupons();
            pricing();
            saga();
            flashSale();
            campaign();
            fraud();
            audit(coupons);
        }

        private void heading(String title) {
            out.println();
            out.println("== " + title + " " + "=".repeat(Math.max(0, 74 - title.length())));
        }

        private CouponRecord activate(CouponDefinition definition) {
            CouponRecord created = kernel.create(definition, STAFF);
            return kernel.activate(created.id(), STAFF);
        }

        // 1. coupons of each kind
        private Map<String, CouponRecord> coupons() {
            heading("1. Coupons of each kind, created and activated");
            Map<String, CouponRecord> all = new LinkedHashMap<>();
            all.put("percent with a cap", activate(CouponDefinition.builder(code("SHOES20"))
                    .percentOff(Percentage.of(20), Money.of("15.00", "EUR"))
                    .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                    .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 0)).build()));
            all.put("fixed per currency", activate(CouponDefinition.builder(code("FIVEOFF"))
                    .amountOff(Money.of("5.00", "EUR"), Money.of("6.00", "USD"))
                    .eligibility(EligibilityRules.anyone().withMinOrderAmount(Money.of("50.00", "EUR"), Money.of("60.00", "USD")))
                    .stacking(StackingRule.stackableWithAll(StackingClass.ORDER, 0)).build()));
            all.put("free shipping", activate(CouponDefinition.builder(code("FREESHIP")).freeShipping().build()));
            all.put("seller-scoped", activate(CouponDefinition.builder(code("HATCO10")).percentOff(10)
                    .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().onlySellers(SellerId.of("hatco"))))
                    .stacking(StackingRule.stackableWithAll(StackingClass.PRODUCT, 1)).build()));
            all.put("exclusive", activate(CouponDefinition.builder(code("VIP30")).percentOff(30)
                    .stacking(StackingRule.exclusive(StackingClass.ORDER, -1)).build()));
            all.put("limited to one use", activate(CouponDefinition.builder(code("LAST1")).percentOff(10)
                    .limits(UsageLimits.total(1)).build()));
            all.put("tiered by subtotal", activate(CouponDefinition.builder(code("SPENDMORE"))
                    .discount(TieredDiscount.bySubtotal(TieredDiscount.Tier.basePercent(5),
                            TieredDiscount.Tier.percentFromSubtotal(Money.of("50.00", "EUR"), 10),
                            TieredDiscount.Tier.percentFromSubtotal(Money.of("100.00", "EUR"), 15)))
                    .build()));
            all.put("buy shoes, get socks", activate(CouponDefinition.builder(code("SHOESOCKS"))
                    .discount(BuyXGetYDiscount.free(1, 1, ProductScope.all().includingCategories(Category.of("socks"))).atMost(1))
                    .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("shoes"))))
                    .build()));
            all.put("order and shipping", activate(CouponDefinition.builder(code("ALLIN20"))
                    .discount(OrderAndShippingDiscount.amountOff(Money.of("20.00", "EUR"))).build()));
            all.put("3 for a price", activate(CouponDefinition.builder(code("THREEFOR"))
                    .discount(FixedPriceDiscount.setOf(3, Money.of("12.00", "EUR"))).build()));
            all.put("per unit, at most 2", activate(CouponDefinition.builder(code("SOCKS1"))
                    .discount(PerUnitDiscount.amountPerUnit(Money.of("1.00", "EUR")).upTo(2))
                    .eligibility(EligibilityRules.anyone().withScope(ProductScope.all().includingCategories(Category.of("socks"))))
                    .build()));
            all.put("the shop's own kind", activate(CouponDefinition.builder(code("SAVE2PER25"))
                    .discount(new HostDiscount(SpendAndSave.NAME, CurrencyAmounts.of("discount.amounts", Money.of("2.00", "EUR")),
                            HostParameters.of("step", "25")))
                    .build()));
            out.printf("  %-20s %-16s %-9s %-8s %s%n", "kind", "code", "type", "status", "limits");
            all.forEach((kind, c) -> out.printf("  %-20s %-16s %-9s %-8s %s%n", kind, c.definition().code(),
                    c.definition().discount().type(), c.status(), limits(c.definition().limits())));
            return all;
        }

        private static String limits(UsageLimits l) {
            String total = l.maxTotalUses().isPresent() ? l.maxTotalUses().getAsLong() + " in total" : "";
            String perUser = l.maxUsesPerUser().isPresent() ? l.maxUsesPerUser().getAsLong() + " per customer" : "";
            return total.isEmpty() && perUser.isEmpty() ? "unlimited" : (total + (total.isEmpty() || perUser.isEmpty() ? "" : ", ") + perUser);
        }

        // 2. pricing a cart
        private void pricing() {
            heading("2. Pricing a cart: 2 shoes (acme), 3 socks (acme), a hat (hatco), shipping 4.90 EUR");
            // five codes, the most one request carries by default (a sixth is refused as bad input)
            List<String> typed = List.of(code("shoes20"), code("FIVEOFF"), code("freeship"), code("HATCO10"), code("VIP30"));
            out.println("  customer u-42 types: " + String.join(", ", typed));
            PricingDecision decision = kernel.validate(new ValidateRequest(UserId.of("u-42"), CartId.of("cart-7"), typed, null));
            out.println();
            out.println("  applied, in the order they were applied:");
            for (AppliedCoupon a : decision.applied()) {
                out.printf("    %-16s %-8s %-8s %12s%n", a.code(), a.discountType(), a.stackingClass(), "-" + a.amount());
                for (LineAllocation allocation : a.allocations()) {
                    out.printf("        line %-4s %12s%n", allocation.lineId(), "-" + allocation.amount());
                }
                if (!a.shippingDiscount().isZero()) {
                    out.printf("        shipping  %12s%n", "-" + a.shippingDiscount());
                }
            }
            out.println("  rejected:");
            for (RejectedCoupon r : decision.rejected()) {
                out.printf("    %-16s %-20s %s%n", r.code(), r.reason(), r.message());
            }
            out.printf("  %-6s %12s %12s %12s%n", "line", "before", "discount", "after");
            for (LinePrice line : decision.lines()) {
                out.printf("  %-6s %12s %12s %12s%n", line.lineId(), line.before(), line.discount(), line.after());
            }
            out.printf("  %-6s %12s %12s %12s%n", "ship", decision.shipping(), decision.shippingDiscount(),
                    decision.shipping().minus(decision.shippingDiscount()));
            out.printf("  total before %s, discount %s, customer pays %s%n", decision.totalBefore(), decision.totalDiscount(),
                    decision.totalAfter());
        }

        // 3. the checkout saga
        private void saga() {
            heading("3. The checkout saga: success, failure, a lock that times out");
            CouponRecord save = activate(CouponDefinition.builder(code("SAVE5")).amountOff(Money.of("5.00", "EUR"))
                    .limits(UsageLimits.of(2, 2)).build());
            String code = save.definition().code().value();
            String checkout1 = "checkout-1-" + run;
            String checkout2 = "checkout-2-" + run;
            // tag::checkout[]
            ApplyResult applied = kernel.apply(ApplyRequest.of(checkout1, "u-42", "cart-7", code));
            // ... the host creates the order and takes the payment, then:
            RedeemResult redeemed = kernel.redeem(CheckoutId.of(checkout1), UserId.of("u-42"), OrderId.of("order-1001"), STAFF);
            // a checkout whose payment fails gives its use back:
            kernel.apply(ApplyRequest.of(checkout2, "u-42", "cart-7", code));
            ReleaseResult released = kernel.release(CheckoutId.of(checkout2), UserId.of("u-42"), "payment declined", STAFF);
            // end::checkout[]
            out.printf("  success: checkout-1 locked %d use, discount %s; redeem for order-1001: %s%n",
                    applied.usages().size(), applied.decision().totalDiscount(), redeemed.status());
            out.printf("  failure: checkout-2 locked, released (payment declined): %s; uses counted now: %d of 2%n",
                    released.status(), storage.ledger().count(save.id(), UserId.of("u-42")).total());

            String checkout3 = "checkout-3-" + run;
            kernel.apply(ApplyRequest.of(checkout3, "u-42", "cart-7", code));
            out.printf("  time-out: checkout-3 locked; uses counted: %d of 2; the customer walks away%n",
                    storage.ledger().count(save.id(), UserId.of("u-42")).total());
            clock.advance(Duration.ofMinutes(16));
            int expired = kernel.expireLocks(100);
            out.printf("            16 minutes later the sweep releases %d lock(s); uses counted: %d of 2%n", expired,
                    storage.ledger().count(save.id(), UserId.of("u-42")).total());
            RedeemResult late = kernel.redeem(CheckoutId.of(checkout3), OrderId.of("order-1003"), STAFF);
            out.printf("            a late redeem of checkout-3: %s (the host asks the customer to apply again)%n", late.status());
        }

        // 4. a flash sale
        private void flashSale() throws SQLException, InterruptedException {
            int people = options.customers();
            int uses = options.uses();
            heading("4. A flash sale: " + people + " customers race for a coupon with " + uses + " uses");
            CouponRecord flash = activate(CouponDefinition.builder(code("FLASH")).percentOff(50)
                    .limits(UsageLimits.of(uses, 1)).build());
            String code = flash.definition().code().value();
            for (int i = 0; i < people; i++) {
                customers.put(UserId.of("fan-" + i), Customer.of("fan-" + i, Instant.parse("2024-06-01T00:00:00Z"), 1));
            }
            AtomicInteger done = new AtomicInteger();
            AtomicInteger locked = new AtomicInteger();
            AtomicInteger redeemed = new AtomicInteger();
            AtomicInteger released = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<Integer> waiting = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(32);
            long start = System.nanoTime();
            for (int i = 0; i < people; i++) {
                int n = i;
                pool.execute(() -> {
                    ApplyResult r = kernel.apply(ApplyRequest.of("flash-" + run + "-" + n, "fan-" + n, "cart-7", code));
                    if (r.usages().isEmpty()) {
                        refused.incrementAndGet();
                        waiting.add(n);
                    } else {
                        locked.incrementAndGet();
                        if (n % 10 == 9) { // one in ten payments fails: the use goes back to the sale
                            kernel.release(r.checkoutId(), "payment declined", STAFF);
                            released.incrementAndGet();
                        } else {
                            kernel.redeem(r.checkoutId(), OrderId.of("flash-order-" + n), STAFF);
                            redeemed.incrementAndGet();
                        }
                    }
                    done.incrementAndGet();
                });
            }
            pool.shutdown();
            int shown = -1;
            while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                shown = progress(done.get(), people, shown);
            }
            progress(people, people, shown);
            // a payment that failed after the last fan was refused left its use free: the fans still
            // waiting try again, one by one, until one is refused (the sale is sold out)
            int late = 0;
            for (Integer n; (n = waiting.poll()) != null; ) {
                ApplyResult r = kernel.apply(ApplyRequest.of("flash-" + run + "-" + n + "-again", "fan-" + n, "cart-7", code));
                if (r.usages().isEmpty()) {
                    break;
                }
                kernel.redeem(r.checkoutId(), OrderId.of("flash-order-" + n), STAFF);
                locked.incrementAndGet();
                redeemed.incrementAndGet();
                refused.decrementAndGet();
                late++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> rows = usageRows(flash.id());
            long stored = rows.getOrDefault("REDEEMED", 0L) + rows.getOrDefault("LOCKED", 0L);
            out.printf("  %-34s %10s %14s%n", "", "the race", "the database");
            out.printf("  %-34s %10d %14d%n", "locked", locked.get(), rows.values().stream().mapToLong(Long::longValue).sum());
            out.printf("  %-34s %10d %14d%n", "redeemed", redeemed.get(), rows.getOrDefault("REDEEMED", 0L));
            out.printf("  %-34s %10d %14d%n", "released (payment declined)", released.get(), rows.getOrDefault("RELEASED", 0L));
            out.printf("  %-34s %10d %14s%n", "uses released late, taken by fans", late, "-");
            out.printf("  %-34s %10d %14s%n", "refused (TOTAL_LIMIT_REACHED)", refused.get(), "-");
            out.printf("  %-34s %10d %14d%n", "oversell (redeemed + locked - " + uses + ")",
                    Math.max(0, redeemed.get() - uses), Math.max(0, stored - uses));
            out.printf("  %d checkouts in %.1f s; consistency check: %s%n", people, seconds,
                    storage.consistency().problems().isEmpty() ? "clean" : storage.consistency().problems());
        }

        /** Draws the progress bar: redrawn in place on a terminal, a new line each quarter otherwise. */
        private int progress(int done, int total, int shown) {
            int width = 40;
            int filled = (int) ((long) done * width / total);
            String bar = "  [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total;
            if (live) {
                out.print("\r" + bar + (done == total ? "\n" : ""));
                out.flush();
                return filled;
            }
            int quarter = filled / 10;
            if (quarter > shown) {
                out.println(bar);
            }
            return Math.max(quarter, shown);
        }

        private Map<String, Long> usageRows(CouponId coupon) throws SQLException {
            Map<String, Long> rows = new LinkedHashMap<>();
            try (Connection c = db.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT status, COUNT(*) FROM coupon_usage WHERE coupon_id = ? GROUP BY status")) {
                ps.setString(1, coupon.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return rows;
        }

        // 5. a campaign of unique codes
        private void campaign() {
            int count = 10_000;
            heading("5. A campaign: " + count + " single-use codes, generated, exported, some used");
            CouponRecord campaign = activate(CouponDefinition.builder(code("NEWSLETTER")).percentOff(10)
                    .limits(UsageLimits.of(count, 1).withPerCode(1)).codes(CodeMode.UNIQUE).build());
            CodePattern pattern = CodePattern.builder().prefix("NL-").length(10).groupsOf(5).build();
            out.println("  pattern " + pattern + ": " + pattern.space() + " possible codes; odds of one guess with " + count
                    + " issued: " + pattern.guessingOdds(count).stripTrailingZeros().toEngineeringString());
            int[] shown = {0};
            CodeBatch batch = kernel.campaigns().generate(campaign.id(), pattern, count, "newsletter-" + run, STAFF,
                    made -> shown[0] = progress((int) made, count, shown[0]));
            CodeBatch again = kernel.campaigns().generate(campaign.id(), pattern, count, "newsletter-" + run, STAFF, made -> { });
            out.println("  stored " + batch.added() + " codes; the same batch again: " + (again.replayed() ? "replayed" : "stored")
                    + ", " + kernel.campaigns().count(campaign.id()) + " codes in all");

            Path file = Path.of(System.getProperty("java.io.tmpdir"), "coupon-kernel-" + code("newsletter") + ".csv");
            List<String> codes = new ArrayList<>();
            try (Writer w = Files.newBufferedWriter(file)) {
                CampaignCsv.export(kernel.campaigns(), campaign.id(), w);
                kernel.campaigns().export(campaign.id(), r -> {
                    if (codes.size() < 3) {
                        codes.add(r.code().value());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("  exported for the mailing tool: " + file);

            for (int i = 0; i < codes.size(); i++) {
                String user = "reader-" + i;
                customers.put(UserId.of(user), Customer.of(user, Instant.parse("2025-06-01T09:00:00Z"), 1));
                carts.put(CartId.of("cart-nl-" + i), Cart.of(Money.of("0.00", "EUR"),
                        CartLine.of("L1", "BOOK-" + i, "acme", Money.of("40.00", "EUR"), 1, "books")));
                ApplyResult applied = kernel.apply(ApplyRequest.of("nl-" + run + "-" + i, user, "cart-nl-" + i, codes.get(i)));
                out.println("  " + user + " applies " + codes.get(i) + ": " + (applied.usages().isEmpty()
                        ? applied.decision().rejected().get(0).reason() : "locked, " + applied.decision().merchandiseDiscount() + " off"));
            }
            kernel.redeem(CheckoutId.of("nl-" + run + "-0"), OrderId.of("order-nl-0"), Actor.CHECKOUT);
            ApplyResult reused = kernel.apply(ApplyRequest.of("nl-" + run + "-x", "reader-1", "cart-nl-1", codes.get(0)));
            out.println("  reader-1 tries reader-0's code " + codes.get(0) + ": " + reused.decision().rejected().stream()
                    .map(r -> r.reason().name()).toList());
            kernel.campaigns().voidCode(codes.get(2), "bounced e-mail", STAFF);
            kernel.release(CheckoutId.of("nl-" + run + "-2"), "the code was voided", STAFF);
            Map<CodeState, Long> states = new java.util.EnumMap<>(CodeState.class);
            kernel.campaigns().export(campaign.id(), r -> states.merge(r.state(), 1L, Long::sum));
            out.println("  codes by state: " + states);
        }

        // 6. a fraud attack
        private void fraud() {
            heading("6. A fraud attack: a bot guessing codes, 50 accounts on one phone, then a botnet");
            CouponRecord welcome = activate(CouponDefinition.builder(code("WELCOME")).percentOff(15)
                    .limits(UsageLimits.of(10_000, 1)).build());
            String code = welcome.definition().code().value();
            for (int i = 0; i < 60; i++) {
                customers.put(UserId.of("acct-" + i), Customer.of("acct-" + i, Instant.parse("2026-11-20T00:00:00Z"), 0));
            }
            ClientInfo bot = ClientInfo.of("bot-fingerprint", "203.0.113.7", null);
            StringBuilder guesses = new StringBuilder();
            for (int i = 1; i <= 7; i++) {
                PricingDecision d = kernel.validate(ValidateRequest.of("acct-" + i, "cart-7", "GUESS" + i).withClient(bot));
                guesses.append(i == 1 ? "" : ", ").append("GUESS").append(i).append(' ').append(d.rejected().get(0).reason());
                clock.advance(Duration.ofSeconds(3));
            }
            out.println("  the bot: " + guesses);
            PricingDecision valid = kernel.validate(ValidateRequest.of("acct-8", "cart-7", code).withClient(bot));
            out.println("  then the real code " + code + " from the bot's device: " + valid.rejected().get(0).reason());

            int got = 0;
            int blocked = 0;
            for (int i = 10; i < 60; i++) {
                ApplyResult r = kernel.apply(ApplyRequest.of("farm-" + run + "-" + i, "acct-" + i, "cart-7", code)
                        .withClient(ClientInfo.of("farm-phone", "198.51.100." + i, "card-" + i)));
                if (!r.usages().isEmpty()) {
                    got++;
                } else if (r.decision().rejected().stream().anyMatch(x -> x.reason() == RejectionReason.SUSPECTED_FRAUD)) {
                    blocked++;
                }
                clock.advance(Duration.ofSeconds(2));
            }
            out.printf("  50 accounts on one phone: %d got the coupon, %d blocked (SUSPECTED_FRAUD); %s stays %s (one"
                    + " device is one subject)%n", got, blocked, code, kernel.findByCode(code).orElseThrow().status());

            // a botnet: every bot on an account, a device and an address of its own
            int suspendedAt = -1;
            for (int b = 1; b <= 12 && suspendedAt < 0; b++) {
                ClientInfo node = ClientInfo.of("botnet-" + run + "-" + b, "192.0.2." + b, null);
                for (int g = 1; g <= 5; g++) {
                    kernel.validate(ValidateRequest.of("acct-" + (b % 10), "cart-7", "NET" + b + "X" + g).withClient(node));
                }
                kernel.validate(ValidateRequest.of("acct-" + (b % 10), "cart-7", code).withClient(node));
                if (kernel.findByCode(code).orElseThrow().status() == CouponStatus.SUSPENDED) {
                    suspendedAt = b;
                }
                clock.advance(Duration.ofSeconds(5));
            }
            out.printf("  a botnet of distinct devices and addresses: the fraud guard suspended %s at bot %d%n", code,
                    suspendedAt);
            CouponRecord lifted = kernel.liftSuspension(welcome.id(), STAFF, "botnet addresses blocked at the edge");
            out.printf("  staff lift the suspension: %s is %s again%n", code, lifted.status());
            out.println("  security alerts published:");
            for (CouponEvent e : events) {
                if (e instanceof SecurityAlertRaised a) {
                    out.printf("    %-8s %s%n", a.level(), a.summary());
                }
            }
        }

        // 6. the audit chain
        private void audit(Map<String, CouponRecord> first) {
            heading("7. The audit chain of every coupon, verified");
            List<CouponRecord> all = new ArrayList<>(first.values());
            for (String base : List.of("SAVE5", "FLASH", "WELCOME")) {
                kernel.findByCode(code(base)).ifPresent(all::add);
            }
            for (CouponRecord c : all) {
                AuditVerification v = kernel.verifyAuditTrail(c.id());
                out.printf("  %-16s %6d entries  %s%n", c.definition().code(), kernel.auditTrail(c.id()).size(),
                        v.isIntact() ? "intact" : "BROKEN: " + v.problem());
            }
            out.println("  last entries of " + code("WELCOME") + ":");
            var trail = kernel.auditTrail(all.get(all.size() - 1).id());
            for (var e : trail.subList(Math.max(0, trail.size() - 4), trail.size())) {
                out.printf("    #%-6d %-16s %-20s %s%n", e.sequence(), e.action(), e.actor(),
                        e.detail().length() > 70 ? e.detail().substring(0, 67) + "..." : e.detail());
            }
        }
    }

    /** A clock the walk-through moves forward to show time-outs. Thread-safe. */
    static final class DemoClock extends Clock {
        private volatile Instant now;

        DemoClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
