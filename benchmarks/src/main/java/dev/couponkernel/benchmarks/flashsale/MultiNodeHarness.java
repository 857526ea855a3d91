package dev.couponkernel.benchmarks.flashsale;

import com.zaxxer.hikari.HikariDataSource;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.Database;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.LibraryWorkload;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.Point;
import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.Result;
import dev.couponkernel.core.CouponKernel;
import dev.couponkernel.spi.value.CouponId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many nodes on one PostgreSQL: for N of 1, 2 and 4, starts N separate JVMs, each with its own
 * HikariCP pool, its own {@code JdbcCouponStorage} combining concurrent writes, and its own kernel
 * running the relay and the expiry sweep every 250 ms, all checking out one coupon. The C clients of
 * a point are split evenly over the nodes, so the rows show what the same load gains or loses from
 * being spread over processes. Every twentieth checkout is abandoned (locked with a 2-second
 * time-to-live, never redeemed or released), so the nodes' sweeps race each other and the locks.
 *
 * <p>Each point: the nodes start together, warm up (their JIT starts cold), then count locks over the
 * same measured window. Then the oversell run on a fresh coupon (a total of 500, 2 per customer),
 * raced by all nodes until each client has been refused 20 times in a row; the parent counts the
 * oversell from the rows, runs the consistency check, relays what is left and counts the events
 * published (by every node's relay) against the outbox rows, so an event published twice or never
 * is seen. A node stops only when its relay has emptied the outbox; how many events were pending
 * when the measured window ended shows whether the relays kept up with the checkouts.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.couponkernel.benchmarks.flashsale.MultiNodeHarness [--db postgres|postgres-durable] [--nodes 1,2,4]
 * [--clients 64,256] [--seconds 5] [--warmup 15] [--out target/flash-sale-nodes] [--heap 1g]}.
 */
public final class MultiNodeHarness {

