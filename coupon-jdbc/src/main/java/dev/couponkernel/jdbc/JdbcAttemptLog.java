package dev.couponkernel.jdbc;

import static dev.couponkernel.jdbc.internal.Sql.instant;
import static dev.couponkernel.jdbc.internal.Sql.prepare;
import static dev.couponkernel.jdbc.internal.Sql.update;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Tx;
import dev.couponkernel.spi.fraud.AttemptAnswer;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.internal.Checks;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fraud guard's {@link AttemptLog} in table {@code coupon_attempt} (schema version 2): one row
 * per attempt, indexed by user, device, IP, payment fingerprint and coupon, each with the time, so
 * the signals' windowed counts read an index range. Appending takes no lock a checkout waits for;
 * every call is one statement in auto-commit (one round trip), unless a statement time-out is set.
 * Thread-safe.
 */
public final class JdbcAttemptLog implements AttemptLog {

    private final Tx tx;

    JdbcAttemptLog(Tx tx) {
        this.tx = tx;
    }

    @Override
    public void record(AttemptRecord attempt) {
        Checks.notNull(attempt, "attempt");
        AttemptContext a = attempt.context();
        String signals = Codecs.encodeSignals(attempt.signals());
        tx.single(c -> update(c, "INSERT INTO coupon_attempt (at, kind, code_typed, user_id, account_created_at, device, ip,"
                        + " payment, cart_value, coupon_id, outcome, reason, score, decision, signals)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.at(), a.kind().name(), a.codeAsTyped(), a.userId().value(), a.accountCreatedAt(),
                a.client().deviceFingerprint(), a.client().ipAddress(), a.client().paymentFingerprint(),
                a.cartValue().amount().toPlainString() + " " + a.cartValue().currency().getCurrencyCode(),
                attempt.couponId() == null ? null : attempt.couponId().value(), attempt.outcome().name(),
                attempt.reason() == null ? null : attempt.reason().name(), attempt.score().value(),
                attempt.decision().name(), signals));
    }

    @Override
    public long count(AttemptQuery query) {
        return single("COUNT(*)", query);
    }

    @Override
    public long countDistinct(AttemptQuery query, AttemptField field) {
        Checks.notNull(field, "field");
        return single("COUNT(DISTINCT " + column(field) + ")", query);
    }

