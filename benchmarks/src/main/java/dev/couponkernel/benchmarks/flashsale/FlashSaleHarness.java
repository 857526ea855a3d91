package dev.couponkernel.benchmarks.flashsale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.couponkernel.jdbc.JdbcCouponStorage;
import dev.couponkernel.jdbc.SchemaInstaller;
import dev.couponkernel.spi.coupon.CouponDefinition;
import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.coupon.CouponStatus;
import dev.couponkernel.spi.event.CouponActivated;
import dev.couponkernel.spi.event.CouponCreated;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.value.Actor;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flash-sale load harness: C concurrent checkouts on one coupon, against H2 and a real
 * PostgreSQL, the library side by side with the two raw-SQL patterns most engines use.
 *
 * <ul>
 *   <li>{@code library}: each checkout locks through {@code JdbcUsageLedger} (usage row, counters,
 *       read models, audit entry and outbox event in one transaction), then redeems (4 in 5) or
 *       releases (1 in 5): two transactions per checkout.</li>
 *   <li>{@code raw-conditional}: one transaction per lock, {@code UPDATE counter SET used = used + 1
 *       WHERE used < max}, {@code INSERT} of a usage row, {@code COMMIT}.</li>
 *   <li>{@code raw-select-for-update}: {@code SELECT ... FOR UPDATE}, then {@code UPDATE}, {@code
 *       INSERT}, {@code COMMIT}.</li>
 * </ul>
 *
 * <p>Each point runs for a fixed time after a warm-up and reports locks per second and p50 / p99 /
 * max lock latency. Then a limit run races C clients for a coupon with a small total and per-user
 * limit until every lock is refused, and counts the oversell from the rows in the database:
 * LOCKED + REDEEMED usages beyond the total, and per customer beyond the per-customer limit. The
 * results go to standard output and to {@code results.md} and a chart per database in the output
 * folder.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.couponkernel.benchmarks.flashsale.FlashSaleHarness [--db h2,postgres (also h2-file, h2-file-durable, postgres-durable)] [--clients 1,4,16,64,256]
 * [--seconds 5] [--warmup 2] [--out target/flash-sale] [--combine 128] [--pg-statements false]}:
 * {@code --combine} is the most operations per combined transaction of {@code library-combined};
 * {@code --pg-statements true} loads {@code pg_stat_statements} into PostgreSQL and prints, after
 * each point measured on it, the statements that took the most execution time. {@code postgres} is
 * the embedded server's test settings ({@code synchronous_commit=off}: a commit does not wait for its
 * WAL to reach the disk); {@code postgres-durable} runs with {@code fsync}, {@code synchronous_commit}
 * and {@code full_page_writes} on, as production does. The harness prints each server's settings.
 */
public final class FlashSaleHarness {

    static final Actor ACTOR = Actor.of("flash-sale");
    static final String[] SUBJECTS = {"library-combined", "library", "raw-conditional", "raw-select-for-update"};

    /** The most operations per combined transaction of {@code library-combined}. */
    static int combineMax = 128;

    /** Whether to print PostgreSQL's most expensive statements after each point. */
    static boolean pgStatements;

    private FlashSaleHarness() {}

