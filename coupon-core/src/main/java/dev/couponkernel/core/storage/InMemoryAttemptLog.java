package dev.couponkernel.core.storage;

import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference {@link AttemptLog}, in memory, for tests, demos and single-process hosts that accept
 * losing the history on restart. Attempts are indexed by each field's value, so a query reads only
 * the attempts of its user, device, IP, payment fingerprint or coupon.
 *
 * <p>Thread-safe: a read-write lock guards the indexes.
 */
public final class InMemoryAttemptLog implements AttemptLog {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<AttemptField, Map<String, List<AttemptRecord>>> byField = new EnumMap<>(AttemptField.class);
    private final List<AttemptRecord> all = new ArrayList<>();

    private InMemoryAttemptLog() {
        for (AttemptField f : AttemptField.values()) {
            byField.put(f, new HashMap<>());
        }
    }

    /** @return an empty log */
    public static InMemoryAttemptLog create() {
        return new InMemoryAttemptLog();
    }

    @Override
    public void record(AttemptRecord attempt) {
        Checks.notNull(attempt, "attempt");
        lock.writeLock().lock();
        try {
            all.add(attempt);
            index(attempt);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void index(AttemptRecord attempt) {
        for (AttemptField f : AttemptField.values()) {
            String value = attempt.valueOf(f);
            if (value != null) {
                byField.get(f).computeIfAbsent(value, k -> new ArrayList<>()).add(attempt);
            }
        }
    }

    @Override
    public long count(AttemptQuery query) {
        return matching(query).size();
    }

    @Override
    public long countDistinct(AttemptQuery query, AttemptField field) {
        Checks.notNull(field, "field");
        Set<String> values = new HashSet<>();
        for (AttemptRecord r : matching(query)) {
            String v = r.valueOf(field);
            if (v != null) {
                values.add(v);
            }
        }
        return values.size();
    }

    @Override
    public List<Instant> recentTimes(AttemptQuery query, int max) {
        Checks.positive(max, "max");
        List<Instant> times = new ArrayList<>();
        for (AttemptRecord r : matching(query)) {
            times.add(r.context().at());
        }
        times.sort(Comparator.reverseOrder());
        return List.copyOf(times.subList(0, Math.min(max, times.size())));
    }

    private List<AttemptRecord> matching(AttemptQuery query) {
        Checks.notNull(query, "query");
        lock.readLock().lock();
        try {
            List<AttemptRecord> candidates = byField.get(query.field()).getOrDefault(query.value(), List.of());
            List<AttemptRecord> found = new ArrayList<>();
            for (int i = candidates.size() - 1; i >= 0; i--) {
                AttemptRecord r = candidates.get(i);
                if (query.matches(r)) {
                    found.add(r);
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int purge(Instant before, int max) {
        Checks.notNull(before, "before");
        Checks.positive(max, "max");
        lock.writeLock().lock();
        try {
            int removed = 0;
            for (Iterator<AttemptRecord> it = all.iterator(); it.hasNext() && removed < max; ) {
                if (it.next().context().at().isBefore(before)) {
                    it.remove();
                    removed++;
                }
            }
            if (removed > 0) {
                byField.values().forEach(Map::clear);
                all.forEach(this::index);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return how many attempts the log holds */
    public int size() {
        lock.readLock().lock();
        try {
            return all.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
