package dev.couponkernel.benchmarks.flashsale;

import com.zaxxer.hikari.HikariDataSource;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.core.campaign.CodePattern;
import dev.couponkernel.csv.CampaignCsv;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.spi.cart.Cart;
import dev.couponkernel.spi.cart.CartLine;
import dev.couponkernel.spi.cart.Customer;
import dev.couponkernel.spi.coupon.CodeMode;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponCode;
import dev.couponkernel.spi.value.Money;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns at scale, side by side with plain SQL on the same database (run with {@code --db
 * h2,postgres --codes 1000000 --lookup 10000000 --seconds 5}):
 * <ol>
 *   <li>storing {@code codes} generated codes through {@code Campaigns.generate} against a plain
 *       multi-row {@code INSERT} (1,000 rows a statement, one transaction) of as many random strings of
 *       the same length into a table with the same unique key, twice each, alternating, the better
 *       round of each;
 *   <li>exporting them as CSV through {@code CampaignCsv.export} against a plain loop over a JDBC result
 *       set of the same columns, in the same order (the order added), writing the same lines to a file
 *       (three rounds, the better of the last two);
 *   <li>locks per second, one client, on the campaign (each lock a new code) against a coupon of one
 *       shared code, alternating in seven rounds of half {@code seconds} each, each lock a fresh
 *       checkout and customer: the best round of each after the first;
 *   <li>a read of one code row by key, plain SQL: a random one of the campaign's codes against the
 *       shared coupon's code every time, what a campaign's lock reads that a shared code's does not;
 *   <li>looking a code up ({@code findByCode}) with {@code codes} and then {@code lookup} codes stored.
 * </ol>
 * Not a test: it prints what it measured.
 */
public final class CampaignHarness {

    private static final Actor ACTOR = Actor.of("bench:campaign");
    private static final String ALPHABET = CodePattern.UNAMBIGUOUS;

