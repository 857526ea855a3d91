package dev.couponkernel.benchmarks.flashsale;

import dev.couponkernel.spi.value.TimeOrderedId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the order of generated ids costs an index as its table grows: rows keyed by random UUIDs
 * (version 4, as usage and event ids were) against rows keyed by time-ordered UUIDs (version 7,
 * {@link TimeOrderedId}), inserted into two tables of the same shape (a 36-character key, a second
 * indexed column, a payload) on one embedded PostgreSQL, in transactions of {@code --batch} rows.
 * The two tables take turns, segment by segment, so both see the same hour of the machine; each
 * segment's rate is printed as the tables grow to {@code --rows}. Run with {@code --durable true} for
 * {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, where a page touched for
 * the first time after a checkpoint is written whole to the WAL.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.couponkernel.benchmarks.flashsale.IdOrderHarness
 *     [--rows 4000000] [--segment 500000] [--batch 64] [--durable false]}</pre>
 *
 * A plain {@code main}; not run by the tests.
 */
public final class IdOrderHarness {

    private IdOrderHarness() {}

    /**
     * Runs the comparison.
     *
     * @param args the options above
     * @throws Exception on a database failure
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> opt = FlashSaleHarness.options(args);
        long rows = Long.parseLong(opt.getOrDefault("rows", "4000000"));
        long segment = Long.parseLong(opt.getOrDefault("segment", "500000"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "64"));
        boolean durable = Boolean.parseBoolean(opt.getOrDefault("durable", "false"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (durable) {
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        try (EmbeddedPostgres pg = builder.start()) {
            DataSource ds = pg.getPostgresDatabase();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (String t : List.of("ids_random", "ids_ordered")) {
                    s.execute("CREATE TABLE " + t + " (id VARCHAR(64) PRIMARY KEY, other VARCHAR(64) NOT NULL,"
                            + " pad VARCHAR(200) NOT NULL)");
                    s.execute("CREATE INDEX " + t + "_other ON " + t + " (other, id)");
                }
            }
            Supplier<String> random = () -> UUID.randomUUID().toString();
            Supplier<String> ordered = TimeOrderedId::next;
            System.out.printf("PostgreSQL %s, %d rows a transaction; rows/s per segment of %,d%n",
                    durable ? "durable (fsync, synchronous_commit, full_page_writes on)" : "with its test settings", batch, segment);
            System.out.println("| rows in each table | random UUID keys (v4) | time-ordered UUID keys (v7) | ratio |");
            System.out.println("|---|---|---|---|");
            for (long done = 0; done < rows; done += segment) {
                double r = insert(ds, "ids_random", random, segment, batch);
                double o = insert(ds, "ids_ordered", ordered, segment, batch);
                System.out.printf("| %,d | %,.0f | %,.0f | %.2f |%n", done + segment, r, o, o / r);
            }
        }
    }

    /** Inserts {@code n} rows in transactions of {@code batch}, both keys from {@code ids}; rows per second. */
    private static double insert(DataSource ds, String table, Supplier<String> ids, long n, int batch) throws Exception {
        String pad = "x".repeat(120);
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (id, other, pad) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[])")) {
                for (long done = 0; done < n; done += batch) {
                    List<String> id = new ArrayList<>(batch);
                    List<String> other = new ArrayList<>(batch);
                    List<String> pads = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        id.add(ids.get());
                        other.add(ids.get());
                        pads.add(pad);
                    }
                    ps.setArray(1, c.createArrayOf("varchar", id.toArray()));
                    ps.setArray(2, c.createArrayOf("varchar", other.toArray()));
                    ps.setArray(3, c.createArrayOf("varchar", pads.toArray()));
                    ps.executeUpdate();
                    c.commit();
                }
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
