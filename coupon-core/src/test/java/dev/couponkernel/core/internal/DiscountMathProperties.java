package dev.couponkernel.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DiscountMathProperties {

    @Provide
    Arbitrary<List<Long>> weights() {
        return Arbitraries.oneOf(
                        Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.longs().between(0, Long.MAX_VALUE / 16))
                .list().ofMinSize(1).ofMaxSize(12)
                .filter(ws -> ws.stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a + b) >= 0);
    }

    @Property
    void allocationIsExactAndNeverExceedsALine(@ForAll("weights") List<Long> weightList, @ForAll double fraction) {
        long[] weights = weightList.stream().mapToLong(Long::longValue).toArray();
        long total = 0;
        for (long w : weights) {
            total += w;
        }
        long amount = (long) (total * Math.abs(fraction % 1.0));
        amount = Math.max(0, Math.min(amount, total));
        long[] shares = DiscountMath.allocate(amount, weights, (a, b) -> Integer.compare(b, a));

        long sum = 0;
        for (int i = 0; i < shares.length; i++) {
            assertThat(shares[i]).isBetween(0L, weights[i]);
            sum += shares[i];
        }
        assertThat(sum).isEqualTo(amount);
    }

    @Property
    void percentOfIsHalfUpRounding(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long amount, @ForAll @IntRange(min = 1, max = 10_000) int bp) {
        BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(bp)).divide(BigDecimal.valueOf(10_000));
        assertThat(DiscountMath.percentOf(amount, bp)).isEqualTo(exact.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    @Test
    void tiesGoToTheLowerRank() {
        int[] rank = {2, 0, 1};
        long[] shares = DiscountMath.allocate(1000, new long[] {1000, 1000, 1000}, (a, b) -> Integer.compare(rank[a], rank[b]));
        assertThat(shares).containsExactly(333, 334, 333);
    }
}