    private MultiNodeHarness() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            node(FlashSaleHarness.options(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Map<String, String> opt = FlashSaleHarness.options(args);
        String db = opt.getOrDefault("db", "postgres");
        int[] nodes = ints(opt.getOrDefault("nodes", "1,2,4"));
        int[] clients = ints(opt.getOrDefault("clients", "64,256"));
        Duration run = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("seconds", "5")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(opt.getOrDefault("warmup", "15")));
        String heap = opt.getOrDefault("heap", "1g");
        Path out = Path.of(opt.getOrDefault("out", "target/flash-sale-nodes"));
        Files.createDirectories(out);
        if (!db.startsWith("postgres")) {
            throw new IllegalArgumentException("many nodes need a database server: postgres or postgres-durable");
        }
        List<Point> points = new ArrayList<>();
        try (Database database = Database.start(db, Arrays.stream(clients).max().orElse(1) + 40)) {
            for (int c : clients) {
                for (int n : nodes) {
                    Point p = point(database, n, c, warmup, run, heap);
                    points.add(p);
                    System.out.printf(Locale.ROOT, "%-17s %d nodes %4d clients %9.0f locks/s  p50 %7.2f ms  p99 %7.2f ms"
                                    + "  max %8.2f ms  oversell %d/%d %s%n", db, n, c, p.locksPerSecond(), p.p50Ms(), p.p99Ms(),
                            p.maxMs(), p.oversellTotal(), p.oversellPerUser(), p.check());
                }
            }
        }
        Report.write(out, points.stream().sorted(java.util.Comparator.comparing(Point::subject)).toList(), run, warmup);
        System.out.println("results: " + out.resolve("results.md").toAbsolutePath());
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** One point: N nodes sharing C clients, measured, then raced on a limited coupon and checked. */
    static Point point(Database db, int nodes, int clients, Duration warmup, Duration run, String heap) throws Exception {
        db.renew();
        try (HikariDataSource pool = Database.hikari(db.url(), 2)) {
            LibraryWorkload setUp = new LibraryWorkload(pool, 1);
            setUp.prepare(100_000_000L, 1_000_000L);
            List<NodeResult> measured = runNodes(db.url(), nodes, clients, setUp.coupon().id(), "throughput", warmup, run, heap);
            double locksPerSecond = measured.stream().mapToDouble(NodeResult::locksPerSecond).sum();
            double p50 = measured.stream().mapToDouble(NodeResult::p50Ms).max().orElse(0);
            double p99 = measured.stream().mapToDouble(NodeResult::p99Ms).max().orElse(0);
            double max = measured.stream().mapToDouble(NodeResult::maxMs).max().orElse(0);

            setUp.prepare(500, 2);
            List<NodeResult> raced = runNodes(db.url(), nodes, clients, setUp.coupon().id(), "oversell", Duration.ZERO, Duration.ZERO, heap);
            long[] oversell = setUp.oversell(500, 2);
            String check = setUp.consistencyCheck();
            // what the nodes' relays left, relayed now; then every outbox row must have been published once
            AtomicLong lastRelay = new AtomicLong();
            CouponKernel relay = kernel(setUp, lastRelay);
            relay.publishPendingEvents();
            long published = lastRelay.get();
            long expired = 0;
            long backlog = measured.stream().mapToLong(NodeResult::backlog).max().orElse(0);
            for (List<NodeResult> phase : List.of(measured, raced)) {
                for (NodeResult r : phase) {
                    published += r.published();
                    expired += r.expired();
                }
            }
            long rows;
            long pending;
            try (Connection c = pool.getConnection()) {
                rows = FlashSaleHarness.single(c, "SELECT COUNT(*) FROM coupon_outbox");
                pending = FlashSaleHarness.single(c, "SELECT COUNT(*) FROM coupon_outbox WHERE published_at IS NULL");
            }
            String events = published == rows && pending == 0 ? "every event published once"
                    : "EVENTS: " + published + " published for " + rows + " outbox rows, " + pending + " pending";
            String subject = nodes + (nodes == 1 ? " node" : " nodes");
            return new Point(db.name, subject, clients, locksPerSecond, p50, p99, max, oversell[0], oversell[1],
                    check + "; " + events + " (" + backlog + " pending when the clients stopped); " + expired
                            + " abandoned locks released by the sweeps");
        }
    }

    /** What one node printed when it finished. */
    record NodeResult(double locksPerSecond, double p50Ms, double p99Ms, double maxMs, long published, long expired, long backlog) {}

    /** Starts the nodes, lets them begin at one instant, and waits for their results. */
    static List<NodeResult> runNodes(String url, int nodes, int clients, CouponId coupon, String phase, Duration warmup,
            Duration run, String heap) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long startAt = System.currentTimeMillis() + 3_000 + 500L * nodes;
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int mine = clients / nodes + (i < clients % nodes ? 1 : 0);
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    MultiNodeHarness.class.getName(), "node", "--url", url, "--coupon", coupon.value(), "--clients",
                    Integer.toString(mine), "--phase", phase, "--start-at", Long.toString(startAt), "--warmup",
                    Long.toString(warmup.toSeconds()), "--seconds", Long.toString(run.toSeconds()), "--node",
                    Integer.toString(i), "--combine", Integer.toString(FlashSaleHarness.combineMax));
            pb.redirectErrorStream(true);
            processes.add(pb.start());
        }
        List<NodeResult> results = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Process p = processes.get(i);
            NodeResult result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        String[] f = line.substring(7).split(" ");
                        result = new NodeResult(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                                Double.parseDouble(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]));
                    } else {
                        System.out.println("  node " + i + ": " + line);
                    }
                }
            }
            if (p.waitFor() != 0 || result == null) {
                throw new IllegalStateException("node " + i + " failed (exit " + p.exitValue() + ")");
            }
            results.add(result);
        }
        return results;
    }

    /** A kernel on the workload's storage whose publisher counts what it publishes; it runs no checkouts. */
    static CouponKernel kernel(LibraryWorkload w, AtomicLong published) {
        return CouponKernel.builder().storage(w.storage)
                .carts(id -> Optional.empty())
                .customers(id -> Optional.empty())
                .events(e -> published.incrementAndGet())
                .build();
    }

    /** One node: its own pool, storage and kernel; the relay and the sweep on a schedule; then the clients. */
    static void node(Map<String, String> opt) throws Exception {
        int clients = Integer.parseInt(opt.get("clients"));
        FlashSaleHarness.combineMax = Integer.parseInt(opt.getOrDefault("combine", "128"));
        try (HikariDataSource pool = Database.hikari(opt.get("url"), clients + 3)) {
            LibraryWorkload w = new LibraryWorkload(pool, FlashSaleHarness.combineMax);
            w.abandonEvery = 20;
            w.attach(CouponId.of(opt.get("coupon")));
            AtomicLong published = new AtomicLong();
            AtomicLong expired = new AtomicLong();
            CouponKernel kernel = kernel(w, published);
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
            background.scheduleWithFixedDelay(() -> quietly(kernel::publishPendingEvents, null), 250, 250, TimeUnit.MILLISECONDS);
            background.scheduleWithFixedDelay(() -> quietly(() -> kernel.expireLocks(1_000), expired), 250, 250, TimeUnit.MILLISECONDS);
            long wait = Long.parseLong(opt.get("start-at")) - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Result r;
            if (opt.get("phase").equals("throughput")) {
                r = FlashSaleHarness.drive(w, clients, Duration.ofSeconds(Long.parseLong(opt.get("warmup"))),
                        Duration.ofSeconds(Long.parseLong(opt.get("seconds"))));
            } else {
                FlashSaleHarness.drain(w, clients);
                r = new Result(0, 0, 0, 0);
            }
            long backlog;
            try (Connection c = pool.getConnection()) {
                backlog = FlashSaleHarness.single(c, "SELECT COUNT(*) FROM coupon_outbox WHERE published_at IS NULL");
            }
            // the relays go on until the outbox is empty: a node stops only once it has published its share
            background.shutdown();
            if (!background.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the relay did not finish within 10 minutes");
            }
            System.out.printf(Locale.ROOT, "RESULT %.1f %.3f %.3f %.3f %d %d %d%n", r.locksPerSecond(), r.p50Ms(), r.p99Ms(), r.maxMs(),
                    published.get(), expired.get(), backlog);
        }
    }

    /** Runs a background task; a failure is printed and the schedule goes on, as a host's scheduler would. */
    private static void quietly(java.util.function.IntSupplier task, AtomicLong total) {
        try {
            int n = task.getAsInt();
            if (total != null) {
                total.addAndGet(n);
            }
        } catch (RuntimeException e) {
            System.out.println("background task failed: " + e);
        }
    }
}
