package dev.couponkernel.spi.fraud;

import java.time.Instant;
import java.util.List;

/**
 * The record of every attempt to use a code, valid or not, that the fraud signals read their history
 * from. Append-only apart from {@link #purge}, which a host runs to keep a retention period.
 *
 * <p>Queries see every attempt whose {@link #record} returned before the query started. The
 * in-memory log of the core and the JDBC log implement it; both run {@code AttemptLogContract} of
 * coupon-testkit.
 *
 * <p>The fraud guard asks the questions of one attempt together, through {@link #answerAll}; its
 * default asks them one by one, and a store that can answer several in one round trip overrides it
 * (the JDBC log answers them with one statement).
 *
 * <p>Implementations must be thread-safe.
 */
public interface AttemptLog {

    /**
     * Appends an attempt.
     *
     * @param attempt the attempt
     */
    void record(AttemptRecord attempt);

    /**
     * @param query which attempts
     * @return how many attempts match
     */
    long count(AttemptQuery query);

    /**
     * @param query which attempts
     * @param field the field to count the values of
     * @return how many distinct values of {@code field} the matching attempts have (attempts without a
     *     value of it are not counted)
     */
    long countDistinct(AttemptQuery query, AttemptField field);

    /**
     * @param query which attempts
     * @param max the most instants to return, at least 1
     * @return the instants of the latest matching attempts, newest first
     */
    List<Instant> recentTimes(AttemptQuery query, int max);

    /**
     * Answers one question by the method it names.
     *
     * @param question the question
     * @return its answer
     */
    default AttemptAnswer answer(AttemptQuestion question) {
        return switch (question.kind()) {
            case COUNT -> AttemptAnswer.ofCount(count(question.query()));
            case COUNT_DISTINCT -> AttemptAnswer.ofCount(countDistinct(question.query(), question.field()));
            case RECENT_TIMES -> AttemptAnswer.ofTimes(recentTimes(question.query(), question.max()));
        };
    }

    /**
     * Answers several questions, as one consistent read where the store can: each answer must equal
     * what {@link #answer} gives for its question at some instant after this call started. The default
     * asks them one by one.
     *
     * @param questions at most {@link #MAX_QUESTIONS} questions
     * @return their answers, in the questions' order
     */
    default List<AttemptAnswer> answerAll(List<AttemptQuestion> questions) {
        checkQuestions(questions);
        List<AttemptAnswer> answers = new java.util.ArrayList<>(questions.size());
        for (AttemptQuestion q : questions) {
            answers.add(answer(q));
        }
        return answers;
    }

    /** The most questions one {@link #answerAll} call takes. */
    int MAX_QUESTIONS = 64;

    /**
     * The bounds of {@link #answerAll}'s argument, for implementations to check before they read.
     *
     * @param questions the questions
     * @throws dev.couponkernel.spi.error.InvalidInputException when there are more than
     *     {@link #MAX_QUESTIONS} or one is null
     */
    static void checkQuestions(List<AttemptQuestion> questions) {
        if (questions == null) {
            throw new dev.couponkernel.spi.error.InvalidInputException("questions", "must not be null");
        }
        if (questions.size() > MAX_QUESTIONS) {
            throw new dev.couponkernel.spi.error.InvalidInputException("questions",
                    "at most " + MAX_QUESTIONS + " in one call, were " + questions.size());
        }
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i) == null) {
                throw new dev.couponkernel.spi.error.InvalidInputException("questions[" + i + "]", "must not be null");
            }
        }
    }

    /**
     * Removes attempts older than an instant, at most {@code max} of them per call.
     *
     * @param before attempts strictly before this instant are removed
     * @param max the most to remove in this call, at least 1
     * @return how many were removed
     */
    int purge(Instant before, int max);
}
