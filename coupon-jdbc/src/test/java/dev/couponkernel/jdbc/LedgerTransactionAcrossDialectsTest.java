package dev.couponkernel.jdbc;

import static dev.couponkernel.testkit.StorageFixture.ACTOR;
import static dev.couponkernel.testkit.StorageFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couponkernel.spi.coupon.CouponRecord;
import dev.couponkernel.spi.store.LockOutcome;
import dev.couponkernel.spi.store.LockRequest;
import dev.couponkernel.spi.store.RedeemResult;
import dev.couponkernel.spi.store.ReleaseResult;
import dev.couponkernel.spi.value.CheckoutId;
import dev.couponkernel.spi.value.OrderId;
import dev.couponkernel.spi.value.UsageLimits;
import dev.couponkernel.spi.value.UserId;
import dev.couponkernel.testkit.StorageFixture;
import dev.couponkernel.spi.ledger.LedgerDecision;
import dev.couponkernel.spi.ledger.LedgerOp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The combined transaction writes its rows as JDBC batches on H2 and as one statement per table over
 * arrays on PostgreSQL. Both must leave exactly the same rows: the same batches of locks, refusals,
 * redeems and releases run on both databases, and every table the ledger writes is compared, value
 * by value (random ids and hashes aside). On PostgreSQL the outbox must also keep the events in the
 * order of the coupon's audit chain, since the relay publishes a coupon's events by outbox sequence.
 */
class LedgerTransactionAcrossDialectsTest {

    @Test
    void batchesAndArraysLeaveTheSameRows() throws SQLException {
        Run h2 = run(Databases.h2Memory(), false);
        Run postgres = run(Databases.postgres(), true);

        assertThat(postgres.outcomes).isEqualTo(h2.outcomes);
        assertThat(postgres.rows).isEqualTo(h2.rows);
        // the scenario did what it says: both refusals, a freed use taken, every kind of row written
        assertThat(h2.outcomes).containsExactly(
                "LOCKED", "LOCKED", "USER_LIMIT_REACHED", "LOCKED", "LOCKED", "LOCKED", "TOTAL_LIMIT_REACHED",
                "REDEEMED", "RELEASED", "REDEEMED", "LOCKED", "TOTAL_LIMIT_REACHED");
    }

    @Test
    void theOutboxKeepsTheOrderOfTheAuditChainOnPostgres() throws SQLException {
        DataSource ds = Databases.postgres();
        Run run = run(ds, true);
        assertThat(run.outcomes).hasSize(12);
        try (Connection c = ds.getConnection()) {
            List<String> audit = column(c, "SELECT action || ' ' || COALESCE(usage_id, '-') FROM coupon_audit WHERE coupon_id = ?"
                    + " ORDER BY chain_pos", run.coupon);
            List<String> outbox = column(c, "SELECT event_type || ' ' || payload FROM coupon_outbox WHERE coupon_id = ? ORDER BY seq",
                    run.coupon);
            // the creation, five locks, then two redeems, a release and a lock; refusals write nothing
            assertThat(audit).hasSize(10);
            assertThat(outbox).hasSameSizeAs(audit);
            for (int i = 0; i < audit.size(); i++) {
                String[] entry = audit.get(i).split(" ");
                assertThat(outbox.get(i)).as("event %s", i).startsWith(eventOf(entry[0]) + " ");
                if (!entry[1].equals("-")) {
                    assertThat(outbox.get(i)).as("event %s", i).contains(entry[1]);
                }
            }
        }
        assertThat(JdbcCouponStorage.on(ds).consistency().problems()).isEmpty();
    }

    private static String eventOf(String action) {
        return switch (action) {
            case "COUPON_CREATED" -> "CouponCreated";
            case "USAGE_LOCKED" -> "CouponApplied";
            case "USAGE_REDEEMED" -> "CouponRedeemed";
            case "USAGE_RELEASED" -> "CouponReleased";
            default -> throw new AssertionError("unexpected audit action " + action);
        };
    }

    record Run(String coupon, List<String> outcomes, List<String> rows) {}

