package dev.couponkernel.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's walk-through command's main paths, so that it cannot rot. */
class DemoTest {

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Demo.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theWalkThroughRunsOnEmbeddedH2WithTheDefaults() {
        Run r = run();

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("on H2",
                "== 1. Coupons of each kind", "percent with a cap", "fixed per currency", "free shipping", "seller-scoped",
                "exclusive", "tiered by subtotal", "per unit, at most 2", "buy shoes, get socks", "3 for a price", "order and shipping",
                "the shop's own kind", "SAVE2PER25",
                "== 2. Pricing a cart", "NOT_COMBINABLE", "UNKNOWN_CODE", "customer pays 80.50 EUR",
                "== 3. The checkout saga", "redeem for order-1001: REDEEMED", "RELEASED; uses counted now: 1 of 2",
                "the sweep releases 1 lock(s); uses counted: 1 of 2", "a late redeem of checkout-3: RELEASED",
                "== 4. A flash sale: 2000 customers race for a coupon with 500 uses", "2000/2000",
                "== 5. A campaign: 10000 single-use codes", "10000/10000", "stored 10000 codes; the same batch again: replayed,"
                        + " 10000 codes in all", "exported for the mailing tool", "reader-0 applies NL-", "locked, 4.00 EUR off",
                "tries reader-0's code", "[CODE_USED_UP]", "codes by state: {UNUSED=9997, LOCKED=1, REDEEMED=1, VOIDED=1}",
                "== 6. A fraud attack", "GUESS5 SUSPECTED_FRAUD", "3 got the coupon, 47 blocked", "stays ACTIVE",
                "the fraud guard suspended WELCOME-", "SUSPENDED coupon WELCOME-", "is ACTIVE again",
                "== 7. The audit chain");
        assertThat(r.out()).containsPattern("redeemed\\s+500\\s+500");
        assertThat(r.out()).containsPattern("oversell \\(redeemed \\+ locked - 500\\)\\s+0\\s+0");
        assertThat(r.out()).contains("consistency check: clean").doesNotContain("BROKEN").doesNotContain("at bot -1");
    }

    @Test
    void theWalkThroughRunsOnPostgresqlTwiceOnOneDatabase() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Run first = run("--jdbc-url", url, "--user", "postgres", "--customers", "300", "--uses", "100");
            Run second = run("--jdbc-url", url, "--user", "postgres", "--customers", "300", "--uses", "100");

            assertThat(first.status()).as(first.err()).isZero();
            assertThat(second.status()).as(second.err()).isZero();
            assertThat(second.out()).contains("on PostgreSQL", "300/300", "consistency check: clean");
            assertThat(second.out()).containsPattern("redeemed\\s+100\\s+100");
        }
    }

    @Test
    void helpPrintsTheUsage() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: Demo", "--jdbc-url", "--customers");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        assertThat(run("--frobnicate")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("unknown argument '--frobnicate'", "Usage:");
        });
        assertThat(run("--customers", "many").err()).contains("--customers must be a whole number, was 'many'");
        assertThat(run("--uses", "0").err()).contains("--uses must be 1 to 100000, was 0");
        assertThat(run("--jdbc-url").err()).contains("--jdbc-url needs a value");
        assertThat(run("--jdbc-url", "jdbc:mysql://x/y").err()).contains("must start with jdbc:postgresql: or jdbc:h2:");
        assertThat(run("--user", "bob").err()).contains("--user and --password need --jdbc-url");
    }

    @Test
    void anUnreachableDatabaseExitsWithThreeAndSaysWhere() {
        Run r = run("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "--user", "x", "--password", "y");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).contains("cannot reach the database at jdbc:postgresql://127.0.0.1:1/nowhere");
    }
}
