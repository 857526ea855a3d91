package dev.couponkernel.jpa;

import dev.couponkernel.jdbc.internal.Codecs;
import dev.couponkernel.jdbc.internal.Sql;
import dev.couponkernel.jpa.entity.AttemptRow;
import dev.couponkernel.jpa.internal.JpaTx;
import dev.couponkernel.jpa.internal.Writes;
import dev.couponkernel.spi.fraud.AttemptContext;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptOutcome;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.internal.Checks;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fraud guard's {@link AttemptLog} on entity {@code CkAttempt} (table {@code coupon_attempt}).
 * Every call runs in a transaction of its own, never in a host's: an attempt stays recorded when the
 * host's transaction rolls back (a bot's guesses must count however its checkout ends), and the log
 * takes no lock that a checkout waits for. Thread-safe.
 */
public final class JpaAttemptLog implements AttemptLog {

    private final JpaTx tx;

    JpaAttemptLog(JpaTx tx) {
        this.tx = tx;
    }

    @Override
    public void record(AttemptRecord attempt) {
        Checks.notNull(attempt, "attempt");
        AttemptContext a = attempt.context();
        AttemptRow row = new AttemptRow(Sql.micros(a.at()), a.kind().name(), a.codeAsTyped(), a.userId().value(),
                Sql.micros(a.accountCreatedAt()), a.client().deviceFingerprint(), a.client().ipAddress(),
                a.client().paymentFingerprint(), a.cartValue().amount().toPlainString() + " " + a.cartValue().currency().getCurrencyCode(),
                attempt.couponId() == null ? null : attempt.couponId().value(), attempt.outcome().name(),
                attempt.reason() == null ? null : attempt.reason().name(), attempt.score().value(), attempt.decision().name(),
                Codecs.encodeSignals(attempt.signals()));
        tx.alone(em -> {
            Writes.insert(em, row);
            return null;
        });
    }

    @Override
    public long count(AttemptQuery query) {
        Where w = where(Checks.notNull(query, "query"));
        return tx.alone(em -> w.bind(em.createQuery("SELECT COUNT(a) FROM CkAttempt a WHERE " + w.jpql, Long.class)).getSingleResult());
    }

    @Override
    public long countDistinct(AttemptQuery query, AttemptField field) {
        Checks.notNull(field, "field");
        Where w = where(Checks.notNull(query, "query"));
        return tx.alone(em -> w.bind(em.createQuery("SELECT COUNT(DISTINCT a." + attribute(field) + ") FROM CkAttempt a WHERE "
                + w.jpql, Long.class)).getSingleResult());
    }

    @Override
    public List<Instant> recentTimes(AttemptQuery query, int max) {
        Checks.positive(max, "max");
        Where w = where(Checks.notNull(query, "query"));
        return tx.alone(em -> w.bind(em.createQuery("SELECT a.at FROM CkAttempt a WHERE " + w.jpql + " ORDER BY a.at DESC",
                Instant.class)).setMaxResults(max).getResultList());
    }

    @Override
    public int purge(Instant before, int max) {
        Checks.notNull(before, "before");
        Checks.positive(max, "max");
        return tx.alone(em -> {
            List<Long> oldest = em.createQuery("SELECT a.seq FROM CkAttempt a WHERE a.at < :before ORDER BY a.at", Long.class)
                    .setParameter("before", Sql.micros(before)).setMaxResults(max).getResultList();
            return oldest.isEmpty() ? 0
                    : em.createQuery("DELETE FROM CkAttempt a WHERE a.seq IN :seqs").setParameter("seqs", oldest).executeUpdate();
        });
    }

    /** A query's condition in JPQL, with its named parameters. */
    private record Where(String jpql, Map<String, Object> params) {
        <T> TypedQuery<T> bind(TypedQuery<T> q) {
            params.forEach(q::setParameter);
            return q;
        }
    }

    private static Where where(AttemptQuery q) {
        StringBuilder jpql = new StringBuilder("a.").append(attribute(q.field())).append(" = :value AND a.at >= :since");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("value", q.value());
        params.put("since", Sql.micros(q.since()));
        if (q.outcomes().size() < AttemptOutcome.values().length) {
            List<String> outcomes = new ArrayList<>();
            q.outcomes().forEach(o -> outcomes.add(o.name()));
            jpql.append(" AND a.outcome IN :outcomes");
            params.put("outcomes", outcomes);
        }
        if (q.couponId() != null) {
            // as JdbcAttemptLog does: an expression when selecting by another field, so the coupon's
            // index does not compete with that field's (a hot coupon's attempts would all be read)
            jpql.append(q.field() == AttemptField.COUPON ? " AND a.couponId = :coupon" : " AND COALESCE(a.couponId, '') = :coupon");
            params.put("coupon", q.couponId().value());
        }
        if (q.unknownCodeOnly()) {
            jpql.append(" AND a.couponId IS NULL");
        }
        if (q.excludedUser() != null) {
            jpql.append(" AND a.userId <> :excluded");
            params.put("excluded", q.excludedUser().value());
        }
        if (q.kind() != null) {
            jpql.append(" AND a.kind = :kind");
            params.put("kind", q.kind().name());
        }
        if (q.accountsCreatedAfter() != null) {
            jpql.append(" AND a.accountCreatedAt > :createdAfter");
            params.put("createdAfter", Sql.micros(q.accountsCreatedAfter()));
        }
        return new Where(jpql.toString(), params);
    }

    private static String attribute(AttemptField field) {
        return switch (field) {
            case USER -> "userId";
            case DEVICE -> "device";
            case IP -> "ip";
            case PAYMENT -> "payment";
            case COUPON -> "couponId";
        };
    }
}