    private long single(String what, AttemptQuery query) {
        Where w = where(Checks.notNull(query, "query"));
        return tx.single(c -> {
            try (PreparedStatement ps = prepare(c, "SELECT " + what + " FROM coupon_attempt WHERE " + w.sql, w.params.toArray());
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<Instant> recentTimes(AttemptQuery query, int max) {
        Checks.positive(max, "max");
        Where w = where(Checks.notNull(query, "query"));
        List<Object> params = new ArrayList<>(w.params);
        params.add(max);
        return tx.single(c -> {
            List<Instant> times = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "SELECT at FROM coupon_attempt WHERE " + w.sql + " ORDER BY at DESC LIMIT ?",
                    params.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(instant(rs, "at"));
                }
            }
            return times;
        });
    }

    /**
     * All questions in one statement (one round trip): a {@code UNION ALL} of one indexed read per
     * question, each tagged with its position, so the answers are one snapshot of the log.
     */
    @Override
    public List<AttemptAnswer> answerAll(List<AttemptQuestion> questions) {
        AttemptLog.checkQuestions(questions);
        if (questions.isEmpty()) {
            return List.of();
        }
        Where statement = statement(questions);
        long[] counts = new long[questions.size()];
        List<List<Instant>> times = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            times.add(new ArrayList<>());
        }
        tx.single(c -> {
            try (PreparedStatement ps = prepare(c, statement.sql, statement.params.toArray()); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int q = rs.getInt(1);
                    counts[q] = rs.getLong(2);
                    Instant at = instant(rs, 3);
                    if (at != null) {
                        times.get(q).add(at);
                    }
                }
            }
            return null;
        });
        List<AttemptAnswer> answers = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            answers.add(switch (questions.get(i).kind()) {
                case COUNT, COUNT_DISTINCT -> AttemptAnswer.ofCount(counts[i]);
                case RECENT_TIMES -> {
                    List<Instant> newestFirst = times.get(i);
                    newestFirst.sort(Comparator.reverseOrder());
                    yield AttemptAnswer.ofTimes(newestFirst);
                }
            });
        }
        return answers;
    }

    /** The one statement that answers the questions: rows of (position, count, instant). */
    static Where statement(List<AttemptQuestion> questions) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            AttemptQuestion q = questions.get(i);
            Where w = where(q.query());
            sql.append(i == 0 ? "" : " UNION ALL ");
            switch (q.kind()) {
                case COUNT -> sql.append("SELECT ").append(i).append(" AS q, COUNT(*) AS n, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS at")
                        .append(" FROM coupon_attempt WHERE ").append(w.sql);
                case COUNT_DISTINCT -> sql.append("SELECT ").append(i).append(" AS q, COUNT(DISTINCT ").append(column(q.field()))
                        .append(") AS n, CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS at FROM coupon_attempt WHERE ").append(w.sql);
                case RECENT_TIMES -> sql.append("SELECT ").append(i).append(" AS q, CAST(0 AS BIGINT) AS n, t.at AS at FROM (SELECT at")
                        .append(" FROM coupon_attempt WHERE ").append(w.sql).append(" ORDER BY at DESC LIMIT ?) t");
            }
            params.addAll(w.params);
            if (q.kind() == AttemptQuestion.Kind.RECENT_TIMES) {
                params.add(q.max());
            }
        }
        return new Where(sql.toString(), params);
    }

    @Override
    public int purge(Instant before, int max) {
        Checks.notNull(before, "before");
        Checks.positive(max, "max");
        return tx.single(c -> update(c, "DELETE FROM coupon_attempt WHERE seq IN"
                + " (SELECT seq FROM coupon_attempt WHERE at < ? ORDER BY at LIMIT ?)", before, max));
    }

    /** A statement's text and its parameters, in order. */
    record Where(String sql, List<Object> params) {}

    private static Where where(AttemptQuery q) {
        StringBuilder sql = new StringBuilder(column(q.field())).append(" = ? AND at >= ?");
        List<Object> params = new ArrayList<>(List.of(q.value(), q.since()));
        if (q.outcomes().size() < AttemptOutcome.values().length) {
            sql.append(" AND outcome IN (");
            String sep = "";
            for (AttemptOutcome o : AttemptOutcome.values()) {
                if (q.outcomes().contains(o)) {
                    sql.append(sep).append('?');
                    params.add(o.name());
                    sep = ", ";
                }
            }
            sql.append(')');
        }
        if (q.couponId() != null) {
            // An expression, not the bare column, when the query selects by another field: the
            // coupon's index must not compete with the field's. A planner without statistics (a new
            // table; H2) would otherwise read every attempt of a hot coupon within the window and
            // filter them, for each attempt screened: 12,000 rows for one multi-account count after
            // 12,000 attempts, where the device's index finds its few.
            sql.append(q.field() == AttemptField.COUPON ? " AND coupon_id = ?" : " AND COALESCE(coupon_id, '') = ?");
            params.add(q.couponId().value());
        }
        if (q.unknownCodeOnly()) {
            sql.append(" AND coupon_id IS NULL");
        }
        if (q.excludedUser() != null) {
            sql.append(" AND user_id <> ?");
            params.add(q.excludedUser().value());
        }
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(q.kind().name());
        }
        if (q.accountsCreatedAfter() != null) {
            sql.append(" AND account_created_at > ?");
            params.add(q.accountsCreatedAfter());
        }
        return new Where(sql.toString(), params);
    }

    private static String column(AttemptField field) {
        return switch (field) {
            case USER -> "user_id";
            case DEVICE -> "device";
            case IP -> "ip";
            case PAYMENT -> "payment";
            case COUPON -> "coupon_id";
        };
    }
}
