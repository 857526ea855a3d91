package dev.couponkernel.core.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couponkernel.spi.error.InvalidInputException;
import dev.couponkernel.spi.fraud.FraudDecision;
import dev.couponkernel.spi.fraud.FraudSignal;
import dev.couponkernel.spi.value.FraudScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The score combination rule of {@link FraudGuard#combine} and the thresholds' decisions. */
class FraudScoreProperties {

    @Provide
    Arbitrary<List<FraudSignal>> signals() {
        return Arbitraries.integers().between(0, 100).map(s -> FraudSignal.of("test.signal", s, "score " + s))
                .list().ofMaxSize(8);
    }

    @Property
    void theScoreStaysOnItsScale(@ForAll("signals") List<FraudSignal> signals) {
        int score = FraudGuard.combine(signals).value();
        assertThat(score).isBetween(0, 100);
        int max = signals.stream().mapToInt(FraudSignal::score).max().orElse(0);
        assertThat(score).as("never below the strongest signal").isGreaterThanOrEqualTo(max);
    }

    @Property
    void addingASignalNeverLowersTheScore(@ForAll("signals") List<FraudSignal> signals, @ForAll @IntRange(max = 100) int more) {
        List<FraudSignal> plus = new ArrayList<>(signals);
        plus.add(FraudSignal.of("test.more", more, "more"));
        assertThat(FraudGuard.combine(plus)).isGreaterThanOrEqualTo(FraudGuard.combine(signals));
    }

    @Property
    void onlyACertainSignalReachesOneHundred(@ForAll("signals") List<FraudSignal> signals) {
        boolean certain = signals.stream().anyMatch(s -> s.score() == 100);
        assertThat(FraudGuard.combine(signals).value() == 100).isEqualTo(certain);
    }

    @Property
    void aLoneSignalIsItsOwnScore(@ForAll @IntRange(max = 100) int s) {
        assertThat(FraudGuard.combine(List.of(FraudSignal.of("test.one", s, "one"))).value()).isEqualTo(s);
    }

    @Example
    void documentedCombinations() {
        assertThat(FraudGuard.combine(List.of()).value()).isZero();
        assertThat(FraudGuard.combine(List.of(FraudSignal.of("a", 45, "x"), FraudSignal.of("b", 45, "x"))).value()).isEqualTo(70);
        assertThat(FraudGuard.combine(List.of(FraudSignal.of("a", 99, "x"), FraudSignal.of("b", 99, "x"))).value()).isEqualTo(99);
    }

    @Property
    void thresholdsDecideMonotonically(@ForAll @IntRange(max = 100) int review, @ForAll @IntRange(min = 1, max = 100) int block,
            @ForAll @IntRange(max = 100) int a, @ForAll @IntRange(max = 100) int b) {
        if (review > block) {
            assertThatThrownBy(() -> FraudThresholds.of(review, block)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must not exceed block");
            return;
        }
        FraudThresholds t = FraudThresholds.of(review, block);
        FraudDecision low = t.decide(FraudScore.of(Math.min(a, b)));
        FraudDecision high = t.decide(FraudScore.of(Math.max(a, b)));
        assertThat(low.compareTo(high)).isLessThanOrEqualTo(0);
        assertThat(t.decide(FraudScore.of(block))).isEqualTo(FraudDecision.BLOCK);
    }

    @Example
    void contradictoryOrEmptyRulesAreRefused() {
        assertThatThrownBy(() -> FraudThresholds.of(0, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("blocks everyone");
        assertThatThrownBy(() -> AutoSuspend.after(Duration.ZERO, 1, 50)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("autoSuspend.window");
        assertThatThrownBy(() -> AutoSuspend.after(Duration.ofMinutes(1), 1, 101)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> MultiAccountSignal.defaults().limits(3, 2, Duration.ofHours(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least reviewAt");
        assertThatThrownBy(() -> VelocitySignal.defaults().limit(dev.couponkernel.spi.fraud.AttemptField.COUPON, 5,
                Duration.ofMinutes(1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FraudSignal.of("Bad Name", 10, "x")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> FraudSignal.of("ok", 101, "x")).isInstanceOf(InvalidInputException.class);
    }

    @Example
    void autoSuspensionNeedsBothTheCountAndTheShare() {
        AutoSuspend rule = AutoSuspend.after(Duration.ofMinutes(10), 10, 50);
        assertThat(rule.reached(9, 9)).isFalse();
        assertThat(rule.reached(10, 21)).isFalse();
        assertThat(rule.reached(10, 20)).isTrue();
    }
}