    private static Run run(DataSource ds, boolean postgres) throws SQLException {
        CouponRecord coupon = new StorageFixture(JdbcCouponStorage.on(ds)).coupon(UsageLimits.of(5, 2));
        LedgerTransaction writes = new LedgerTransaction(postgres);
        List<String> outcomes = new ArrayList<>();
        // first batch: seven locks, one past the customer's limit, one past the total
        List<LedgerOp> first = new ArrayList<>();
        String[] users = {"ann", "ann", "ann", "bob", "cid", "dee", "eve"};
        for (int i = 0; i < users.length; i++) {
            first.add(lock(coupon, users[i], "checkout-" + i, i));
        }
        outcomes.addAll(inTransaction(ds, c -> writes.run(c, first)));
        // second batch: two redeems and a release first, then locks: one takes the freed use
        List<LedgerOp> second = List.of(
                new LedgerOp.Redeem(CheckoutId.of("checkout-0"), null, OrderId.of("order-0"), T0.plusSeconds(60), ACTOR),
                new LedgerOp.Release(CheckoutId.of("checkout-1"), null, "payment failed", T0.plusSeconds(61), ACTOR),
                new LedgerOp.Redeem(CheckoutId.of("checkout-3"), null, OrderId.of("order-3"), T0.plusSeconds(62), ACTOR),
                lock(coupon, "dee", "checkout-7", 70),
                lock(coupon, "eve", "checkout-8", 71));
        outcomes.addAll(inTransaction(ds, c -> writes.run(c, second)));

        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            String id = coupon.id().value();
            rows.addAll(table(c, "SELECT used FROM coupon_counter WHERE coupon_id = ?", id));
            rows.addAll(table(c, "SELECT user_id, used FROM coupon_user_counter WHERE coupon_id = ? ORDER BY user_id", id));
            rows.addAll(table(c, "SELECT code, user_id, checkout_id, status, locked_at, expires_at, order_id, closed_at, release_reason"
                    + " FROM coupon_usage WHERE coupon_id = ? ORDER BY checkout_id", id));
            rows.addAll(table(c, "SELECT k.checkout_id, k.closed_at FROM coupon_checkout k WHERE k.checkout_id IN"
                    + " (SELECT checkout_id FROM coupon_usage WHERE coupon_id = ?) ORDER BY k.checkout_id", id));
            rows.addAll(table(c, "SELECT user_id, locked, redeemed, released, last_at FROM coupon_user_usage WHERE coupon_id = ?"
                    + " ORDER BY user_id", id));
            rows.addAll(table(c, "SELECT a.chain_pos, a.action, a.actor, a.reason, a.detail, a.at, u.checkout_id FROM coupon_audit a"
                    + " LEFT JOIN coupon_usage u ON u.id = a.usage_id WHERE a.coupon_id = ? ORDER BY a.chain_pos", id));
            rows.addAll(table(c, "SELECT h.entries FROM coupon_audit_head h WHERE h.coupon_id = ?", id));
            rows.addAll(table(c, "SELECT event_type, recorded_at, published_at FROM coupon_outbox WHERE coupon_id = ? ORDER BY seq", id));
            rows.addAll(table(c, "SELECT COUNT(*) FROM coupon_outbox WHERE coupon_id = ? AND partition_no = "
                    + dev.couponkernel.jdbc.internal.Sql.partition(id), id));
        }
        // each run has a coupon of its own: its code is the one value allowed to differ
        rows.replaceAll(row -> row.replace(coupon.definition().code().value(), "<code>"));
        return new Run(coupon.id().value(), outcomes, rows);
    }

    private static LedgerOp lock(CouponRecord coupon, String user, String checkout, int second) {
        return new LedgerOp.Lock(new LockRequest(coupon.id(), coupon.definition().code(), UserId.of(user),
                CheckoutId.of(checkout), coupon.definition().limits(), T0.plusSeconds(second).plusNanos(123_456_789),
                T0.plusSeconds(second + 900), ACTOR));
    }

    interface Work {
        LedgerDecision run(Connection c) throws SQLException;
    }

    private static List<String> inTransaction(DataSource ds, Work work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            LedgerDecision decision = work.run(c);
            c.commit();
            List<String> outcomes = new ArrayList<>();
            for (LedgerDecision.Outcome o : decision.outcomes()) {
                Object r = o.get(Object.class);
                if (r instanceof LockOutcome l) {
                    outcomes.add(l.isLocked() ? "LOCKED" : l.reason().orElseThrow().name());
                } else if (r instanceof RedeemResult d) {
                    outcomes.add(d.status().name());
                } else {
                    outcomes.add(((ReleaseResult) r).status().name());
                }
            }
            return outcomes;
        }
    }

    /** Each row as text; timestamps as instants, so both databases print them alike. */
    private static List<String> table(Connection c, String sql, String param) throws SQLException {
        String label = sql.substring(0, Math.min(40, sql.length())) + ":";
        return query(c, sql, param, rs -> {
            StringBuilder row = new StringBuilder(label);
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
                    value = rs.getObject(i, OffsetDateTime.class).toInstant();
                } else if (value instanceof Number n) {
                    value = n.longValue();
                } else if (value instanceof String s) {
                    value = s.trim();
                }
                row.append(' ').append(value);
            }
            return row.toString();
        });
    }

    private static List<String> column(Connection c, String sql, String param) throws SQLException {
        return query(c, sql, param, rs -> rs.getString(1));
    }

    interface Row {
        String read(ResultSet rs) throws SQLException;
    }

    private static List<String> query(Connection c, String sql, String param, Row row) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
        }
        return rows;
    }
}
