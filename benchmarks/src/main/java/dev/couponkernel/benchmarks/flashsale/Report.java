package dev.couponkernel.benchmarks.flashsale;

import dev.couponkernel.benchmarks.flashsale.FlashSaleHarness.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Writes the harness's results: a Markdown table per database and an SVG chart of locks/s against clients. */
final class Report {

    private static final Map<String, String> COLOURS = Map.of(
            "library-combined", "#1b7f3b", "library", "#2e86c1", "raw-conditional", "#c0392b", "raw-select-for-update", "#7f8c8d");

    /** Colours of series other than the four subjects (the many-node harness's node counts). */
    private static final String[] PALETTE = {"#1b7f3b", "#2e86c1", "#8e44ad", "#d35400"};

    private Report() {}

    static void write(Path out, List<Point> points, Duration run, Duration warmup) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Each point: %d s warm-up, %d s measured. Machine: %d cores, %s %s, Java %s.%n%n",
                warmup.toSeconds(), run.toSeconds(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version")));
        Map<String, List<Point>> byDb = points.stream().collect(Collectors.groupingBy(Point::db, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Point>> db : byDb.entrySet()) {
            md.append("### ").append(db.getKey()).append("\n\n");
            md.append("| subject | clients | locks/s | p50 ms | p99 ms | max ms | oversell total | oversell per customer | check |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Point p : db.getValue()) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %d | %d | %s |%n", p.subject(), p.clients(),
                        p.locksPerSecond(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.oversellTotal(), p.oversellPerUser(), p.check()));
            }
            md.append('\n');
            Files.writeString(out.resolve("flash-sale-" + db.getKey() + ".svg"), chart(db.getKey(), db.getValue()));
        }
        Files.writeString(out.resolve("results.md"), md.toString());
        System.out.print(md);
    }

    /** Locks/s (linear) against clients (log scale), one line per subject. */
    static String chart(String db, List<Point> points) {
        int w = 640;
        int h = 400;
        int left = 80;
        int right = 180;
        int top = 40;
        int bottom = 50;
        List<Integer> clients = List.copyOf(new TreeSet<>(points.stream().map(Point::clients).toList()));
        double max = points.stream().mapToDouble(Point::locksPerSecond).max().orElse(1) * 1.1;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n", w, h));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">Locks per second on one coupon, %s</text>%n", left, db));
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            double y = top + plotH - plotH * i / 5.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", left, y, left + plotW, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,.0f</text>%n", left - 6, y + 4, v));
        }
        for (int i = 0; i < clients.size(); i++) {
            double x = x(i, clients.size(), left, plotW);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, top + plotH + 18,
                    clients.get(i)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">concurrent checkouts</text>%n",
                left + plotW / 2.0, h - 8));
        int legend = 0;
        for (String subject : new java.util.LinkedHashSet<>(points.stream().map(Point::subject).toList())) {
            List<Point> line = points.stream().filter(p -> p.subject().equals(subject)).toList();
            String colour = COLOURS.getOrDefault(subject, PALETTE[legend % PALETTE.length]);
            StringBuilder path = new StringBuilder();
            for (Point p : line) {
                double x = x(clients.indexOf(p.clients()), clients.size(), left, plotW);
                double y = top + plotH - plotH * p.locksPerSecond() / max;
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path, colour));
            int ly = top + 10 + legend * 20;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    left + plotW + 12, ly, left + plotW + 32, ly, colour));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 38, ly + 4, subject));
            legend++;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double x(int index, int count, int left, int plotW) {
        return count == 1 ? left + plotW / 2.0 : left + plotW * index / (double) (count - 1);
    }
}
