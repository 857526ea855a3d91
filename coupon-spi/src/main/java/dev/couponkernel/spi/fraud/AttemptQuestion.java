package dev.couponkernel.spi.fraud;

import dev.couponkernel.spi.internal.Checks;

/**
 * One question to an {@link AttemptLog}: how many attempts a query matches, how many distinct values
 * of a field they have, or the instants of the latest of them. A {@link FraudSignalProvider} declares
 * the questions it will ask with {@link FraudSignalProvider#questions}, so that the fraud guard can ask
 * all providers' questions of one attempt in one call ({@link AttemptLog#answerAll}); on a database
 * that is one statement and one round trip instead of one per question. Equal questions are asked
 * once. Immutable and thread-safe.
 *
 * @param kind what is asked
 * @param query which attempts
 * @param field the field whose distinct values are counted, for {@link Kind#COUNT_DISTINCT}; else null
 * @param max the most instants returned, for {@link Kind#RECENT_TIMES}, from 1 to {@link #MAX_TIMES}; else 0
 */
public record AttemptQuestion(Kind kind, AttemptQuery query, AttemptField field, int max) {

    /** The most instants one {@link Kind#RECENT_TIMES} question returns. */
    public static final int MAX_TIMES = 1_000;

    /** What a question asks. */
    public enum Kind {
        /** How many attempts match ({@link AttemptLog#count}). */
        COUNT,
        /** How many distinct values of a field the matching attempts have ({@link AttemptLog#countDistinct}). */
        COUNT_DISTINCT,
        /** The instants of the latest matching attempts, newest first ({@link AttemptLog#recentTimes}). */
        RECENT_TIMES
    }

    /**
     * Validates the parts: a field exactly for {@link Kind#COUNT_DISTINCT}, a maximum exactly for
     * {@link Kind#RECENT_TIMES}.
     *
     * @param kind what is asked
     * @param query which attempts
     * @param field the field whose distinct values are counted, for {@link Kind#COUNT_DISTINCT}; else null
     * @param max the most instants returned, for {@link Kind#RECENT_TIMES}; else 0
     */
    public AttemptQuestion {
        Checks.notNull(kind, "kind");
        Checks.notNull(query, "query");
        boolean distinct = kind == Kind.COUNT_DISTINCT;
        if (distinct != (field != null)) {
            throw new dev.couponkernel.spi.error.InvalidInputException("field",
                    distinct ? "a distinct count needs the field to count" : "only a distinct count has a field");
        }
        boolean times = kind == Kind.RECENT_TIMES;
        if (times ? max < 1 || max > MAX_TIMES : max != 0) {
            throw new dev.couponkernel.spi.error.InvalidInputException("max", times
                    ? "must be from 1 to " + MAX_TIMES + ", was " + max : "only a question for recent times has a maximum");
        }
    }

    /**
     * @param query which attempts
     * @return the question how many attempts match
     */
    public static AttemptQuestion count(AttemptQuery query) {
        return new AttemptQuestion(Kind.COUNT, query, null, 0);
    }

    /**
     * @param query which attempts
     * @param field the field to count the values of
     * @return the question how many distinct values of {@code field} the matching attempts have
     */
    public static AttemptQuestion countDistinct(AttemptQuery query, AttemptField field) {
        return new AttemptQuestion(Kind.COUNT_DISTINCT, query, Checks.notNull(field, "field"), 0);
    }

    /**
     * @param query which attempts
     * @param max the most instants to return, from 1 to {@link #MAX_TIMES}
     * @return the question for the instants of the latest matching attempts, newest first
     */
    public static AttemptQuestion recentTimes(AttemptQuery query, int max) {
        return new AttemptQuestion(Kind.RECENT_TIMES, query, null, max);
    }
}
