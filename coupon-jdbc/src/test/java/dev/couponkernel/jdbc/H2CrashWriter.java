package dev.couponkernel.jdbc;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.testkit.StorageFixture;
import java.io.PrintStream;

/**
 * The JVM {@link H2FileCrashTest} kills: on the H2 file URL it is given, locks and redeems one
 * checkout after another and prints {@code ACK <n> <lock|redeem>} after each call returned, until it
 * is killed. The coupon is created when the database is new.
 */
public final class H2CrashWriter {

    private H2CrashWriter() {}

    public static void main(String[] args) throws java.sql.SQLException {
        UrlDataSource ds = new UrlDataSource(args[0]);
        // held open until the kill, as a host's pool holds the file open: no commit reaches the file by
        // the database closing after its last connection
        java.sql.Connection keepOpen = ds.getConnection();
        SchemaInstaller.install(ds);
        JdbcCouponStorage storage = JdbcCouponStorage.on(ds);
        StorageFixture given = new StorageFixture(storage);
        CouponRecord coupon = given.coupon(UsageLimits.of(1_000_000, 1_000_000));
        PrintStream out = System.out;
        out.println("COUPON " + coupon.id().value());
        out.flush();
        String run = args[1];
        for (int i = 0; ; i++) {
            String checkout = run + "-" + i;
            given.lock(coupon, "u-" + (i % 50), checkout, StorageFixture.T0.plusSeconds(i));
            out.println("ACK " + checkout + " lock");
            out.flush();
            if (i % 2 == 0) {
                storage.ledger().redeem(CheckoutId.of(checkout), OrderId.of("order-" + checkout),
                        StorageFixture.T0.plusSeconds(i), StorageFixture.ACTOR);
                out.println("ACK " + checkout + " redeem");
                out.flush();
            }
            if (keepOpen.isClosed()) {
                throw new IllegalStateException("the database closed under the writer");
            }
        }
    }
}