    private CampaignHarness() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = FlashSaleHarness.options(args);
        List<String> dbs = List.of(opt.getOrDefault("db", "h2,postgres").split(","));
        int codes = Integer.parseInt(opt.getOrDefault("codes", "1000000"));
        long lookup = Long.parseLong(opt.getOrDefault("lookup", "0"));
        Duration run = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("seconds", "5")));
        for (String db : dbs) {
            try (FlashSaleHarness.Database database = FlashSaleHarness.Database.start(db, 4)) {
                database.renew();
                try (HikariDataSource pool = database.pool(2)) {
                    measure(db, pool, codes, lookup, run);
                }
            }
        }
    }

    private static void measure(String db, HikariDataSource pool, int codes, long lookup, Duration run) throws Exception {
        JdbcCouponStorage storage = JdbcCouponStorage.builder(pool).validationCacheTtl(Duration.ZERO).build();
        CouponKernel kernel = CouponKernel.builder().storage(storage)
                .carts(id -> Optional.of(Cart.of(Money.of("0", "EUR"), CartLine.of("L1", "SKU", "s", Money.of("10.00", "EUR"), 1))))
                .customers(id -> Optional.of(Customer.of(id.value(), Instant.parse("2025-01-01T00:00:00Z"), 1))).build();
        CouponRecord campaign = kernel.activate(kernel.create(CouponDefinition.builder("BENCH-CAMPAIGN").percentOff(10)
                .codes(CodeMode.UNIQUE).build(), ACTOR).id(), ACTOR);
        CouponRecord shared = kernel.activate(kernel.create(CouponDefinition.builder("BENCH-SHARED").percentOff(10).build(),
                ACTOR).id(), ACTOR);
        CodePattern pattern = CodePattern.builder().prefix("NL").length(10).build(); // 12 characters
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE raw_code (code VARCHAR(32) PRIMARY KEY)");
        }

        // 1. storing: the plain insert first, then the library (a JIT warm-up of each on 100,000 first)
        rawInsert(pool, 100_000, "w");
        kernel.campaigns().generate(campaign.id(), pattern, 100_000, "warm", ACTOR, p -> { });
        // twice each, alternating, the better round of each (a shared machine's noise hits both alike)
        double rawRate = 0;
        double libRate = 0;
        long t0;
        for (int round = 0; round < 2; round++) {
            t0 = System.nanoTime();
            rawInsert(pool, codes, round == 0 ? "r" : "s");
            rawRate = Math.max(rawRate, codes / seconds(t0));
            t0 = System.nanoTime();
            kernel.campaigns().generate(campaign.id(), pattern, codes, "bench-" + round, ACTOR, p -> { });
            libRate = Math.max(libRate, codes / seconds(t0));
        }
        print(db, "store " + codes + " codes", "codes/s", libRate, rawRate);

        // 2. exporting all the campaign's codes (warm-up included: 2 x codes + 100,000), the better of the
        // second and third rounds
        Path dir = Files.createTempDirectory("campaign-bench");
        double exportLib = 0;
        double exportRaw = 0;
        long exported = 0;
        for (int round = 0; round < 3; round++) {
            t0 = System.nanoTime();
            long n;
            try (Writer w = Files.newBufferedWriter(dir.resolve("lib.csv"))) {
                n = CampaignCsv.export(kernel.campaigns(), campaign.id(), w);
            }
            double lib = n / seconds(t0);
            t0 = System.nanoTime();
            long m = rawExport(pool, campaign.id().value(), dir.resolve("raw.csv"));
            double raw = m / seconds(t0);
            if (round > 0) {
                exportLib = Math.max(exportLib, lib);
                exportRaw = Math.max(exportRaw, raw);
                exported = n;
            }
        }
        print(db, "export " + exported + " codes", "codes/s", exportLib, exportRaw);

        // 3. locks per second, alternating the campaign and the shared coupon in short rounds, the best
        // round of each after the first (a shared machine's noise hits both alike)
        List<String> some = new ArrayList<>();
        kernel.campaigns().export(campaign.id(), r -> {
            if (some.size() < 2_000_000) {
                some.add(r.code().value());
            }
        });
        java.util.Collections.shuffle(some, new java.util.Random(7));
        int[] next = {0};
        double campaignBest = 0;
        double sharedBest = 0;
        Duration slice = run.dividedBy(2);
        for (int round = 0; round < 7; round++) {
            double u = locks(storage, campaign, () -> some.get(next[0]++), slice);
            double s = locks(storage, shared, () -> shared.definition().code().value(), slice);
            if (round > 0) { // the first round warms up
                campaignBest = Math.max(campaignBest, u);
                sharedBest = Math.max(sharedBest, s);
            }
        }
        System.out.printf(Locale.ROOT, "%-9s %-34s %10.0f locks/s (campaign of %d codes) %10.0f (one shared code)  %5.1f %%%n",
                db, "lock, 1 client", campaignBest, 2L * codes + 100_000, sharedBest, 100 * campaignBest / sharedBest);

        // 3b. what a campaign's lock reads that a shared code's does not pay for: its code's row, a random
        // one of millions, against the same row every time (the shared code's), by key on one connection
        double randomBest = 0;
        double sameBest = 0;
        for (int round = 0; round < 5; round++) {
            double r = codeReads(pool, () -> some.get(next[0]++ % some.size()), slice);
            double m = codeReads(pool, () -> shared.definition().code().value(), slice);
            if (round > 0) {
                randomBest = Math.max(randomBest, r);
                sameBest = Math.max(sameBest, m);
            }
        }
        System.out.printf(Locale.ROOT, "%-9s %-34s %10.2f µs (a random one of %d) %10.2f (the same one)%n", db,
                "read of a code row by key", 1e6 / randomBest, 2L * codes + 100_000, 1e6 / sameBest);

        // 4. looking a code up
        double small = lookups(storage, some, run);
        long stored = 2L * codes + 100_000L;
        int batch = 0;
        while (stored < lookup) {
            int n = (int) Math.min(1_000_000, lookup - stored);
            kernel.campaigns().generate(campaign.id(), pattern, n, "more-" + batch++, ACTOR, p -> { });
            stored += n;
        }
        if (lookup > 0) {
            double large = lookups(storage, some, run);
            System.out.printf(Locale.ROOT, "%-9s %-34s %10.0f look-ups/s with %d codes %10.0f with %d  %5.1f %%%n", db,
                    "findByCode", large, stored, small, 2L * codes + 100_000L, 100 * large / small);
            if (db.equals("postgres")) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("ANALYZE coupon_code");
                    try (ResultSet rs = s.executeQuery("EXPLAIN ANALYZE SELECT k.id FROM coupon_code t JOIN coupon k ON k.id ="
                            + " t.coupon_id WHERE t.code = '" + some.get(0) + "'")) {
                        while (rs.next()) {
                            System.out.println("          " + rs.getString(1));
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%-9s consistency check: %s%n", db,
                storage.consistency().problems().isEmpty() ? "clean" : storage.consistency().problems());
    }

    private static void print(String db, String what, String unit, double lib, double raw) {
        System.out.printf(Locale.ROOT, "%-9s %-34s %10.0f %s (library) %10.0f (plain SQL)  %5.1f %%%n", db, what, lib, unit, raw,
                100 * lib / raw);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A plain multi-row INSERT of random 12-character strings, 1,000 a statement, one transaction. */
    private static void rawInsert(HikariDataSource pool, int count, String tag) throws Exception {
        SecureRandom random = new SecureRandom();
        StringBuilder sql = new StringBuilder("INSERT INTO raw_code (code) VALUES ");
        for (int i = 0; i < 1000; i++) {
            sql.append(i == 0 ? "(?)" : ", (?)");
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                char[] code = new char[12];
                for (int done = 0; done < count; done += 1000) {
                    for (int i = 1; i <= 1000; i++) {
                        code[0] = tag.charAt(0);
                        code[1] = 'X';
                        for (int k = 2; k < 12; k++) {
                            code[k] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                        }
                        ps.setString(i, new String(code));
                    }
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }

    /** The same columns, read with a plain JDBC loop and written as the same CSV lines. */
    private static long rawExport(HikariDataSource pool, String couponId, Path file) throws Exception {
        long n = 0;
        try (Connection c = pool.getConnection(); BufferedWriter w = Files.newBufferedWriter(file)) {
            c.setAutoCommit(false);
            w.write("code,state,uses,redeemed,batch,created_at,last_locked_at,last_redeemed_at,voided_at\n");
            try (PreparedStatement ps = c.prepareStatement("SELECT code, used, redeemed, batch_id, created_at, last_locked_at,"
                    + " last_redeemed_at, voided_at FROM coupon_code WHERE coupon_id = ? AND batch_id IS NOT NULL ORDER BY seq")) {
                ps.setFetchSize(1000);
                ps.setString(1, couponId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long used = rs.getLong(2);
                        long redeemed = rs.getLong(3);
                        Object voided = rs.getObject(8);
                        String state = voided != null ? "VOIDED" : used > redeemed ? "LOCKED" : redeemed > 0 ? "REDEEMED" : "UNUSED";
                        w.write(rs.getString(1) + "," + state + "," + used + "," + redeemed + "," + rs.getString(4) + ","
                                + text(rs, 5) + "," + text(rs, 6) + "," + text(rs, 7) + "," + text(rs, 8) + "\n");
                        n++;
                    }
                }
            }
            c.commit();
        }
        return n;
    }

    private static String text(ResultSet rs, int column) throws java.sql.SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? "" : t.toInstant().toString();
    }

    private static double locks(JdbcCouponStorage storage, CouponRecord coupon, java.util.function.Supplier<String> code,
            Duration run) {
        long end = System.nanoTime() + run.toNanos();
        long n = 0;
        long t0 = System.nanoTime();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        String prefix = coupon.definition().code().value() + System.nanoTime() + "-";
        while (System.nanoTime() < end) {
            LockOutcome o = storage.ledger().lock(new LockRequest(coupon.id(), CouponCode.parse(code.get()),
                    UserId.of(prefix + n), CheckoutId.of(prefix + n), coupon.definition().limits(), at, at.plusSeconds(900), ACTOR));
            if (!o.isLocked()) {
                throw new IllegalStateException("a lock was refused: " + o);
            }
            n++;
        }
        return n / seconds(t0);
    }

    /** Reads of one code row by key, plain SQL, per second. */
    private static double codeReads(HikariDataSource pool, java.util.function.Supplier<String> code, Duration run)
            throws java.sql.SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT used, voided_at FROM coupon_code WHERE code = ?")) {
            long end = System.nanoTime() + run.toNanos();
            long n = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() < end) {
                ps.setString(1, code.get());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("a stored code was not found");
                    }
                }
                n++;
            }
            return n / seconds(t0);
        }
    }

    private static double lookups(JdbcCouponStorage storage, List<String> codes, Duration run) {
        long end = System.nanoTime() + run.toNanos();
        long n = 0;
        long t0 = System.nanoTime();
        java.util.Random random = new java.util.Random(11);
        while (System.nanoTime() < end) {
            if (storage.coupons().findByCode(CouponCode.parse(codes.get(random.nextInt(codes.size())))).isEmpty()) {
                throw new IllegalStateException("a stored code was not found");
            }
            n++;
        }
        return n / seconds(t0);
    }
}