    /** One measured point. */
    record Point(String db, String subject, int clients, double locksPerSecond, double p50Ms, double p99Ms, double maxMs,
            long oversellTotal, long oversellPerUser, String check) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        List<String> dbs = List.of(opt.getOrDefault("db", "h2,postgres").split(","));
        int[] clients = Arrays.stream(opt.getOrDefault("clients", "1,4,16,64,256").split(",")).mapToInt(Integer::parseInt).toArray();
        Duration run = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("seconds", "5")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("warmup", "2")));
        List<String> subjects = List.of(opt.getOrDefault("subjects", String.join(",", SUBJECTS)).split(","));
        Path out = Path.of(opt.getOrDefault("out", "target/flash-sale"));
        combineMax = Integer.parseInt(opt.getOrDefault("combine", "128"));
        pgStatements = Boolean.parseBoolean(opt.getOrDefault("pg-statements", "false"));
        Database.h2QueryCache = Integer.parseInt(opt.getOrDefault("h2-query-cache", "64"));
        Files.createDirectories(out);

        List<Point> points = new ArrayList<>();
        for (String db : dbs) {
            try (Database database = Database.start(db, Arrays.stream(clients).max().orElse(1))) {
                // warm the JIT and the database on every subject first, so the first point measured is not the
                // coldest: the compiler works for about 20 s on this code, at one client and with large batches
                for (String subject : subjects) {
                    measure(database, subject, 1, warmup, warmup);
                    measure(database, subject, 16, warmup, warmup.multipliedBy(2));
                }
                for (int c : clients) {
                    for (String subject : subjects) {
                        Point p = measure(database, subject, c, warmup, run);
                        points.add(p);
                        System.out.printf(Locale.ROOT, "%-9s %-22s %4d clients %9.0f locks/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms"
                                        + "  oversell %d/%d %s%n", p.db, p.subject, p.clients, p.locksPerSecond, p.p50Ms, p.p99Ms,
                                p.maxMs, p.oversellTotal, p.oversellPerUser, p.check);
                    }
                }
            }
        }
        Report.write(out, points, run, warmup);
        System.out.println("results: " + out.resolve("results.md").toAbsolutePath());
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        return opt;
    }

    static Point measure(Database db, String subject, int clients, Duration warmup, Duration run) throws Exception {
        db.renew();
        Workload w = switch (subject) {
            case "library" -> new LibraryWorkload(db, clients, 1);
            case "library-combined" -> new LibraryWorkload(db, clients, combineMax);
            case "raw-conditional" -> new RawWorkload(db, clients, false);
            case "raw-select-for-update" -> new RawWorkload(db, clients, true);
            default -> throw new IllegalArgumentException("unknown subject " + subject);
        };
        try {
            // throughput: a total far above what the run can take, so every lock is real work
            w.prepare(100_000_000L, 1_000_000L);
            db.resetStatementStatistics();
            Result r = drive(w, clients, warmup, run);
            db.printStatementStatistics(subject + ", " + clients + " clients");
            // oversell: a small total and per-customer limit, raced until every lock is refused
            w.prepare(500, 2);
            drain(w, clients);
            long[] oversell = w.oversell(500, 2);
            String check = w.consistencyCheck();
            return new Point(db.name, subject, clients, r.locksPerSecond, r.p50Ms, r.p99Ms, r.maxMs, oversell[0], oversell[1], check);
        } finally {
            w.close();
        }
    }

    record Result(double locksPerSecond, double p50Ms, double p99Ms, double maxMs) {}

    /** Runs the workload on C threads: a warm-up, then a measured window. */
    static Result drive(Workload w, int clients, Duration warmup, Duration run) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + run.toNanos();
        AtomicLong locks = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            // grows as it fills: 256 clients with a fixed 8 MB array each filled the heap H2 shares
            Latencies mine = new Latencies();
            latencies.add(mine);
            int id = t;
            Thread thread = new Thread(() -> {
                long counted = 0;
                try {
                    long seq = 0;
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        boolean locked = w.checkout(id, seq++);
                        long after = System.nanoTime();
                        if (before >= measureFrom && locked) {
                            counted++;
                            mine.add(after - before);
                        }
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    locks.addAndGet(counted);
                    done.countDown();
                }
            }, "checkout-" + t);
            threads.add(thread);
            thread.start();
        }
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " client threads failed");
        }
        int total = 0;
        for (Latencies l : latencies) {
            total += l.count;
        }
        long[] all = new long[total];
        int i = 0;
        for (Latencies l : latencies) {
            System.arraycopy(l.values, 0, all, i, l.count);
            i += l.count;
        }
        Arrays.sort(all);
        double seconds = run.toNanos() / 1e9;
        return new Result(locks.get() / seconds, pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** One client's lock latencies, in nanoseconds; written by that client's thread only. */
    static final class Latencies {
        long[] values = new long[1024];
        int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Races C threads for the limited coupon until each has been refused 20 times in a row. */
    static void drain(Workload w, int clients) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(clients);
        for (int t = 0; t < clients; t++) {
            int id = t;
            new Thread(() -> {
                try {
                    int refusedInARow = 0;
                    long seq = 1_000_000_000L;
                    while (refusedInARow < 20) {
                        refusedInARow = w.checkout(id, seq++) ? 0 : refusedInARow + 1;
                    }
                } finally {
                    done.countDown();
                }
            }, "drain-" + t).start();
        }
        done.await();
    }

    /** What one subject does per checkout. */
    interface Workload extends AutoCloseable {
        /** Sets up a fresh coupon with these limits. */
        void prepare(long total, long perUser) throws Exception;

        /** One checkout by client {@code client}; returns whether a use was locked. */
        boolean checkout(int client, long seq);

        /** LOCKED + REDEEMED beyond the total, and the sum over customers of uses beyond the per-customer limit. */
        long[] oversell(long total, long perUser) throws SQLException;

        /** "ok" or what the consistency check found. */
        String consistencyCheck();

        @Override
        void close() throws Exception;
    }

    /** A customer id for a checkout: 600 customers share the limited coupon, so per-customer limits bite. */
    static String user(int client, long seq) {
        return "user-" + Math.floorMod((long) client * 7919 + seq * 31 + ThreadLocalRandom.current().nextInt(3), 600);
    }

    static final class LibraryWorkload implements Workload {
        private final HikariDataSource pool;
        final JdbcCouponStorage storage;
        private CouponRecord coupon;
        private final String run = Long.toString(System.nanoTime(), 36);
        private int prepared;
        /** Every n-th checkout is abandoned (locked, never redeemed or released, for the sweep); 0 for none. */
        int abandonEvery;
        /** How long an abandoned checkout's lock holds its use. */
        Duration abandonedTtl = Duration.ofSeconds(2);

        LibraryWorkload(Database db, int clients, int combined) {
            this(db.pool(clients), combined);
        }

        LibraryWorkload(HikariDataSource pool, int combined) {
            this.pool = pool;
            this.storage = JdbcCouponStorage.builder(pool).combineConcurrentWrites(combined).build();
        }

        /** @return the coupon the checkouts use */
        CouponRecord coupon() {
            return coupon;
        }

        /** Uses a coupon another process prepared. */
        void attach(CouponId id) {
            coupon = storage.coupons().findById(id).orElseThrow(() -> new IllegalStateException("no coupon " + id));
        }

        @Override
        public void prepare(long total, long perUser) {
            prepared++;
            Instant now = Instant.now();
            CouponDefinition d = CouponDefinition.builder("FLASH" + run.toUpperCase(Locale.ROOT) + prepared).percentOff(10)
                    .limits(UsageLimits.of(total, perUser)).build();
            CouponRecord draft = new CouponRecord(CouponId.of("flash-" + run + "-" + prepared), d, CouponStatus.DRAFT, 0, now, now);
            CouponRecord created = storage.coupons().save(draft, new CouponCreated(draft.id(), d.code(), now, ACTOR));
            coupon = storage.coupons().save(new CouponRecord(created.id(), d, CouponStatus.ACTIVE, created.version(), now, now),
                    new CouponActivated(created.id(), d.code(), now, ACTOR));
        }

        @Override
        public boolean checkout(int client, long seq) {
            Instant now = Instant.now();
            CheckoutId checkout = CheckoutId.of(coupon.id().value() + "-" + client + "-" + seq);
            boolean abandon = abandonEvery > 0 && seq % abandonEvery == abandonEvery - 1;
            LockOutcome outcome = storage.ledger().lock(new LockRequest(coupon.id(), coupon.definition().code(),
                    UserId.of(user(client, seq)), checkout, coupon.definition().limits(), now,
                    abandon ? now.plus(abandonedTtl) : now.plusSeconds(900), ACTOR));
            if (!outcome.isLocked()) {
                return false;
            }
            if (abandon) {
                return true;
            }
            if (seq % 5 == 4) {
                storage.ledger().release(checkout, "payment failed", Instant.now(), ACTOR);
            } else {
                storage.ledger().redeem(checkout, OrderId.of("order-" + checkout.value()), Instant.now(), ACTOR);
            }
            return true;
        }

        @Override
        public long[] oversell(long total, long perUser) throws SQLException {
            try (Connection c = pool.getConnection()) {
                long counted = single(c, "SELECT COUNT(*) FROM coupon_usage WHERE coupon_id = ? AND status IN ('LOCKED', 'REDEEMED')",
                        coupon.id().value());
                long perUserOver = single(c, "SELECT COALESCE(SUM(n - " + perUser + "), 0) FROM (SELECT user_id, COUNT(*) AS n"
                        + " FROM coupon_usage WHERE coupon_id = ? AND status IN ('LOCKED', 'REDEEMED') GROUP BY user_id) u"
                        + " WHERE n > " + perUser, coupon.id().value());
                return new long[] {Math.max(0, counted - total), perUserOver};
            }
        }

        @Override
        public String consistencyCheck() {
            List<String> problems = storage.consistency().problems();
            var stats = storage.ledger().combiningStats();
            String combining = stats.transactions() == 0 ? "" : String.format(Locale.ROOT, ", %.1f operations per combined transaction",
                    stats.operations() / (double) stats.transactions());
            if (stats.rollbacks() > 0) {
                combining += ", " + stats.rollbacks() + " combined transactions rolled back (last: " + stats.lastRollback().orElseThrow() + ")";
            }
            return (problems.isEmpty() ? "consistent" : "INCONSISTENT: " + problems.subList(0, Math.min(3, problems.size()))) + combining;
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    static final class RawWorkload implements Workload {
        private final HikariDataSource pool;
        private final boolean selectForUpdate;
        private final Connection[] connections;
        private long counterId;

        RawWorkload(Database db, int clients, boolean selectForUpdate) throws SQLException {
            this.pool = db.pool(clients);
            this.selectForUpdate = selectForUpdate;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_counter (id BIGINT PRIMARY KEY, used BIGINT NOT NULL, max_uses BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS bench_usage (checkout_id VARCHAR(128) PRIMARY KEY, counter_id BIGINT NOT NULL,"
                        + " user_id VARCHAR(128) NOT NULL)");
            }
            // one connection per client, as a checkout service with a pool as large as its clients has
            this.connections = new Connection[clients];
            for (int i = 0; i < clients; i++) {
                connections[i] = pool.getConnection();
                connections[i].setAutoCommit(false);
                connections[i].setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }

        @Override
        public void prepare(long total, long perUser) throws SQLException {
            counterId = System.nanoTime();
            try (Connection c = pool.getConnection(); PreparedStatement ps =
                    c.prepareStatement("INSERT INTO bench_counter (id, used, max_uses) VALUES (?, 0, ?)")) {
                ps.setLong(1, counterId);
                ps.setLong(2, total);
                ps.executeUpdate();
            }
        }

        @Override
        public boolean checkout(int client, long seq) {
            Connection c = connections[client];
            try {
                boolean counted;
                if (selectForUpdate) {
                    long used;
                    long max;
                    try (PreparedStatement ps = c.prepareStatement("SELECT used, max_uses FROM bench_counter WHERE id = ? FOR UPDATE")) {
                        ps.setLong(1, counterId);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            used = rs.getLong(1);
                            max = rs.getLong(2);
                        }
                    }
                    counted = used < max;
                    if (counted) {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE bench_counter SET used = ? WHERE id = ?")) {
                            ps.setLong(1, used + 1);
                            ps.setLong(2, counterId);
                            ps.executeUpdate();
                        }
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE bench_counter SET used = used + 1 WHERE id = ? AND used < max_uses")) {
                        ps.setLong(1, counterId);
                        counted = ps.executeUpdate() == 1;
                    }
                }
                if (counted) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO bench_usage (checkout_id, counter_id, user_id) VALUES (?, ?, ?)")) {
                        ps.setString(1, counterId + "-" + client + "-" + seq);
                        ps.setLong(2, counterId);
                        ps.setString(3, user(client, seq));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return counted;
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // reported below
                }
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long[] oversell(long total, long perUser) throws SQLException {
            try (Connection c = pool.getConnection()) {
                long counted = single(c, "SELECT COUNT(*) FROM bench_usage WHERE counter_id = " + counterId);
                // the raw patterns do not know customers: their per-customer figure is what a per-customer limit would have refused
                long perUserOver = single(c, "SELECT COALESCE(SUM(n - " + perUser + "), 0) FROM (SELECT user_id, COUNT(*) AS n"
                        + " FROM bench_usage WHERE counter_id = " + counterId + " GROUP BY user_id) u WHERE n > " + perUser);
                return new long[] {Math.max(0, counted - total), perUserOver};
            }
        }

        @Override
        public String consistencyCheck() {
            return "n/a";
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
            pool.close();
        }
    }

    static long single(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A database for the run: H2 in memory or an embedded PostgreSQL 17. */
    static final class Database implements AutoCloseable {
        final String name;
        /** Each H2 session's cache of parsed statements ({@code --h2-query-cache}, H2's default is 8). */
        static int h2QueryCache = 64;
        private static String h2Options() {
            return ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000;QUERY_CACHE_SIZE=" + h2QueryCache;
        }

        /** PostgreSQL's own database on the server, where the points' databases are made; null on H2. */
        private final HikariDataSource admin;
        private final EmbeddedPostgres postgres;
        private String url;
        private String current;
        private int databases;

        private Database(String name, HikariDataSource admin, EmbeddedPostgres postgres) {
            this.name = name;
            this.admin = admin;
            this.postgres = postgres;
        }

        /**
         * Moves on to a new, empty database with the library's schema, and drops the one before:
         * every point starts from empty tables, not from the rows the points before it left (hundreds
         * of thousands for the raw patterns on H2, all of them in this JVM's heap).
         */
        void renew() throws SQLException, IOException {
            String previous = current;
            current = "flash" + (++databases);
            if (postgres != null) {
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + current);
                    if (previous != null) {
                        s.execute("DROP DATABASE " + previous);
                    }
                }
                url = postgres.getJdbcUrl("postgres", current);
            } else {
                if (previous != null) {
                    try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    }
                }
                if (name.startsWith("h2-file")) {
                    // on file in a directory of its own: with H2's default write delay, or durable
                    // (WRITE_DELAY=0, H2Files.durable) as docs/jdbc.md recommends
                    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("flash-h2");
                    dir.toFile().deleteOnExit();
                    java.nio.file.Path file = dir.resolve(current);
                    url = (name.equals("h2-file-durable") ? dev.couponkernel.jdbc.H2Files.durable(file)
                            : "jdbc:h2:file:" + file.toAbsolutePath()) + h2Options();
                } else {
                    url = "jdbc:h2:mem:" + current + h2Options();
                }
            }
            try (HikariDataSource installer = hikari(url, 1)) {
                SchemaInstaller.install(installer);
            }
        }

        static Database start(String name, int maxClients) throws IOException {
            if (name.equals("h2") || name.equals("h2-file") || name.equals("h2-file-durable")) {
                return new Database(name, null, null);
            }
            if (name.equals("postgres") || name.equals("postgres-durable")) {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", String.valueOf(maxClients * 2 + 20));
                if (name.equals("postgres-durable")) {
                    // as production runs: every commit waits for its WAL to reach the disk
                    builder.setServerConfig("fsync", "on");
                    builder.setServerConfig("synchronous_commit", "on");
                    builder.setServerConfig("full_page_writes", "on");
                }
                if (pgStatements) {
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                    builder.setServerConfig("pg_stat_statements.track_planning", "on");
                }
                EmbeddedPostgres pg = builder.start();
                String url = pg.getJdbcUrl("postgres", "postgres");
                HikariDataSource admin = hikari(url, 2);
                try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings"
                                + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') ORDER BY name")) {
                    StringBuilder settings = new StringBuilder();
                    while (rs.next()) {
                        settings.append(' ').append(rs.getString(1)).append('=').append(rs.getString(2));
                    }
                    System.out.println(name + ": PostgreSQL" + settings);
                } catch (SQLException e) {
                    throw new IOException("cannot read PostgreSQL's settings", e);
                }
                return new Database(name, admin, pg);
            }
            throw new IllegalArgumentException("unknown database " + name
                    + "; h2, h2-file, h2-file-durable, postgres or postgres-durable");
        }

        /** Forgets PostgreSQL's statement statistics so far, when they are asked for. */
        void resetStatementStatistics() throws SQLException {
            if (!pgStatements || postgres == null) {
                return;
            }
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }

        /** Prints the statements that took the most execution time since the last reset, when asked for. */
        void printStatementStatistics(String point) throws SQLException {
            if (!pgStatements || postgres == null) {
                return;
            }
            System.out.println("PostgreSQL statements, " + point + " (calls, rows, total ms, mean us, plans, plan ms, statement):");
            try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT calls, rows, total_exec_time, mean_exec_time * 1000, plans, total_plan_time,"
                            + " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements"
                            + " ORDER BY total_exec_time DESC LIMIT 15")) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  %8d %8d %9.1f %8.1f %8d %9.1f  %s%n", rs.getLong(1), rs.getLong(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getLong(5), rs.getDouble(6), rs.getString(7));
                }
            }
        }

        HikariDataSource pool(int clients) {
            return hikari(url, clients + 2); // the clients, and the harness's own set-up and checks

        }

        /** @return the JDBC URL of the current database */
        String url() {
            return url;
        }

        static HikariDataSource hikari(String url, int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            if (url.startsWith("jdbc:postgresql")) {
                config.setUsername("postgres");
            }
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(size);
            config.setConnectionTimeout(60_000);
            return new HikariDataSource(config);
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                admin.close();
                postgres.close();
            }
        }
    }
}
