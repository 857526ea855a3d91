package dev.couponkernel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.store.UsageRecord;
import dev.couponkernel.spi.store.UsageStatus;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.CouponId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The documented H2 file setup ({@link H2Files#durable}) keeps every acknowledged commit when the JVM
 * writing it is killed with {@code kill -9} mid-stream: a child JVM locks and redeems, printing each
 * acknowledgement, holding the file open as a host's pool does; it is killed at a different point in
 * each of three rounds on one file; after each
 * kill the file opens, every acknowledged lock and redeem is there, the consistency check is clean
 * and the audit chain intact.
 */
class H2FileCrashTest {

    @Test
    void aKilledJvmLosesNoAcknowledgedCommit() throws Exception {
        Path dir = Files.createTempDirectory("couponkernel-crash");
        String url = H2Files.durable(dir.resolve("coupons"));
        assertThat(url).contains(";WRITE_DELAY=0").startsWith("jdbc:h2:file:");
        String coupon = null;
        for (int round = 0; round < 3; round++) {
            List<String> locked = new ArrayList<>();
            List<String> redeemed = new ArrayList<>();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), H2CrashWriter.class.getName(), url, "r" + round)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int target = 150 + 97 * round;
                String line;
                while (locked.size() < target && (line = in.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts[0].equals("COUPON")) {
                        coupon = coupon == null ? parts[1] : coupon;
                    } else if (parts[2].equals("lock")) {
                        locked.add(parts[1]);
                    } else {
                        redeemed.add(parts[1]);
                    }
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(locked).as("acknowledged locks before the kill").hasSizeGreaterThanOrEqualTo(150);

            UrlDataSource file = new UrlDataSource(url);
            try (java.sql.Connection keepOpen = file.getConnection()) { // one opening for all the reads below
                JdbcCouponStorage reopened = JdbcCouponStorage.on(file);
                for (String checkout : locked) {
                    List<UsageRecord> usages = reopened.ledger().usagesOf(CheckoutId.of(checkout));
                    assertThat(usages).as("the acknowledged lock of %s", checkout).hasSize(1);
                    if (redeemed.contains(checkout)) {
                        assertThat(usages.get(0).status()).as("the acknowledged redeem of %s", checkout)
                                .isEqualTo(UsageStatus.REDEEMED);
                    }
                }
                assertThat(reopened.consistency().problems()).isEmpty();
                assertThat(reopened.audit().verify(CouponId.of(coupon)).isIntact()).isTrue();
            } // closing the last connection closes the file for the next round's writer
        }
    }
}
