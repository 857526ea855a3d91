package dev.couponkernel.core.fraud;

import dev.couponkernel.spi.fraud.AttemptAnswer;
import dev.couponkernel.spi.fraud.AttemptField;
import dev.couponkernel.spi.fraud.AttemptLog;
import dev.couponkernel.spi.fraud.AttemptQuery;
import dev.couponkernel.spi.fraud.AttemptQuestion;
import dev.couponkernel.spi.fraud.AttemptRecord;
import dev.couponkernel.spi.fraud.FraudCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history a provider reads during one assessment: the answers to the questions the providers
 * declared, asked of the log together beforehand, and the log itself for any other question.
 * Thread-safe: the answers are fixed when it is made.
 */
final class AnsweredHistory implements AttemptLog {

    private final AttemptLog log;
    private final Map<AttemptQuestion, AttemptAnswer> answers;

    private AnsweredHistory(AttemptLog log, Map<AttemptQuestion, AttemptAnswer> answers) {
        this.log = log;
        this.answers = answers;
    }

    /**
     * Asks the questions of the check's history, in calls of at most {@link AttemptLog#MAX_QUESTIONS}.
     *
     * @param check the attempt and its history
     * @param questions the distinct questions the providers declared
     * @return the check with a history that answers them without asking again; the check itself when
     *     nothing was asked or the log failed to answer (each provider then asks the log itself)
     */
    static FraudCheck around(FraudCheck check, Set<AttemptQuestion> questions) {
        if (questions.isEmpty()) {
            return check;
        }
        List<AttemptQuestion> all = new ArrayList<>(questions);
        Map<AttemptQuestion, AttemptAnswer> answers = new HashMap<>();
        try {
            for (int from = 0; from < all.size(); from += MAX_QUESTIONS) {
                List<AttemptQuestion> part = all.subList(from, Math.min(all.size(), from + MAX_QUESTIONS));
                List<AttemptAnswer> got = check.history().answerAll(List.copyOf(part));
                if (got == null || got.size() != part.size()) {
                    return check;
                }
                for (int i = 0; i < part.size(); i++) {
                    if (got.get(i) == null) {
                        return check;
                    }
                    answers.put(part.get(i), got.get(i));
                }
            }
        } catch (RuntimeException failed) {
            return check;
        }
        return new FraudCheck(check.attempt(), check.coupon(), check.discount(), new AnsweredHistory(check.history(), answers));
    }

    @Override
    public AttemptAnswer answer(AttemptQuestion question) {
        AttemptAnswer known = answers.get(question);
        return known != null ? known : log.answer(question);
    }

    @Override
    public void record(AttemptRecord attempt) {
        log.record(attempt);
    }

    @Override
    public long count(AttemptQuery query) {
        return answer(AttemptQuestion.count(query)).count();
    }

    @Override
    public long countDistinct(AttemptQuery query, AttemptField field) {
        return answer(AttemptQuestion.countDistinct(query, field)).count();
    }

    @Override
    public List<Instant> recentTimes(AttemptQuery query, int max) {
        return max > AttemptQuestion.MAX_TIMES ? log.recentTimes(query, max)
                : answer(AttemptQuestion.recentTimes(query, max)).times();
    }

    @Override
    public int purge(Instant before, int max) {
        return log.purge(before, max);
    }
}
